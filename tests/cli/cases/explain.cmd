explain signal forward-secrecy
