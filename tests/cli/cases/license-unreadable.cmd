license missing.txt tests data/licences/MIT.txt
