template render tests/fixtures/mustache/page.mustache
