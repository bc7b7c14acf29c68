explain briar open-source-servers
