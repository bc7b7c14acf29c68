explain signal fs
