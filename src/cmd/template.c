/* template.c - `msgvet template render TEMPLATE --data FILE.json [--partials DIR]`. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "buf.h"
#include "cli.h"
#include "diag.h"
#include "fsutil.h"
#include "mustache.h"
#include "tmplfile.h"
#include "util.h"

#define INPUT_MAX (16u << 20)

/* Line and column of offset in s. */
static void position(const char *s, size_t offset, unsigned *line, unsigned *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < offset && s[i]; i++) {
		if (s[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)s[i] & 0xC0) != 0x80) {
			(*col)++;
		}
	}
}

int cmd_template(struct ctx *ctx, int argc, char **argv)
{
	if (argc < 1)
		return usage_error(ctx, "expected 'render TEMPLATE --data FILE.json'");
	if (strcmp(argv[0], "render") != 0)
		return usage_error(ctx, "unknown subcommand '%s' (expected render)", argv[0]);
	if (argc != 2)
		return usage_error(ctx, "render takes one template file, found %d", argc - 1);
	const char *tpath = argv[1], *dpath = ctx->opt[OPT_DATA];
	if (!dpath)
		return usage_error(ctx, "render needs --data FILE.json");
	size_t tlen, dlen;
	char *tsrc = read_file(tpath, INPUT_MAX, &tlen);
	if (!tsrc)
		return input_error(ctx, "cannot read '%s': %s", tpath, strerror(errno));
	char *dsrc = read_file(dpath, INPUT_MAX, &dlen);
	if (!dsrc) {
		free(tsrc);
		return input_error(ctx, "cannot read '%s': %s", dpath, strerror(errno));
	}
	int rc = EXIT_OK;
	struct mustache *t = NULL;
	const char *end = NULL;
	/* read_file NUL-terminates: the length includes it so that trailing garbage is refused */
	cJSON *data = cJSON_ParseWithLengthOpts(dsrc, dlen + 1, &end, 1);
	if (!data) {
		unsigned line, col;
		size_t off = end ? (size_t)(end - dsrc) : 0;
		position(dsrc, off, &line, &col);
		fprintf(stderr, "%s:%u:%u: invalid JSON: expected a JSON value here\n", dpath, line, col);
		rc = EXIT_USAGE;
		goto out;
	}
	struct mustache_error err = {0};
	t = mustache_parse(tsrc, tlen, tpath, &err);
	if (!t) {
		diag_report(stderr, tpath, err.line, err.col, err.msg);
		rc = EXIT_USAGE;
		goto out;
	}
	struct buf b = BUF_INIT;
	if (mustache_render(t, data, partial_from_dir, (void *)ctx->opt[OPT_PARTIALS], NULL, &b, &err) < 0) {
		diag_report(stderr, err.file ? err.file : tpath, err.line, err.col, err.msg);
		rc = EXIT_USAGE;
	} else {
		fwrite(b.s, 1, b.len, stdout);
	}
	buf_release(&b);
out:
	mustache_free(t);
	cJSON_Delete(data);
	free(tsrc);
	free(dsrc);
	return rc;
}
