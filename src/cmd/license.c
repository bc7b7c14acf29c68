/* license.c - `msgvet license FILE...`: the licence of each file, detected from its text. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "cli.h"
#include "diag.h"
#include "fsutil.h"
#include "jsonw.h"
#include "licdata.h"
#include "licence.h"
#include "spdx.h"
#include "table.h"
#include "util.h"

/* What is printed for one file. */
struct finding {
	const char *licence;    /* an SPDX id or expression, "other" or "unknown" */
	const char *closest;    /* for other: the licence it resembles */
	double confidence;
	size_t edits;           /* SIZE_MAX when not known */
	const char *method;     /* "text", "spdx-identifier" or NULL */
	const char *reason;     /* why other or unknown, NULL for a licence */
	struct buf tag;         /* the SPDX-License-Identifier expression, empty when none */
};

/* Detect one file; -1 (after printing why) when it cannot be read. */
static int detect_file(struct ctx *ctx, const struct licence_db *db, const char *path,
		       struct finding *f)
{
	memset(f, 0, sizeof(*f));
	buf_init(&f->tag, 0);
	f->licence = "unknown";
	f->edits = SIZE_MAX;
	struct stat st;
	if (stat(path, &st) < 0) {
		input_error(ctx, "cannot read '%s': %s", path, strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		input_error(ctx, "'%s' is not a regular file", path);
		return -1;
	}
	size_t len;
	char *text = read_file(path, LICENCE_MAX_TEXT, &len);
	if (!text && errno == EFBIG) {
		f->reason = "too large for a licence text";
		return 0;
	}
	if (!text) {
		input_error(ctx, "cannot read '%s': %s", path, strerror(errno));
		return -1;
	}
	struct licence_result r;
	licence_detect(db, text, len, &r);
	bool has_tag = r.reason == NULL || strcmp(r.reason, "binary") != 0 ?
			       licence_spdx_tag(text, len, &f->tag) == 0 : false;
	free(text);
	f->confidence = r.confidence;
	f->edits = r.edits;
	f->reason = r.reason;
	switch (r.verdict) {
	case LICENCE_MATCH:
		f->licence = r.id;
		f->method = "text";
		break;
	case LICENCE_OTHER:
		f->licence = "other";
		f->closest = r.id;
		f->method = "text";
		break;
	case LICENCE_UNKNOWN:
		if (has_tag) {
			char err[128];
			if (spdx_check(f->tag.s, err, sizeof(err), NULL, 0) == 0) {
				f->licence = f->tag.s;
				f->method = "spdx-identifier";
				f->confidence = 1.0;
				f->reason = NULL;
			} else {
				f->reason = "its SPDX-License-Identifier is not a valid expression";
			}
		}
		break;
	}
	return 0;
}

static void put_text(struct table *t, const char *path, const struct finding *f)
{
	char conf[16];
	snprintf(conf, sizeof(conf), "%.3f", f->confidence);
	struct buf d = BUF_INIT;
	if (f->closest) {
		buf_addf(&d, "closest %s", f->closest);
		if (f->edits != SIZE_MAX)
			buf_addf(&d, ", %zu word%s differ", f->edits, f->edits == 1 ? "" : "s");
		else
			buf_adds(&d, ", many words differ");
	} else if (f->reason) {
		buf_adds(&d, f->reason);
	} else if (f->method && strcmp(f->method, "spdx-identifier") == 0) {
		buf_adds(&d, "from its SPDX-License-Identifier line");
	}
	if (f->tag.len && !(f->method && strcmp(f->method, "spdx-identifier") == 0) &&
	    strcmp(f->tag.s, f->licence) != 0)
		buf_addf(&d, "%sSPDX-License-Identifier: %s", d.len ? "; " : "", f->tag.s);
	bool known = f->method != NULL && f->closest == NULL;
	table_add(t, path, TONE_NONE);
	table_add(t, f->licence, known ? TONE_PASS : strcmp(f->licence, "other") == 0 ? TONE_FAIL : TONE_UNKNOWN);
	table_add(t, conf, TONE_NONE);
	table_add(t, d.s, TONE_DIM);
	buf_release(&d);
}

static void put_json(struct jsonw *w, const char *path, const struct finding *f)
{
	jw_obj(w);
	jw_kstr(w, "closest", f->closest);
	jw_key(w, "confidence");
	jw_fixed(w, f->confidence, 3);
	jw_key(w, "edits");
	if (f->edits == SIZE_MAX)
		jw_null(w);
	else
		jw_int(w, (long)f->edits);
	jw_kstr(w, "file", path);
	jw_kstr(w, "license", f->licence);
	jw_kstr(w, "method", f->method);
	jw_kstr(w, "reason", f->reason);
	jw_kstr(w, "spdx_identifier", f->tag.len ? f->tag.s : NULL);
	jw_obj_end(w);
}

int cmd_license(struct ctx *ctx, int argc, char **argv)
{
	if (argc == 0)
		return usage_error(ctx, "no file given");
	struct licence_db db = {0};
	struct diag d = DIAG_INIT;
	char *dir = xasprintf("%s/%s", ctx->root, LICDATA_DIR);
	int rc = EXIT_OK;
	if (licdata_load(&db, dir, &d) < 0) {
		diag_print(&d, stderr);
		rc = EXIT_USAGE;
		goto out;
	}
	struct table t;
	struct jsonw w;
	if (ctx->format == FMT_JSON) {
		jw_init(&w, stdout);
		jw_obj(&w);
		jw_key(&w, "files");
		jw_arr(&w);
	} else {
		table_init(&t, 4);
		table_add(&t, "file", TONE_HEAD);
		table_add(&t, "license", TONE_HEAD);
		table_add(&t, "confidence", TONE_HEAD);
		table_add(&t, "detail", TONE_HEAD);
	}
	for (int i = 0; i < argc; i++) {
		struct finding f;
		if (detect_file(ctx, &db, argv[i], &f) < 0)
			rc = EXIT_USAGE;
		else if (ctx->format == FMT_JSON)
			put_json(&w, argv[i], &f);
		else
			put_text(&t, argv[i], &f);
		buf_release(&f.tag);
	}
	if (ctx->format == FMT_JSON) {
		jw_arr_end(&w);
		jw_obj_end(&w);
		jw_finish(&w);
	} else {
		if (t.n > t.ncols)
			table_print(&t, stdout, ctx->color, ctx->width);
		table_release(&t);
	}
out:
	diag_release(&d);
	licence_db_release(&db);
	free(dir);
	return rc;
}
