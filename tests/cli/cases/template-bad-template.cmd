template render tests/fixtures/mustache/bad.mustache --data tests/fixtures/mustache/data.json
