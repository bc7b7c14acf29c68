/* criteria.h - one version of a category's criteria, as loaded from criteria/<category>/<version>.yml.
 *
 * Plain types with no behaviour beyond look-ups: the loader (model.c) fills them, the rule
 * language and the evaluation (src/eval/) read them. Localised texts are nodes mapping
 * locale -> string. */
#ifndef MSGVET_CRITERIA_H
#define MSGVET_CRITERIA_H

#include <stdbool.h>
#include <stddef.h>

#include "node.h"

struct rule;

enum level { LEVEL_MINIMUM, LEVEL_BEST_CASE };

struct criterion {
	const char *id;
	enum level level;
	size_t index;             /* position in its file */
	const struct node *text;  /* localized */
	const struct rule *rule;
	const struct rule *applies; /* NULL: always applies */
	const struct node *at;    /* for messages */
	const struct node *aliases; /* short names for the command line (fs, pcs), or NULL */
};

struct footnote {
	const char *id;
	const struct node *text; /* localized */
};

struct section {
	const char *id;
	const struct node *title, *intro, *warning; /* localized; intro/warning may be NULL */
	bool untitled;            /* `heading: false`: the page shows no heading for the section,
				     its messengers are the page's top-level sections (## Name) */
	const struct rule *admit;
};

/* One version of a category's criteria (criteria/<category>/<version>.yml). */
struct criteria {
	const char *category;
	const char *version;
	const char *effective;    /* YYYY-MM-DD: when these criteria took effect upstream */
	const struct node *formerly; /* versions this one was once named, or NULL */
	const struct node *name_once_meant; /* `name-once-meant`: the version of the category
				     that earlier releases bundled under this version's name, or NULL */
	const char *file;
	const struct node *title;
	const struct node *page;  /* page settings: file, icon, cover, threats, localized texts */
	long max_age;             /* days after which a fact's checked date is stale; 0: unset */
	long max_inactivity;      /* days without a release or a commit after which `check` warns;
				     0: unset */
	struct criterion *crit;
	size_t ncrit;
	struct footnote *notes;
	size_t nnotes;
	struct section *sections;
	size_t nsections;
};

/* The criterion with id, or NULL (c may be NULL). */
const struct criterion *criteria_find(const struct criteria *c, const char *id);
/* "minimum" or "best-case". */
const char *level_name(enum level l);

#endif
