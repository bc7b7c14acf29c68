/* model.h - what msgvet knows: criteria versions and messengers, as loaded from data files.
 *
 * A model owns everything it loaded (one arena). Criteria files and messenger files keep their
 * node trees: facts are read from the tree by path, so a new fact needs a schema entry and no
 * new struct field. Localised texts are nodes mapping locale -> string. */
#ifndef MSGVET_MODEL_H
#define MSGVET_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "i18n.h"
#include "node.h"

struct rule;

enum level { LEVEL_MINIMUM, LEVEL_BEST_CASE };

struct messenger {
	const char *id;
	const char *name;
	const char *file;
	long order;              /* from `order`, LONG_MAX when absent */
	const struct node *root; /* the whole validated tree */
};

struct criterion {
	const char *id;
	enum level level;
	size_t index;             /* position in its file */
	const struct node *text;  /* localized */
	const struct rule *rule;
	const struct rule *applies; /* NULL: always applies */
	const struct node *at;    /* for messages */
};

struct footnote {
	const char *id;
	const struct node *text; /* localized */
};

struct section {
	const char *id;
	const struct node *title, *intro, *warning; /* localized; intro/warning may be NULL */
	const struct rule *admit;
};

/* One version of a category's criteria (criteria/<category>/<version>.yml). */
struct criteria {
	const char *category;
	const char *version;
	const char *file;
	const struct node *title;
	const struct node *page;  /* page settings: file, icon, cover, threats, localized texts */
	struct criterion *crit;
	size_t ncrit;
	struct footnote *notes;
	size_t nnotes;
	struct section *sections;
	size_t nsections;
};

struct model {
	struct arena arena;
	struct arena *arenas;         /* the loading workers' arenas (messenger trees) */
	size_t narenas, arenas_alloc;
	const char *root;             /* directory the data came from */
	struct messenger *messengers; /* sorted by id */
	size_t nmessengers;
	struct criteria *criteria;    /* sorted by category, then version */
	size_t ncriteria;
	struct i18n i18n;             /* templates/i18n/<locale>.yml */
};

/* Load and validate criteria/, data/messengers/ and templates/i18n/ under root. Every problem goes to d;
 * returns 0 when the data is valid, -1 otherwise (the model is then partial but freeable). */
int model_load(struct model *m, const char *root, struct diag *d);
void model_release(struct model *m);

/* Look-ups; NULL when absent. */
const struct messenger *model_messenger(const struct model *m, const char *id);
/* spec is "category@version", "category" (its newest version) or NULL (the newest version of
 * the first category). */
const struct criteria *model_criteria(const struct model *m, const char *spec);
const struct criterion *criteria_find(const struct criteria *c, const char *id);
const char *level_name(enum level l);

/* The text for locale, falling back to English; NULL when loc is NULL. */
const char *loc_text(const struct node *loc, const char *locale);

#endif
