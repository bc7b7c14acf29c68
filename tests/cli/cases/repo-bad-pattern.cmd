repo --tag-pattern release x.git
