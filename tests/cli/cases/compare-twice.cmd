compare signal signal
