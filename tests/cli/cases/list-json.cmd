list --format json
