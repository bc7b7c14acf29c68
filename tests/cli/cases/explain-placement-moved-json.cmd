explain element placement --format json
