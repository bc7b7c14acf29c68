compare signal element briar
