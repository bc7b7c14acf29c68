/* node.h - a document tree read from a data file, with positions.
 *
 * The loader turns each YAML file into a tree of nodes (maps, sequences, scalars), every node
 * remembering the file, line and column it came from so that validation and evaluation can point
 * at it. All nodes and their strings live in the arena the loader was given.
 * A scalar node from a fact written as {value, source, checked} carries that metadata in
 * `meta`; a map may carry default metadata for the facts below it. */
#ifndef MSGVET_NODE_H
#define MSGVET_NODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

enum node_type { NODE_SCALAR, NODE_MAP, NODE_SEQ };

/* Where a fact comes from: the https URL and the date it was checked. */
struct fact_meta {
	const char *source;
	const char *checked; /* YYYY-MM-DD */
	const char *note;    /* optional, may be NULL */
};

struct node {
	const char *str;             /* scalar text (NUL-terminated); NULL for maps and sequences */
	struct node **kids;          /* map values or sequence items, n of them; a map's n keys
					follow them in the same block (node_keys) */
	const struct fact_meta *meta; /* source of this fact (or default for a map), or NULL */
	const char *file;            /* file it was read from (in the same arena) */
	const char *key;             /* list items of keyed lists: the item's stable key, else NULL */
	uint32_t n;
	uint32_t line, col;          /* 1-based */
	uint8_t type;                /* enum node_type */
	bool plain;                  /* scalar written without quotes (so true/false/numbers are typed) */
	bool literal;                /* literal block scalar (|): its line k is the file's line + k */
};

/* A map's keys, n of them (stored after its n kids: one block, and no pointer in every node);
 * NULL for scalars and sequences. */
static inline const char **node_keys(const struct node *n)
{
	return n->type == NODE_MAP ? (const char **)(void *)(n->kids + n->n) : NULL;
}

/* The value for key in a map node, or NULL (also NULL when n is not a map). */
struct node *node_get(const struct node *n, const char *key);
/* The scalar text at key, or NULL. */
const char *node_str(const struct node *n, const char *key);
const char *node_type_name(const struct node *n);

#endif
