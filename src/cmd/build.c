/* build.c - `msgvet build`: the guide's pages for every criteria version and locale. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "cli.h"
#include "diag.h"
#include "export.h"
#include "fsutil.h"
#include "mustache.h"
#include "page.h"
#include "present.h"
#include "site.h"
#include "tmplfile.h"
#include "util.h"

/* Files are written under temporary names as soon as they are rendered (so the whole site
 * never sits in memory) and put in place together at the end. */
struct outputs {
	struct stage stage;
	size_t n;
	int failed;      /* errno of the first write that failed, 0 when none */
	char *failed_path;
	char *first;     /* the first path, for the one-page message */
	const char *dir; /* the output directory, for emit_site() */
};

static void add_output(struct outputs *o, char *path, struct buf *b)
{
	if (!o->failed && stage_file(&o->stage, path, b->s, b->len) < 0) {
		o->failed = errno;
		o->failed_path = xstrdup(path);
	}
	if (!o->first)
		o->first = xstrdup(path);
	o->n++;
	buf_release(b);
	free(path);
}

/* site_render() hands each file of the comparison site to emit_site(). */
static void emit_site(void *ctx, const char *relpath, struct buf *content)
{
	struct outputs *o = ctx;
	add_output(o, xasprintf("%s/%s", o->dir, relpath), content);
}

/* The page template of a category: templates/<category>.md.mustache, else page.md.mustache. */
static struct mustache *load_template(const char *root, const char *category, char **used)
{
	char *path = xasprintf("%s/templates/%s.md.mustache", root, category);
	if (access(path, F_OK) != 0) {
		free(path);
		path = xasprintf("%s/templates/page.md.mustache", root);
	}
	*used = path;
	return template_load(path);
}

/* Each undetermined messenger of e on stderr, with the facts that would decide it; returns
 * whether there was one. *count adds them up. */
static bool report_undetermined(const struct ctx *ctx, const struct evaluation *e, size_t *count)
{
	bool any = false;
	const struct criteria *c = e->c;
	const struct crit_result **rs = xcalloc(c->ncrit + 1, sizeof(*rs));
	for (size_t i = 0; i < e->n; i++) {
		const struct messenger_result *r = &e->v[i];
		if (!r->undetermined)
			continue;
		any = true;
		(*count)++;
		struct buf line = BUF_INIT;
		placement_reason(&line, c, r);
		fprintf(stderr, "%s build: %s: %s: %s%s\n", progname, criteria_spec(c), r->m->id, line.s,
			ctx->opt[OPT_ALLOW_UNDETERMINED] ? " (published without it)" : "");
		buf_release(&line);
		size_t n = eval_placement_reasons(c, r, rs, c->ncrit);
		for (size_t k = 0; k < n; k++)
			for (size_t j = 0; j < rs[k]->nev; j++) {
				const struct fact *f = &rs[k]->ev[j];
				if (!f->doubt)
					continue;
				if (f->status == OBS_CONTRADICTED)
					fprintf(stderr, "  %s:%u: %s is contradicted by %s (probe %s)\n", f->file,
						f->line, f->path, f->obs->source ? f->obs->source : "an observation",
						f->obs->probe);
				else
					fprintf(stderr, "  %s: %s is not declared (read by %s)\n", f->file,
						f->path, rs[k]->crit->id);
			}
	}
	free(rs);
	return any;
}

static bool newest_of_category(const struct model *m, const struct criteria *c)
{
	return model_criteria(m, c->category) == c;
}

int cmd_build(struct ctx *ctx, int argc, char **argv)
{
	if (argc > 0)
		return usage_error(ctx, "unexpected argument '%s'", argv[0]);
	if (ctx_load(ctx) < 0)
		return EXIT_USAGE;
	const struct model *m = &ctx->model;
	const char *out = ctx->opt[OPT_OUT] ? ctx->opt[OPT_OUT] : "site";
	const char *only_locale = ctx->opt[OPT_LOCALE];
	if (m->i18n.n == 0)
		return input_error(ctx, "no string catalogues under '%s/templates/i18n': cannot build pages", ctx->root);
	if (only_locale && !i18n_catalog(&m->i18n, only_locale)) {
		struct buf have = BUF_INIT;
		for (size_t i = 0; i < m->i18n.n; i++)
			buf_addf(&have, "%s%s", i ? ", " : "", m->i18n.cat[i].locale);
		int rc = input_error(ctx, "unknown locale '%s' (templates/i18n has: %s)", only_locale,
				     have.s);
		buf_release(&have);
		return rc;
	}
	const struct criteria *only = NULL;
	if (ctx->opt[OPT_CRITERIA] && !(only = ctx_criteria(ctx)))
		return EXIT_USAGE;
	bool single = only && only_locale;

	struct outputs outs = {0};
	char *pdir = xasprintf("%s/templates/partials", ctx->root);
	int rc = EXIT_OK;
	const char *tcat = NULL;
	struct mustache *tmpl = NULL;
	char *tpath = NULL;
	struct evaluation **evals = xcalloc(m->ncriteria + 1, sizeof(*evals));
	size_t nevals = 0, undetermined = 0;
	for (size_t ci = 0; ci < m->ncriteria && rc == EXIT_OK; ci++) {
		const struct criteria *c = &m->criteria[ci];
		if (only && c != only)
			continue;
		if (!tcat || strcmp(tcat, c->category) != 0) {
			mustache_free(tmpl);
			free(tpath);
			tpath = NULL;
			tmpl = load_template(ctx->root, c->category, &tpath);
			tcat = c->category;
			if (!tmpl) {
				rc = EXIT_USAGE;
				break;
			}
		}
		struct evaluation *e = ctx_eval(ctx, c, NULL, 0);
		eval_sort_page(e);
		evals[nevals++] = e;
		if (report_undetermined(ctx, e, &undetermined) && !ctx->opt[OPT_ALLOW_UNDETERMINED])
			continue; /* nothing to render: the build stops, once every version is reported */
		for (size_t li = 0; li < m->i18n.n; li++) {
			const char *loc = m->i18n.cat[li].locale;
			if (only_locale && strcmp(loc, only_locale) != 0)
				continue;
			cJSON *data = page_context(e, &m->i18n, loc);
			struct buf b = BUF_INIT;
			struct mustache_error err = {0};
			if (mustache_render(tmpl, data, partial_from_dir, pdir, buf_add_md, &b, &err) < 0) {
				diag_report(stderr, err.file ? err.file : tpath, err.line, err.col, err.msg);
				rc = EXIT_USAGE;
			}
			cJSON_Delete(data);
			if (rc != EXIT_OK) {
				buf_release(&b);
				break;
			}
			char *path;
			bool newest = newest_of_category(m, c);
			bool en = strcmp(loc, "en") == 0;
			if (single)
				path = xasprintf("%s/%s", out, page_file(c));
			else
				path = xasprintf("%s/docs/%s%s%s%s%s", out, newest ? "" : c->version,
						 newest ? "" : "/", en ? "" : loc, en ? "" : "/",
						 page_file(c));
			add_output(&outs, path, &b);
		}
	}
	if (rc == EXIT_OK && undetermined && !ctx->opt[OPT_ALLOW_UNDETERMINED]) {
		fprintf(stderr, "%s build: %zu placement%s undetermined: nothing written (fix the facts, or publish without %s with --allow-undetermined)\n",
			progname, undetermined, undetermined == 1 ? " is" : "s are", undetermined == 1 ? "it" : "them");
		rc = EXIT_FINDINGS;
	}
	if (rc == EXIT_OK && !single) {
		/* the exports cover every version that was built */
		struct buf b = BUF_INIT;
		export_json(m, evals, nevals, &b);
		add_output(&outs, xasprintf("%s/msgvet.json", out), &b);
		for (size_t i = 0; i < nevals; i++)
			export_csv(evals[i], &b, i == 0);
		add_output(&outs, xasprintf("%s/msgvet.csv", out), &b);
		/* the comparison site, compare/ */
		char *tdir = xasprintf("%s/templates", ctx->root);
		outs.dir = out;
		/* the site compares the versions of one category: the first one built */
		size_t nsite = 0;
		while (nsite < nevals && strcmp(evals[nsite]->c->category, evals[0]->c->category) == 0)
			nsite++;
		if (nsite < nevals)
			warnmsg("the comparison site covers the category '%s' only", evals[0]->c->category);
		if (nsite && site_render(m, evals, nsite, tdir, emit_site, &outs) < 0)
			rc = EXIT_USAGE;
		free(tdir);
	}
	/* what the new placements change, against the export the previous build left */
	if (rc == EXIT_OK && !single) {
		char *prev = xasprintf("%s/msgvet.json", out);
		struct placements pl;
		struct buf err = BUF_INIT, lines = BUF_INIT;
		int pr = export_read_placements(prev, &pl, &err);
		if (pr < 0)
			warnmsg("%s (placement changes not listed)", err.s);
		for (size_t i = 0; pr == 0 && i < nevals; i++)
			export_placement_changes(evals[i], &pl, &lines);
		if (lines.len)
			fprintf(stderr, "%s build: placements that change from %s:\n%s", progname, prev, lines.s);
		export_placements_release(&pl);
		buf_release(&err);
		buf_release(&lines);
		free(prev);
	}
	/* nothing is put in place unless everything rendered and was written */
	if (rc == EXIT_OK && outs.failed) {
		warnmsg("cannot write '%s': %s", outs.failed_path, strerror(outs.failed));
		rc = EXIT_RUNTIME;
	}
	char *failed = NULL;
	if (rc == EXIT_OK && stage_commit(&outs.stage, &failed) < 0) {
		int e = errno;
		if (failed)
			warnmsg("cannot put '%s' in place: %s; no file under '%s' was replaced", failed,
				strerror(e), out);
		else
			warnmsg("cannot put the files in place under '%s': %s", out, strerror(e));
		rc = EXIT_RUNTIME;
	}
	free(failed);
	if (rc != EXIT_OK)
		stage_abort(&outs.stage);
	if (rc == EXIT_OK && single)
		fprintf(stderr, "%s: wrote %s\n", progname, outs.first ? outs.first : "nothing");
	else if (rc == EXIT_OK)
		fprintf(stderr, "%s: wrote %zu files under %s/: pages in %s/docs/, the comparison site "
			"%s/compare/index.html, exports %s/msgvet.json and %s/msgvet.csv\n",
			progname, outs.n, out, out, out, out, out);
	free(outs.failed_path);
	free(outs.first);
	for (size_t i = 0; i < nevals; i++)
		eval_free(evals[i]);
	free(evals);
	mustache_free(tmpl);
	free(tpath);
	free(pdir);
	return rc;
}
