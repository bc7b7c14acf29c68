template render tests/fixtures/mustache/page.mustache --data tests/fixtures/mustache/data.json --partials tests/fixtures/mustache/partials
