show simplex
