license --help
