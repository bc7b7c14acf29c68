/* cli.c - context helpers shared by the commands. */
#include "cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "site.h"
#include "util.h"

/* The observations file: --observations, else data/observed.json when the root has one. */
int ctx_load_observations(struct ctx *ctx, struct diag *d)
{
	const char *opt = ctx->opt[OPT_OBSERVATIONS];
	char *path = opt ? xstrdup(opt)
			 : strcmp(ctx->root, ".") == 0 ? xstrdup("data/observed.json")
						       : xasprintf("%s/data/observed.json", ctx->root);
	int rc = 0;
	if (opt || access(path, F_OK) == 0)
		rc = factsrc_load(&ctx->facts, path, ctx->model.messengers, ctx->model.nmessengers, d);
	free(path);
	return rc;
}

int ctx_check_loaded(struct ctx *ctx, struct diag *d)
{
	const struct catalog *en = i18n_catalog(&ctx->model.i18n, "en");
	int rc = 0;
	if (en && site_check_strings(&ctx->model.i18n, en->file, d) < 0)
		rc = -1;
	if (ctx_load_observations(ctx, d) < 0)
		rc = -1;
	return rc;
}

int ctx_load(struct ctx *ctx)
{
	struct diag d = DIAG_INIT;
	int rc = model_load(&ctx->model, ctx->root, &d);
	ctx->loaded = true;
	if (rc == 0 && d.n == 0 && ctx_check_loaded(ctx, &d) < 0)
		rc = -1;
	if (rc < 0 || d.n) {
		diag_print(&d, stderr);
		fprintf(stderr, "%s: the data under '%s' is invalid (%zu error%s); run '%s validate'\n",
			progname, ctx->root, d.n + d.dropped, d.n + d.dropped == 1 ? "" : "s", progname);
		rc = -1;
	}
	diag_release(&d);
	return rc;
}

const struct criteria *ctx_criteria(struct ctx *ctx)
{
	const char *spec = ctx->opt[OPT_CRITERIA];
	const struct criteria *c = model_criteria(&ctx->model, spec);
	if (c)
		return c;
	if (!spec) {
		warnmsg("no criteria under '%s/criteria'", ctx->root);
		return NULL;
	}
	const struct model *m = &ctx->model;
	const char **cand = xcalloc(m->ncriteria * 2 + 1, sizeof(*cand));
	char **owned = xcalloc(m->ncriteria + 1, sizeof(*owned));
	size_t nc = 0;
	/* a spec without @ is a category: suggest categories; with @, versions */
	bool versioned = strchr(spec, '@') != NULL;
	for (size_t i = 0; i < m->ncriteria; i++) {
		owned[i] = xasprintf("%s@%s", m->criteria[i].category, m->criteria[i].version);
		if (versioned)
			cand[nc++] = owned[i];
		else if (i == 0 || strcmp(m->criteria[i - 1].category, m->criteria[i].category) != 0)
			cand[nc++] = m->criteria[i].category;
	}
	const char *near = closest_match(spec, cand, nc);
	if (near)
		input_error(ctx, "unknown criteria '%s' (did you mean '%s'?)", spec, near);
	else
		input_error(ctx, "unknown criteria '%s' (expected CATEGORY or CATEGORY@VERSION)", spec);
	for (size_t i = 0; i < m->ncriteria; i++)
		free(owned[i]);
	free(owned);
	free(cand);
	return NULL;
}

const struct messenger *ctx_messenger(struct ctx *ctx, const char *id)
{
	const struct messenger *x = model_messenger(&ctx->model, id);
	if (x)
		return x;
	const struct model *m = &ctx->model;
	const char **cand = xcalloc(m->nmessengers + 1, sizeof(*cand));
	for (size_t i = 0; i < m->nmessengers; i++)
		cand[i] = m->messengers[i].id;
	const char *near = closest_match(id, cand, m->nmessengers);
	if (near)
		input_error(ctx, "unknown messenger '%s' (did you mean '%s'?)", id, near);
	else
		input_error(ctx, "unknown messenger '%s' ('msgvet list' shows them)", id);
	free(cand);
	return NULL;
}

struct evaluation *ctx_eval(struct ctx *ctx, const struct criteria *c,
			    const struct messenger *const *ms, size_t n)
{
	const struct messenger **all = NULL;
	if (!ms) {
		n = ctx->model.nmessengers;
		all = xcalloc(n + 1, sizeof(*all));
		for (size_t i = 0; i < n; i++)
			all[i] = &ctx->model.messengers[i];
		ms = all;
	}
	struct evaluation *e = eval_run(c, ms, n, &ctx->facts, ctx->now);
	free(all);
	return e;
}

int usage_error(const struct ctx *ctx, const char *fmt, ...)
{
	va_list ap;
	if (ctx && ctx->cmd)
		fprintf(stderr, "%s %s: ", progname, ctx->cmd->name);
	else
		fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (ctx && ctx->cmd)
		fprintf(stderr, "try '%s %s --help'\n", progname, ctx->cmd->name);
	else
		fprintf(stderr, "try '%s --help'\n", progname);
	return EXIT_USAGE;
}

int input_error(const struct ctx *ctx, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s %s: ", progname, ctx->cmd->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_USAGE;
}
