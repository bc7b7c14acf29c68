explain session
