compare --all
