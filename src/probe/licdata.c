/* licdata.c - loads the reference licence texts from the data root. */
#include "licdata.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fsutil.h"
#include "spdx.h"
#include "util.h"

int licdata_load(struct licence_db *db, const char *dir, struct diag *d)
{
	size_t nn;
	char **names = dir_names(dir, ".txt", &nn);
	if (!names) {
		diag_add(d, dir, 0, 0, "cannot open the licence texts: %s", strerror(errno));
		return -1;
	}
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
	dir_names_free(names, nn);
	return rc;
}
