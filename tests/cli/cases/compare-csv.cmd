compare signal briar --format csv
