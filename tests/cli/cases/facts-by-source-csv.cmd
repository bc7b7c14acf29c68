facts --by-source --format csv molly telegram
