show signal
