explain element forward-secrecy
