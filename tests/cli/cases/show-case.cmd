show Signal
