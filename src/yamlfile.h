/* yamlfile.h - strict YAML reading into node trees (the only user of libyaml).
 *
 * Accepts one document of maps, sequences and scalars. Refuses, with file:line:col: anchors,
 * aliases and tags (no alias bombs), duplicate or non-scalar keys, invalid UTF-8, NUL bytes,
 * files over YAML_MAX_FILE bytes, scalars over YAML_MAX_SCALAR bytes, maps over
 * YAML_MAX_KEYS keys, sequences over YAML_MAX_ITEMS items, nesting deeper than
 * YAML_MAX_DEPTH. */
#ifndef MSGVET_YAMLFILE_H
#define MSGVET_YAMLFILE_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "node.h"

#define YAML_MAX_FILE (4u << 20)
#define YAML_MAX_SCALAR (64u << 10)
#define YAML_MAX_KEYS 1000u
#define YAML_MAX_ITEMS 100000u
#define YAML_MAX_DEPTH 32u

/* Size limits of one file. */
struct yaml_limits {
	size_t max_file;    /* bytes */
	unsigned max_items; /* items of one sequence */
};
/* The limits of data files (YAML_MAX_FILE, YAML_MAX_ITEMS). */
extern const struct yaml_limits yaml_limits_data;

/* Read and parse the file at path; the tree lives in a. NULL after recording errors in d.
 * An empty document is an error ("expected a mapping"). */
struct node *yaml_read_file(struct arena *a, const char *path, struct diag *d);
/* Same with other limits (the observations file, which grows with the data). */
struct node *yaml_read_file_limits(struct arena *a, const char *path,
				   const struct yaml_limits *lim, struct diag *d);
/* Same, from memory; name is used in messages and stored as the nodes' file. */
struct node *yaml_read_mem(struct arena *a, const char *name, const char *data, size_t len,
			   struct diag *d);

#endif
