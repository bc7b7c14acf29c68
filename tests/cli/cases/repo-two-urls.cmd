repo a b
