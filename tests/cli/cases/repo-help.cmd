repo --help
