explain element open-source-clients
