/* licdata.c - loads the reference licence texts from the data root. */
#include "licdata.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fsutil.h"
#include "spdx.h"
#include "util.h"

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int licdata_load(struct licence_db *db, const char *dir, struct diag *d)
{
	DIR *dp = opendir(dir);
	if (!dp) {
		diag_add(d, dir, 0, 0, "cannot open the licence texts: %s", strerror(errno));
		return -1;
	}
	char **names = NULL;
	size_t nn = 0, nalloc = 0;
	struct dirent *de;
	while ((de = readdir(dp))) {
		if (de->d_name[0] == '.' || !str_has_suffix(de->d_name, ".txt"))
			continue;
		names = xgrow(names, sizeof(*names), nn + 1, &nalloc);
		names[nn++] = xstrdup(de->d_name);
	}
	closedir(dp);
	if (nn > 1)
		qsort(names, nn, sizeof(*names), cmp_name);
	int rc = 0;
	if (nn == 0) {
		diag_add(d, dir, 0, 0, "no licence texts (<SPDX-ID>.txt) in the directory");
		rc = -1;
	} else if (nn > LICENCE_MAX_REFS) {
		diag_add(d, dir, 0, 0, "%zu licence texts, more than the limit of %d", nn, LICENCE_MAX_REFS);
		rc = -1;
	}
	for (size_t i = 0; i < nn && nn <= LICENCE_MAX_REFS; i++) {
		char *path = xasprintf("%s/%s", dir, names[i]);
		char *id = xstrndup(names[i], strlen(names[i]) - 4);
		char err[128];
		size_t len;
		char *text = NULL;
		if (strchr(id, ' ') || spdx_check(id, err, sizeof(err), NULL, 0) < 0 || strncmp(id, "LicenseRef-", 11) == 0) {
			diag_add(d, path, 0, 0, "'%s' is not a known SPDX licence identifier", id);
			rc = -1;
		} else if (!(text = read_file(path, LICENCE_MAX_TEXT, &len))) {
			if (errno == EFBIG)
				diag_add(d, path, 0, 0, "larger than the limit of %d bytes", LICENCE_MAX_TEXT);
			else
				diag_add(d, path, 0, 0, "cannot read: %s", strerror(errno));
			rc = -1;
		} else if (licence_db_add(db, id, text, len) < 0) {
			diag_add(d, path, 0, 0, "not a usable licence text (binary, or fewer than %d words)",
				 LICENCE_MIN_WORDS);
			rc = -1;
		}
		free(text);
		free(id);
		free(path);
	}
	for (size_t i = 0; i < nn; i++)
		free(names[i]);
	free(names);
	return rc;
}
