explain session --format json
