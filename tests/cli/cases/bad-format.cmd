compare --all --format xml
