explain session e2ee-all-default --format json
