compare --criteria
