/* validate.c - `msgvet validate`: every check of the gate (gate.h), with a summary. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "diag.h"
#include "gate.h"
#include "util.h"

int cmd_validate(struct ctx *ctx, int argc, char **argv)
{
	(void)argv;
	if (argc > 0)
		return usage_error(ctx, "unexpected argument '%s'", argv[0]);
	struct diag d = DIAG_INIT;
	d.max = 1000;
	struct gate_report rep;
	gate_load(&ctx->model, ctx->root, &d, &rep);
	ctx->loaded = true;
	size_t ntemplates = rep.ntemplates;
	if (d.n) {
		diag_print(&d, stderr);
		gate_print_skipped(&rep, stderr);
		fprintf(stderr, "%s: %zu error%s in '%s'\n", progname, d.n + d.dropped,
			d.n + d.dropped == 1 ? "" : "s", ctx->root);
		diag_release(&d);
		return EXIT_USAGE;
	}
	diag_release(&d);
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
	return EXIT_OK;
}
