/* schema.h - the shape of every data file, as tables, and validation against it.
 *
 * A schema type describes what a node may be: a scalar of some kind, a map with known fields,
 * a list of items, a locale map. Validation walks a node tree against a type, records every
 * problem in a diag, and normalises facts: a field marked SF_FACT written as
 * {value, source, checked} is replaced by its value node carrying that metadata. */
#ifndef MSGVET_SCHEMA_H
#define MSGVET_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "node.h"

enum stype_kind {
	ST_STRING, ST_TEXT, ST_ID, ST_BOOL, ST_INT, ST_DATE, ST_URL, ST_SPDX, ST_ENUM, ST_VERSION,
	ST_HOST,      /* a DNS host name: labels of [a-z0-9-] joined by dots */
	ST_LOCALIZED, /* map locale -> string, en required */
	ST_LIST,      /* list of item */
	ST_MAP,       /* fixed fields */
	ST_LOCALES,   /* map locale -> item (en required) */
	ST_RULE,      /* a rule: checked by the rule parser, not here */
	ST_KEYMAP,    /* map whose keys are the values of the enum `keys`, each holding an item */
};

#define SF_REQUIRED 1u /* the field must be present */
#define SF_FACT 2u     /* may be written as {value, source, checked} */
#define SF_NOFACT 8u   /* identity or presentation (id, name, logo, order, prose): not a fact */
#define SF_OBSERVED 4u /* known from probes only: never declared in data (release, repository, store) */

struct stype;

/* One field of a map type. */
struct sfield {
	const char *key;
	const struct stype *type;
	unsigned flags;
};

/* How the items of a list of maps are named in fact paths: by the first of `fields` that is
 * present (KEY_FIRST), or by all present fields joined with '/' (KEY_JOIN). */
enum key_mode { KEY_FIRST, KEY_JOIN };

/* A type. fields for ST_MAP, item for ST_LIST, ST_LOCALES and ST_KEYMAP, values
 * (NULL-terminated) for ST_ENUM, keys (an enum type) for ST_KEYMAP; sourced maps may carry
 * source/checked for the facts below them. A list of maps with key_fields has items named by
 * a stable key (see node.key), unique within the list. */
struct stype {
	enum stype_kind kind;
	const char *name; /* for messages: "a bool", "a date (YYYY-MM-DD)" */
	const struct sfield *fields;
	const struct stype *item;
	const char *const *values;
	bool sourced;
	const char *const *key_fields; /* lists of maps: the fields that name an item */
	enum key_mode key_mode;
	const struct stype *keys;      /* ST_KEYMAP */
	const char *what;              /* lists of maps: what one item is, for messages ("client") */
};

extern const struct stype schema_messenger;
extern const struct stype schema_criteria;
extern const struct stype schema_markdown; /* Markdown text from data: no raw HTML */
extern const struct stype schema_url;      /* an https URL */

/* Validate tree against type, normalising facts in place (nodes live in arena a).
 * Returns the number of errors recorded. */
size_t schema_validate(struct arena *a, struct node *tree, const struct stype *type,
		       struct diag *d);

/* Check one scalar against a scalar type (for rule values); 0 or -1 with an error recorded. */
int schema_check_scalar(const struct stype *t, const struct node *n, struct diag *d);

/* Whether s is a DNS host name in lower case (matrix.org). */
bool host_valid(const char *s);

/* The field named key of a map type, or NULL. */
const struct sfield *schema_field(const struct stype *t, const char *key);

/* The type of the item at key in t: a field's type for maps, the item type for ST_KEYMAP when
 * key is one of its enum values; NULL otherwise. *flags gets the field's flags (may be NULL). */
const struct stype *schema_child(const struct stype *t, const char *key, unsigned *flags);

/* The registries: every value of an enumeration, in the order outputs list them
 * (NULL-terminated). "platform", "channel", "network", "identifier", "threat", "level". */
const char *const *schema_enum(const char *name);
/* Position of v in a NULL-terminated value list, or -1. */
int schema_enum_index(const char *const *values, const char *v);

/* Whether s is a well-formed locale tag: ll or ll-CC. */
bool locale_valid(const char *s);

#endif
