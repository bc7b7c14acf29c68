explain signal e2ee
