template render tests/fixtures/mustache/nope.mustache --data tests/fixtures/mustache/data.json
