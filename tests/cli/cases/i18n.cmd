i18n
