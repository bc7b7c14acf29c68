/* validate.c - `msgvet validate`: strict check of every data file. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "diag.h"
#include "gate.h"
#include "eval.h"
#include "fsutil.h"
#include "jsonw.h"
#include "mustache.h"
#include "util.h"

/* Warn about each fact below n (its path so far in path) checked more than max_age days
 * before now; a map's {source, checked} covers the facts below it and is reported once. */
static void check_age(const struct node *n, const struct fact_meta *inherited, struct buf *path,
		      long now, long max_age, struct diag *d)
{
	long checked;
	if (n->meta && n->meta != inherited && n->meta->checked &&
	    date_parse(n->meta->checked, &checked) == 0 && now - checked > max_age)
		diag_warn_at(d, n, "%s '%s' %s checked on %s, %ld days ago (more than %ld)",
			     n->type == NODE_MAP ? "the facts of" : "fact", path->s,
			     n->type == NODE_MAP ? "were" : "was", n->meta->checked, now - checked, max_age);
	const struct fact_meta *meta = n->meta ? n->meta : inherited;
	for (uint32_t i = 0; n->type != NODE_SCALAR && i < n->n; i++) {
		size_t len = path->len;
		if (n->type == NODE_MAP)
			buf_addf(path, "%s%s", len ? "." : "", n->keys[i]);
		else if (n->kids[i]->key) /* list items by their stable key, as facts names them */
			buf_addf(path, "[%s]", n->kids[i]->key);
		else
			buf_addf(path, "[%u]", (unsigned)i);
		check_age(n->kids[i], meta, path, now, max_age, d);
		path->len = len;
		path->s[len] = '\0';
	}
}

/* The age limit: --max-age, else the smallest max-age of the criteria files; 0 when none. */
static int max_age(const struct ctx *ctx, long *days)
{
	const char *opt = ctx->opt[OPT_MAX_AGE];
	*days = 0;
	if (opt) {
		char *end;
		errno = 0;
		long v = strtol(opt, &end, 10);
		if (errno || end == opt || *end || v <= 0)
			return usage_error(ctx, "--max-age '%s' is not a number of days above 0", opt);
		*days = v;
		return 0;
	}
	for (size_t i = 0; i < ctx->model.ncriteria; i++) {
		long v = ctx->model.criteria[i].max_age;
		if (v > 0 && (*days == 0 || v < *days))
			*days = v;
	}
	return 0;
}

/* Every diagnostic as a JSON object, for CI. */
static void print_json(struct diag *d)
{
	diag_sort(d);
	struct jsonw w;
	jw_init(&w, stdout);
	jw_obj(&w);
	jw_key(&w, "diagnostics");
	jw_arr(&w);
	for (size_t i = 0; i < d->n; i++) {
		const struct diag_entry *e = &d->v[i];
		jw_obj(&w);
		jw_key(&w, "col");
		jw_int(&w, e->col);
		jw_kstr(&w, "file", *e->file ? e->file : NULL);
		jw_key(&w, "line");
		jw_int(&w, e->line);
		jw_kstr(&w, "message", e->msg);
		jw_kstr(&w, "severity", e->warning ? "warning" : "error");
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_key(&w, "dropped");
	jw_int(&w, (long)d->dropped);
	jw_key(&w, "errors");
	jw_int(&w, (long)diag_errors(d));
	jw_key(&w, "valid");
	jw_bool(&w, diag_errors(d) == 0);
	jw_key(&w, "warnings");
	jw_int(&w, (long)d->nwarn);
	jw_obj_end(&w);
	jw_finish(&w);
}

int cmd_validate(struct ctx *ctx, int argc, char **argv)
{
	(void)argv;
	if (argc > 0)
		return usage_error(ctx, "unexpected argument '%s'", argv[0]);
	struct diag d = DIAG_INIT;
	d.max = 1000;
	struct gate_report rep;
	int rc = ctx_gate(ctx, &d, &rep);
	long age = 0;
	if (max_age(ctx, &age)) {
		diag_release(&d);
		return EXIT_USAGE;
	}
	for (size_t i = 0; rc == 0 && age && i < ctx->model.nmessengers; i++) {
		struct buf path = BUF_INIT;
		check_age(ctx->model.messengers[i].root, NULL, &path, ctx->now, age, &d);
		buf_release(&path);
	}
	size_t ntemplates = rep.ntemplates;
	size_t nerr = diag_errors(&d), nwarn = d.nwarn;
	int status = nerr ? EXIT_USAGE : nwarn && ctx->opt[OPT_STRICT] ? EXIT_FINDINGS : EXIT_OK;
	if (ctx->format == FMT_JSON) {
		print_json(&d);
		diag_release(&d);
		return status;
	}
	if (d.n)
		diag_print(&d, stderr);
	diag_release(&d);
	if (nerr)
		gate_print_skipped(&rep, stderr);
	if (nerr) {
		fprintf(stderr, "%s: %zu error%s in '%s'\n", progname, nerr, nerr == 1 ? "" : "s",
			ctx->root);
		return status;
	}
	if (nwarn)
		fprintf(stderr, "%s: %zu warning%s in '%s'%s\n", progname, nwarn, nwarn == 1 ? "" : "s",
			ctx->root, ctx->opt[OPT_STRICT] ? " (--strict: exit status 1)" : "");
	if (!ctx->opt[OPT_QUIET]) {
		const struct model *m = &ctx->model;
		size_t ncrit = 0;
		for (size_t i = 0; i < m->ncriteria; i++)
			ncrit += m->criteria[i].ncrit;
		printf("ok: %zu criteria version%s (%zu criteria), %zu messenger%s, %zu locale%s, "
		       "%zu template%s in %s\n",
		       m->ncriteria, m->ncriteria == 1 ? "" : "s", ncrit, m->nmessengers,
		       m->nmessengers == 1 ? "" : "s", m->i18n.n, m->i18n.n == 1 ? "" : "s",
		       ntemplates, ntemplates == 1 ? "" : "s", ctx->root);
	}
	return status;
}
