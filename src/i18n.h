/* i18n.h - string catalogues of the generated pages (templates/i18n/<locale>.yml).
 *
 * English is the source locale and must define every key; another locale translates any
 * subset, and a lookup falls back to English per string. Keys are dotted paths of the
 * catalogue's nested maps ("links.homepage"). */
#ifndef MSGVET_I18N_H
#define MSGVET_I18N_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"

struct i18n_entry {
	const char *key;   /* dotted */
	const char *text;
	const char *file;
	unsigned line;
};

struct catalog {
	const char *locale;
	const char *file;     /* templates/i18n/<locale>.yml as read */
	struct i18n_entry *v; /* sorted by key */
	size_t n;
	size_t skipped; /* translations not compared with English because en.yml has errors */
};

struct i18n {
	struct catalog *cat; /* sorted by locale; "en" always present after a successful load */
	size_t n;
	size_t skipped; /* translations not compared with English because en.yml has errors */
};

/* Load every DIR/<locale>.yml; strings live in a. Keys a locale has that English lacks are
 * errors. A missing DIR is not an error (no catalogues: pages cannot be built). */
int i18n_load(struct i18n *t, struct arena *a, const char *dir, struct diag *d);
void i18n_release(struct i18n *t);

const struct catalog *i18n_catalog(const struct i18n *t, const char *locale);
/* The text of key in locale, else in English, else NULL. */
const char *i18n_get(const struct i18n *t, const char *locale, const char *key);
/* The entry of key in exactly this catalogue, or NULL. */
const struct i18n_entry *catalog_find(const struct catalog *c, const char *key);

#endif
