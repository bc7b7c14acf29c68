license --format csv data/licences/MIT.txt
