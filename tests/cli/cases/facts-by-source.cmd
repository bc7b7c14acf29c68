facts --by-source signal molly
