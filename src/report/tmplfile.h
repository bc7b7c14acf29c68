/* tmplfile.h - Mustache templates and partials stored as files, and building their contexts. */
#ifndef MSGVET_TMPLFILE_H
#define MSGVET_TMPLFILE_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "mustache.h"

#define TEMPLATE_MAX (1u << 20) /* bytes a template or partial file may have */

/* A mustache_partial_fn reading {{> name}} from DIR/name.mustache, where ctx is DIR (a
 * const char *; NULL: no partials). Names that are not plain file names ([a-z0-9._-], not
 * starting with a dot) are missing, as is a file that does not exist. */
int partial_from_dir(void *ctx, const char *name, char **src, size_t *len,
		     struct mustache_error *err);
/* Parse the template file at path; NULL after printing "path:line:col: message". */
struct mustache *template_load(const char *path);
/* Set root.a.b.c = s for the dotted key "a.b.c", creating the objects on the way. */
void json_set_dotted(cJSON *root, const char *key, const char *s);

#endif
