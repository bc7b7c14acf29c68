compare --all signal
