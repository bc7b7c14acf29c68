list --changes --out tests/fixtures/nothing
