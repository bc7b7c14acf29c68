/* i18n.c - string catalogues with per-string fallback to English. */
#include "i18n.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fsutil.h"
#include "node.h"
#include "schema.h"
#include "util.h"
#include "yamlfile.h"

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct i18n_entry *)a)->key, ((const struct i18n_entry *)b)->key);
}

/* Flatten nested maps into dotted keys. */
static size_t flatten(struct arena *a, const struct node *n, const char *prefix,
		      struct catalog *c, size_t *alloc, struct diag *d)
{
	size_t errs = 0;
	if (n->type != NODE_MAP) {
		diag_at(d, n, "expected a mapping of string keys to texts, found %s", node_type_name(n));
		return 1;
	}
	for (uint32_t i = 0; i < n->n; i++) {
		const char *k = node_keys(n)[i];
		const struct node *v = n->kids[i];
		const char *key = prefix ? arena_printf(a, "%s.%s", prefix, k) : k;
		if (!*k || strchr(k, '.') || strchr(k, ' ')) {
			diag_at(d, v, "'%s' is not a valid string key (no dots or spaces)", k);
			errs++;
			continue;
		}
		if (v->type == NODE_MAP) {
			errs += flatten(a, v, key, c, alloc, d);
			continue;
		}
		if (v->type == NODE_SCALAR && *v->str && schema_check_scalar(&schema_markdown, v, d) < 0) {
			errs++;
			continue;
		}
		if (v->type != NODE_SCALAR || !*v->str) {
			diag_at(d, v, "expected a text for '%s', found %s", key,
				v->type == NODE_SCALAR ? "an empty string" : node_type_name(v));
			errs++;
			continue;
		}
		c->v = xgrow(c->v, sizeof(*c->v), c->n + 1, alloc);
		c->v[c->n].key = key;
		c->v[c->n].text = v->str;
		c->v[c->n].file = v->file;
		c->v[c->n].line = v->line;
		c->n++;
	}
	return errs;
}

const struct i18n_entry *catalog_find(const struct catalog *c, const char *key)
{
	if (!c)
		return NULL;
	size_t lo = 0, hi = c->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int r = strcmp(c->v[mid].key, key);
		if (r == 0)
			return &c->v[mid];
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

int i18n_load(struct i18n *t, struct arena *a, const char *dir, struct diag *d)
{
	memset(t, 0, sizeof(*t));
	size_t nn;
	char **names = dir_names(dir, ".yml", &nn);
	if (!names) {
		if (errno == ENOENT)
			return 0;
		diag_add(d, dir, 0, 0, "cannot open directory: %s", strerror(errno));
		return -1;
	}
	int rc = 0;
	size_t calloc_ = 0;
	bool en_failed = false; /* en.yml is there but did not load: reported once, not again */
	for (size_t i = 0; i < nn; i++) {
		char *path = xasprintf("%s/%s", dir, names[i]);
		char *loc = xstrndup(names[i], strlen(names[i]) - 4);
		struct node *root = yaml_read_file(a, path, d);
		if (!locale_valid(loc)) {
			diag_add(d, path, 0, 0, "'%s' is not a locale (expected ll or ll-CC, e.g. fr.yml, pt-BR.yml)", loc);
			rc = -1;
		} else if (!root) {
			en_failed = en_failed || strcmp(loc, "en") == 0;
			rc = -1;
		} else {
			t->cat = xgrow(t->cat, sizeof(*t->cat), t->n + 1, &calloc_);
			struct catalog *c = &t->cat[t->n++];
			memset(c, 0, sizeof(*c));
			c->locale = arena_strdup(a, loc);
			c->file = root->file;
			size_t alloc = 0;
			if (flatten(a, root, NULL, c, &alloc, d)) {
				en_failed = en_failed || strcmp(loc, "en") == 0;
				rc = -1;
			}
			if (c->n > 1)
				qsort(c->v, c->n, sizeof(*c->v), cmp_entry);
		}
		free(loc);
		free(path);
	}
	dir_names_free(names, nn);
	const struct catalog *en = i18n_catalog(t, "en");
	if (t->n && !en) {
		if (en_failed)
			return -1;
		diag_add(d, dir, 0, 0, "no en.yml: English is the source locale and must define every string");
		return -1;
	}
	/* every translated key must exist in English; when English has errors, its rejected
	 * strings would make every translation of them an error too: skip, and say so */
	for (size_t i = 0; i < t->n; i++) {
		const struct catalog *c = &t->cat[i];
		if (c == en)
			continue;
		if (en_failed) {
			t->skipped++;
			continue;
		}
		for (size_t k = 0; k < c->n; k++) {
			if (catalog_find(en, c->v[k].key))
				continue;
			const char **cand = xcalloc(en->n + 1, sizeof(*cand));
			for (size_t j = 0; j < en->n; j++)
				cand[j] = en->v[j].key;
			const char *near = closest_match(c->v[k].key, cand, en->n);
			diag_add(d, c->v[k].file, c->v[k].line, 1,
				 "'%s' is not a string of the English catalogue%s%s%s", c->v[k].key,
				 near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
			free(cand);
			rc = -1;
		}
	}
	return rc;
}

void i18n_release(struct i18n *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->cat[i].v);
	free(t->cat);
	memset(t, 0, sizeof(*t));
}

const struct catalog *i18n_catalog(const struct i18n *t, const char *locale)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->cat[i].locale, locale) == 0)
			return &t->cat[i];
	return NULL;
}

const char *i18n_get(const struct i18n *t, const char *locale, const char *key)
{
	const struct i18n_entry *e = catalog_find(i18n_catalog(t, locale), key);
	if (!e)
		e = catalog_find(i18n_catalog(t, "en"), key);
	return e ? e->text : NULL;
}
