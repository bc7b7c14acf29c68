show signal --format csv
