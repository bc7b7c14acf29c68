facts signal
