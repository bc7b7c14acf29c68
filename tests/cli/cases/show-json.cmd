show briar --format json
