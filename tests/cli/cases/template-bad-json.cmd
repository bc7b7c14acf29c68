template render tests/fixtures/mustache/page.mustache --data tests/fixtures/mustache/bad.json
