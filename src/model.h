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
#include "criteria.h"
#include "diag.h"
#include "i18n.h"
#include "messenger.h"
#include "node.h"

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
/* The same, with beside(beside_ctx) run once by the workers that load the messengers, as the
 * first piece of their work (beside may be NULL). It must not touch the model. */
int model_load_beside(struct model *m, const char *root, struct diag *d,
		      void (*beside)(void *ctx), void *beside_ctx);
void model_release(struct model *m);

/* Look-ups; NULL when absent. */
const struct messenger *model_messenger(const struct model *m, const char *id);
/* spec is "category@version", "category" (its newest version) or NULL (the newest version of
 * the first category). "category@old" also finds the version whose `formerly` lists old, unless
 * a version is named old itself. */
const struct criteria *model_criteria(const struct model *m, const char *spec);

/* The text for locale, falling back to English; NULL when loc is NULL. */
const char *loc_text(const struct node *loc, const char *locale);

#endif
