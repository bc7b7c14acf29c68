explain briar
