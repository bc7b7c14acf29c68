validate --max-age soon
