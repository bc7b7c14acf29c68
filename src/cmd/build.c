/* build.c - `msgvet build`: the guide's pages for every criteria version and locale. */
#include <errno.h>
#include <stdbool.h>
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
#include "parallel.h"
#include "present.h"
#include "site.h"
#include "store.h"
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

/* The comparison site in several locales at once, one locale per worker: each worker's files
 * are kept (site_render hands them over only once its locale rendered) and put in the output
 * set in locale order, from the calling thread, once every worker is done. */
struct site_out_file {
	char *relpath;
	struct buf content;
};

struct site_locale {
	struct site_out_file *v;
	size_t n, alloc;
	int rc;
};

struct site_job {
	const struct model *m;
	struct evaluation *const *evals;
	size_t nevals;
	const struct site_history *h;
	const char *tdir;
	const char *const *locales; /* every locale the site is built in */
	size_t nlocales;
	size_t first;               /* the group's first locale: worker k renders first + k */
	struct site_locale *out;    /* per locale of the group */
};

static void keep_site_file(void *ctx, const char *relpath, struct buf *content)
{
	struct site_locale *l = ctx;
	l->v = xgrow(l->v, sizeof(*l->v), l->n + 1, &l->alloc);
	l->v[l->n].relpath = xstrdup(relpath);
	l->v[l->n].content = *content;
	*content = (struct buf)BUF_INIT;
	l->n++;
}

static void site_range(void *ctx, size_t from, size_t to, size_t w)
{
	struct site_job *j = ctx;
	(void)w;
	for (size_t i = from; i < to; i++)
		j->out[i].rc = site_render(j->m, j->evals, j->nevals, j->h, j->tdir, j->locales[j->first + i],
					   j->locales, j->nlocales, keep_site_file, &j->out[i]);
}

/* The site in every locale of locales, as many at a time as there are cores, each group's files
 * added to o before the next group renders. 0, or -1 when a locale failed (after site_render
 * printed why; nothing of that group is added). */
static int render_sites(struct outputs *o, struct site_job *j)
{
	size_t nw = parallel_workers(j->nlocales, 1);
	int rc = 0;
	j->out = xcalloc(nw, sizeof(*j->out));
	for (j->first = 0; rc == 0 && j->first < j->nlocales; j->first += nw) {
		size_t n = j->nlocales - j->first < nw ? j->nlocales - j->first : nw;
		parallel_for(n, n, site_range, j);
		for (size_t i = 0; i < n; i++)
			if (j->out[i].rc < 0)
				rc = -1;
		for (size_t i = 0; i < n; i++) {
			for (size_t k = 0; k < j->out[i].n; k++) {
				struct site_out_file *f = &j->out[i].v[k];
				if (rc == 0)
					emit_site(o, f->relpath, &f->content);
				buf_release(&f->content);
				free(f->relpath);
			}
			free(j->out[i].v);
			j->out[i] = (struct site_locale){0};
		}
	}
	free(j->out);
	j->out = NULL;
	return rc;
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


/* ---- the probe history for the site's changes page and release charts ---- */

/* One observation of a completed run, copied (strings in the history's arena). */
struct hrow {
	long long run;
	const char *messenger, *fact, *value, *error, *hash;
};

struct hrun {
	struct site_obs_change *changes;
	size_t nchanges, calloc_;
	struct site_shift *shifts;
	size_t nshifts, salloc;
};

struct hist {
	struct ctx *ctx;
	const struct ctx_runs *runs;
	struct arena a;
	struct hrow *rows;
	size_t nrows, ralloc;
	struct hrun *hr;           /* per run, oldest first */
	size_t nhr;
	struct site_run *out;      /* newest first */
	struct site_release *rel;
	size_t nrel, relalloc;
	size_t cur;                /* the run being compared */
	const struct criteria *c;  /* the criteria the changes are read under */
	const struct messenger *m; /* the messenger being walked */
	const char *db;
	struct factsrc *fs;        /* where hist_obs adds */
	struct site_history h;
};

static size_t run_index(const struct ctx_runs *runs, long long id)
{
	for (size_t i = 0; i < runs->n; i++)
		if (runs->v[i].id == id)
			return i;
	return SIZE_MAX;
}

static int hist_row(const struct store_obs *o, void *arg)
{
	struct hist *h = arg;
	if (run_index(h->runs, o->run) == SIZE_MAX || !model_messenger(&h->ctx->model, o->messenger))
		return 0;
	/* a run that observed a fact twice: the later row stands */
	if (h->nrows && h->rows[h->nrows - 1].run == o->run &&
	    strcmp(h->rows[h->nrows - 1].messenger, o->messenger) == 0 &&
	    strcmp(h->rows[h->nrows - 1].fact, o->fact) == 0)
		h->nrows--;
	h->rows = xgrow(h->rows, sizeof(*h->rows), h->nrows + 1, &h->ralloc);
	struct hrow *r = &h->rows[h->nrows++];
	r->run = o->run;
	r->messenger = arena_strdup(&h->a, o->messenger);
	r->fact = arena_strdup(&h->a, o->fact);
	r->value = NULL;
	r->error = NULL;
	if (o->value) {
		size_t n = strlen(o->value);
		r->value = n >= 2 && o->value[0] == '"' && o->value[n - 1] == '"' && !memchr(o->value + 1, '\\', n - 2)
				   ? arena_strndup(&h->a, o->value + 1, n - 2)
				   : arena_strdup(&h->a, o->value);
	} else {
		r->error = arena_printf(&h->a, "failed: %s", o->detail ? o->detail : o->status);
	}
	r->hash = o->content_hash ? arena_strdup(&h->a, o->content_hash) : NULL;
	return 0;
}

static bool same_text(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* A release date series: release.latest.date, store.<channel>.released, feed.<platform>.released. */
static bool release_fact(const char *f)
{
	size_t n = strlen(f);
	return strcmp(f, "release.latest.date") == 0 ||
	       ((strncmp(f, "store.", 6) == 0 || strncmp(f, "feed.", 5) == 0) && n > 9 &&
		strcmp(f + n - 9, ".released") == 0);
}

static int cmp_release(const void *pa, const void *pb)
{
	const struct site_release *a = pa, *b = pb;
	int c = strcmp(a->messenger, b->messenger);
	if (!c)
		c = strcmp(a->fact, b->fact);
	if (!c)
		c = (a->date > b->date) - (a->date < b->date);
	return c;
}

static int hist_obs(const struct store_obs *o, void *arg)
{
	struct hist *h = arg;
	if (model_messenger(&h->ctx->model, o->messenger))
		ctx_obs_add(&h->ctx->model, h->fs, o, h->db);
	return 0;
}

/* The fact source as it stood after run i (i == SIZE_MAX: the baseline alone). */
static int hist_facts(struct hist *h, struct store *s, size_t upto, struct factsrc *fs)
{
	const struct model *md = &h->ctx->model;
	char *path = ctx_observations_path(h->ctx);
	int rc = 0;
	if (access(path, F_OK) == 0) {
		struct diag d = DIAG_INIT;
		rc = factsrc_load(fs, path, md->messengers, md->nmessengers, &d);
		if (rc < 0)
			diag_print(&d, stderr);
		diag_release(&d);
	}
	free(path);
	h->fs = fs;
	for (size_t i = 0; rc == 0 && upto != SIZE_MAX && i <= upto; i++)
		if (store_obs_run(s, h->runs->v[i].id, hist_obs, h) < 0) {
			fprintf(stderr, "%s build: %s\n", progname, store_error(s));
			rc = -1;
		}
	return rc;
}

static void hist_shift(void *arg, const struct messenger_result *r0, const struct messenger_result *r1,
		       size_t c)
{
	struct hist *h = arg;
	struct hrun *r = &h->hr[h->cur];
	r->shifts = xgrow(r->shifts, sizeof(*r->shifts), r->nshifts + 1, &r->salloc);
	struct site_shift *x = &r->shifts[r->nshifts++];
	x->messenger = r1->m->id;
	if (c < h->c->ncrit) {
		x->criterion = h->c->crit[c].id;
		x->old = verdict_name(r0->results[c].verdict);
		x->new = verdict_name(r1->results[c].verdict);
	} else {
		x->criterion = NULL;
		x->old = arena_strdup(&h->a, placement_name(r0));
		x->new = arena_strdup(&h->a, placement_name(r1));
	}
}

/* The observation status of each changed fact of run h->cur, from the facts after the run. */
static void hist_status(void *arg, const struct fact *f)
{
	struct hist *h = arg;
	struct hrun *r = &h->hr[h->cur];
	for (size_t i = 0; i < r->nchanges; i++)
		if (strcmp(r->changes[i].messenger, h->m->id) == 0 && strcmp(r->changes[i].fact, f->path) == 0)
			r->changes[i].status = arena_strdup(&h->a, obs_status_name(f->status));
}

static void hist_add_change(struct hist *h, size_t run, const struct hrow *old, const struct hrow *now)
{
	struct hrun *r = &h->hr[run];
	r->changes = xgrow(r->changes, sizeof(*r->changes), r->nchanges + 1, &r->calloc_);
	r->changes[r->nchanges++] = (struct site_obs_change){
		now->messenger, now->fact, old ? (old->value ? old->value : old->error) : NULL,
		now->value ? now->value : now->error, "",
	};
}

/* What the completed runs of the probe database changed (h->h), when there is a database;
 * 0, or an exit code after printing why. Reads the store as check and history do. */
static int gather_history(struct hist *h, const struct criteria *c, bool *have)
{
	struct ctx *ctx = h->ctx;
	*have = false;
	char *db = ctx_db_path(ctx);
	h->db = db;
	h->c = c;
	int rc = 0;
	struct ctx_runs runs = {0};
	struct store *s = NULL;
	if (access(db, F_OK) != 0)
		goto out;
	if (!(s = ctx_store(ctx, &rc)) || (rc = ctx_runs(ctx, s, &runs)) != 0)
		goto out;
	h->runs = &runs;
	if (store_obs_history(s, NULL, hist_row, h) < 0) {
		fprintf(stderr, "%s build: %s\n", progname, store_error(s));
		rc = EXIT_RUNTIME;
		goto out;
	}
	*have = true;
	h->hr = xcalloc(runs.n + 1, sizeof(*h->hr));
	h->nhr = runs.n;
	h->out = xcalloc(runs.n + 1, sizeof(*h->out));
	/* the observations that changed: rows are by messenger, fact, run */
	for (size_t i = 0; i < h->nrows; i++) {
		const struct hrow *x = &h->rows[i];
		const struct hrow *prev = i && strcmp(h->rows[i - 1].messenger, x->messenger) == 0 &&
						  strcmp(h->rows[i - 1].fact, x->fact) == 0
					  ? &h->rows[i - 1] : NULL;
		size_t ri = run_index(&runs, x->run);
		h->out[ri].observed++;
		if (prev ? !(same_text(prev->value, x->value) && same_text(prev->error, x->error) &&
			     same_text(prev->hash, x->hash))
			 : ri > 0)
			hist_add_change(h, ri, prev, x);
		long d;
		char date[11];
		if (x->value && release_fact(x->fact) && strlen(x->value) >= 10) {
			memcpy(date, x->value, 10);
			date[10] = '\0';
			if (date_parse(date, &d) == 0) {
				h->rel = xgrow(h->rel, sizeof(*h->rel), h->nrel + 1, &h->relalloc);
				h->rel[h->nrel++] = (struct site_release){x->messenger, x->fact, d};
			}
		}
	}
	if (h->nrel > 1)
		qsort(h->rel, h->nrel, sizeof(*h->rel), cmp_release);
	size_t k = 0;
	for (size_t i = 0; i < h->nrel; i++)
		if (!k || cmp_release(&h->rel[k - 1], &h->rel[i]) != 0)
			h->rel[k++] = h->rel[i];
	h->nrel = k;
	/* per run: the statuses after it, and what it changed under the newest criteria */
	const struct model *md = &ctx->model;
	const struct messenger **ms = xcalloc(md->nmessengers + 1, sizeof(*ms));
	for (size_t i = 0; i < md->nmessengers; i++)
		ms[i] = &md->messengers[i];
	struct factsrc before = FACTSRC_INIT;
	if (hist_facts(h, s, SIZE_MAX, &before) < 0)
		rc = EXIT_USAGE;
	for (size_t i = 0; rc == 0 && i < runs.n; i++) {
		struct factsrc after = FACTSRC_INIT;
		if (hist_facts(h, s, i, &after) < 0) {
			factsrc_release(&after);
			rc = EXIT_USAGE;
			break;
		}
		h->cur = i;
		struct evaluation *e0 = eval_run(c, ms, md->nmessengers, &before, ctx->now);
		struct evaluation *e1 = eval_run(c, ms, md->nmessengers, &after, ctx->now);
		eval_changes(e0, e1, hist_shift, h);
		eval_free(e0);
		eval_free(e1);
		for (size_t j = 0; j < md->nmessengers && h->hr[i].nchanges; j++) {
			struct arena wa = ARENA_INIT;
			h->m = ms[j];
			fact_walk(&after, ms[j], &wa, hist_status, h);
			arena_release(&wa);
		}
		factsrc_release(&before);
		before = after;
	}
	factsrc_release(&before);
	free(ms);
	/* newest first */
	struct site_run *sorted = xcalloc(runs.n + 1, sizeof(*sorted));
	for (size_t i = 0; i < runs.n; i++) {
		struct site_run *o = &sorted[runs.n - 1 - i];
		*o = h->out[i];
		o->id = runs.v[i].id;
		o->started = (long)(runs.v[i].started / 86400);
		o->changes = h->hr[i].changes;
		o->nchanges = h->hr[i].nchanges;
		o->shifts = h->hr[i].shifts;
		o->nshifts = h->hr[i].nshifts;
	}
	free(h->out);
	h->out = sorted;
	h->h = (struct site_history){h->out, runs.n, h->rel, h->nrel};
out:
	store_close(s);
	free(runs.v);
	h->runs = NULL;
	return rc;
}

static void hist_release(struct hist *h)
{
	for (size_t i = 0; i < h->nhr; i++) {
		free(h->hr[i].changes);
		free(h->hr[i].shifts);
	}
	free(h->hr);
	free(h->out);
	free(h->rel);
	free(h->rows);
	free((char *)h->db);
	arena_release(&h->a);
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
		struct hist hist = {.ctx = ctx, .a = ARENA_INIT};
		bool have = false;
		if (nsite)
			rc = gather_history(&hist, evals[nsite - 1]->c, &have);
		/* one copy per locale built */
		const char **locs = xcalloc(m->i18n.n + 1, sizeof(*locs));
		size_t nlocs = 0;
		for (size_t li = 0; li < m->i18n.n; li++)
			if (!only_locale || strcmp(m->i18n.cat[li].locale, only_locale) == 0)
				locs[nlocs++] = m->i18n.cat[li].locale;
		struct site_job job = {m, evals, nsite, have ? &hist.h : NULL, tdir, locs, nlocs, 0, NULL};
		if (rc == EXIT_OK && nsite && render_sites(&outs, &job) < 0)
			rc = EXIT_USAGE;
		free(locs);
		hist_release(&hist);
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
			"%s/compare/%s%sindex.html, exports %s/msgvet.json and %s/msgvet.csv\n",
			progname, outs.n, out, out, out, only_locale && strcmp(only_locale, "en") != 0 ? only_locale : "",
			only_locale && strcmp(only_locale, "en") != 0 ? "/" : "", out, out);
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
