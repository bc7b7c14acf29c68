i18n --format json
