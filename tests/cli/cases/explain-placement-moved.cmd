explain element placement
