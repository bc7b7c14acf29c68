explain signal post
