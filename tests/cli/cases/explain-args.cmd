explain signal
