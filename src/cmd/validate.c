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
	if (ctx_max_age(ctx, &age)) {
		diag_release(&d);
		return EXIT_USAGE;
	}
	if (rc == 0 && age)
		gate_check_age(&ctx->model, ctx->now, age, &d);
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
