compare --al
