/* tmplfile.c - template and partial files. */
#include "tmplfile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "fsutil.h"
#include "util.h"

int partial_from_dir(void *ctx, const char *name, char **src, size_t *len,
		     struct mustache_error *err)
{
	const char *dir = ctx;
	if (!dir || name[0] == '.')
		return 1;
	for (const char *s = name; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		      *s == '-' || *s == '_' || *s == '.'))
			return 1; /* not a file name: missing, as the spec says */
	char *path = xasprintf("%s/%s.mustache", dir, name);
	*src = read_file(path, TEMPLATE_MAX, len);
	int rc = 0;
	if (!*src) {
		if (errno == ENOENT) {
			rc = 1;
		} else {
			snprintf(err->msg, sizeof(err->msg), "cannot read partial '%s': %s", path,
				 strerror(errno));
			rc = -1;
		}
	}
	free(path);
	return rc;
}

struct mustache *template_load(const char *path)
{
	size_t len;
	char *src = read_file(path, TEMPLATE_MAX, &len);
	if (!src) {
		fprintf(stderr, "%s:1:1: cannot read template: %s\n", path, strerror(errno));
		return NULL;
	}
	struct mustache_error err = {0};
	struct mustache *t = mustache_parse(src, len, path, &err);
	if (!t)
		diag_report(stderr, path, err.line, err.col, err.msg);
	free(src);
	return t;
}

void json_set_dotted(cJSON *root, const char *key, const char *s)
{
	cJSON *obj = root;
	const char *p = key, *dot;
	while ((dot = strchr(p, '.'))) {
		char *part = xstrndup(p, (size_t)(dot - p));
		cJSON *next = cJSON_GetObjectItemCaseSensitive(obj, part);
		if (!next)
			next = cJSON_AddObjectToObject(obj, part);
		free(part);
		obj = next;
		p = dot + 1;
	}
	cJSON_AddStringToObject(obj, p, s);
}
