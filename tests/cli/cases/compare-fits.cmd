compare signal element
