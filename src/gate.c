/* gate.c - the checks every command that loads data applies (see gate.h). */
#include "gate.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "eval.h"
#include "rule.h"
#include "fsutil.h"
#include "mustache.h"
#include "page.h"
#include "parallel.h"
#include "site.h"
#include "util.h"

/* The fact paths criteria read, as schema paths without list keys ("clients.licence"), each
 * with the first criterion that reads it. */
struct read_path {
	const char *path;
	const char *crit;
};

struct read_paths {
	struct read_path *v;
	size_t n, alloc;
	struct arena arena;
};

static void add_read_path(struct read_paths *rp, const char *path, const char *crit)
{
	for (size_t i = 0; i < rp->n; i++)
		if (strcmp(rp->v[i].path, path) == 0)
			return;
	rp->v = xgrow(rp->v, sizeof(*rp->v), rp->n + 1, &rp->alloc);
	rp->v[rp->n].path = arena_strdup(&rp->arena, path);
	rp->v[rp->n].crit = crit;
	rp->n++;
}

static void rule_paths(const struct rule *r, const char *prefix, const char *crit, struct read_paths *rp)
{
	if (!r)
		return;
	const char *here = prefix;
	if (r->path)
		here = prefix ? arena_printf(&rp->arena, "%s.%s", prefix, r->path) : r->path;
	if (r->path && r->op != R_ALL && r->op != R_ANY)
		add_read_path(rp, here, crit);
	for (size_t i = 0; i < r->nkids; i++)
		rule_paths(r->kids[i], r->op == R_ALL || r->op == R_ANY ? here : prefix, crit, rp);
}

struct source_check {
	const struct read_paths *rp;
	struct diag *d;
	struct buf plain;
};

/* Whether a declared fact at path (keys stripped) is read: a rule reads it, or a whole map or
 * list above it. */
static const struct read_path *read_by(const struct read_paths *rp, const char *plain)
{
	for (size_t i = 0; i < rp->n; i++) {
		size_t n = strlen(rp->v[i].path);
		if (strncmp(plain, rp->v[i].path, n) == 0 && (plain[n] == '\0' || plain[n] == '.'))
			return &rp->v[i];
	}
	return NULL;
}

static void source_fact(void *ctx, const struct fact *f)
{
	struct source_check *sc = ctx;
	if (!f->declared)
		return;
	const char *src = f->meta ? f->meta->source : NULL;
	const char *chk = f->meta ? f->meta->checked : NULL;
	if (src && chk)
		return;
	buf_reset(&sc->plain);
	for (const char *p = f->path; *p; p++) {
		if (*p == '[') {
			const char *close = strchr(p, ']');
			if (close) {
				p = close;
				continue;
			}
		}
		buf_addc(&sc->plain, *p);
	}
	const struct read_path *r = read_by(sc->rp, sc->plain.s);
	if (r)
		diag_add(sc->d, f->file, f->line, 1, "fact '%s' is read by criterion '%s' but has no %s",
			 f->path, r->crit,
			 src ? "'checked' date" : "'source' (write it as {value, source, checked})");
}

struct source_job {
	const struct model *m;
	const struct read_paths *rp;
	struct diag *diags; /* one per worker */
};

static void source_range(void *ctx, size_t from, size_t to, size_t w)
{
	struct source_job *job = ctx;
	struct source_check sc = {job->rp, &job->diags[w], BUF_INIT};
	for (size_t mi = from; mi < to; mi++)
		fact_walk_declared(&job->m->messengers[mi], source_fact, &sc); /* declared facts only */
	buf_release(&sc.plain);
}

/* Every fact a criterion reads must say where it comes from and when it was checked: the
 * paths every criterion's rules read, then one walk of each messenger's facts (in parallel, as
 * loading is). */
static void check_sources(const struct model *m, const struct factsrc *fs, struct diag *d)
{
	struct read_paths rp = {0};
	for (size_t ci = 0; ci < m->ncriteria; ci++)
		for (size_t k = 0; k < m->criteria[ci].ncrit; k++) {
			const struct criterion *cr = &m->criteria[ci].crit[k];
			rule_paths(cr->applies, NULL, cr->id, &rp);
			rule_paths(cr->rule, NULL, cr->id, &rp);
		}
	factsrc_sort(fs); /* here, before any threads read it (the output is written by several) */
	size_t nw = parallel_workers(m->nmessengers, 256);
	struct source_job job = {m, &rp, xcalloc(nw, sizeof(struct diag))};
	for (size_t k = 0; k < nw; k++)
		job.diags[k].max = d->max;
	parallel_for(m->nmessengers, nw, source_range, &job);
	for (size_t k = 0; k < nw; k++) {
		for (size_t i = 0; i < job.diags[k].n; i++)
			diag_copy(d, &job.diags[k].v[i]);
		d->dropped += job.diags[k].dropped;
		diag_release(&job.diags[k]);
	}
	free(job.diags);
	free(rp.v);
	arena_release(&rp.arena);
	/* a move, a later addition, a discontinuation or the guide's not listing it takes a
	 * messenger off the page: it must say where it comes from too */
	static const char *const off[] = {"moved", "added", "discontinued", "listed"};
	for (size_t mi = 0; mi < m->nmessengers; mi++)
		for (size_t k = 0; k < ARRAY_SIZE(off); k++) {
			const struct node *mv = node_get(m->messengers[mi].root, off[k]);
			const struct node *dt = node_get(mv, "date");
			const struct fact_meta *fm = dt && dt->meta ? dt->meta : mv ? mv->meta : NULL;
			if (mv && (!fm || !fm->source || !fm->checked))
				diag_at(d, mv, "fact '%s' decides whether the messenger is on the page but has no %s",
					off[k], fm && fm->source ? "'checked' date" : "'source' (a page that states it) and 'checked' date");
		}
}

/* A messenger's page on the comparison site is compare/<id>.html: index.html is the matrix. */
static void check_ids(const struct model *m, struct diag *d)
{
	for (size_t i = 0; i < m->nmessengers; i++) {
		const struct messenger *x = &m->messengers[i];
		if (strcmp(x->id, "index") == 0)
			diag_at(d, node_get(x->root, "id"),
				"messenger id 'index' cannot name a page of the comparison site (compare/index.html is the matrix)");
	}
}

/* The path a criteria version's page is written to under docs/, as build writes it. */
static char *page_out(const struct model *m, const struct criteria *c)
{
	if (model_criteria(m, c->category) == c)
		return xstrdup(page_file(c));
	return xasprintf("%s/%s", c->version, page_file(c));
}

static void check_pages(const struct model *m, struct diag *d)
{
	for (size_t i = 0; i < m->ncriteria; i++) {
		char *pi = page_out(m, &m->criteria[i]);
		for (size_t j = 0; j < i; j++) {
			if (strcmp(m->criteria[i].category, m->criteria[j].category) == 0)
				continue;
			char *pj = page_out(m, &m->criteria[j]);
			if (strcmp(pi, pj) == 0) {
				const struct node *f = node_get(m->criteria[i].page, "file");
				if (!f)
					f = node_get(m->criteria[j].page, "file");
				diag_add(d, f ? f->file : m->criteria[i].file, f ? f->line : 1, f ? f->col : 1,
					 "categories '%s' and '%s' both write the page docs/%s (give one a different page.file)",
					 m->criteria[j].category, m->criteria[i].category, pi);
			}
			free(pj);
		}
		free(pi);
	}
}

/* The template files under templates/, parsed. */
struct tfile {
	char *path;  /* as opened */
	char *dir;   /* where its partials are: templates/site or templates/partials */
	struct mustache *t;
	int state;   /* depth-first search: 0 new, 1 on the path, 2 done */
};

struct tset {
	struct tfile *v;
	size_t n, alloc;
	const char *tdir;
	struct diag *d;
};

static void walk(struct tset *s, const char *dir, bool site)
{
	DIR *dp = opendir(dir);
	if (!dp) {
		if (errno != ENOENT)
			diag_add(s->d, dir, 1, 1, "cannot open directory: %s", strerror(errno));
		return;
	}
	char **names = NULL;
	size_t nn = 0, na = 0;
	struct dirent *de;
	while ((de = readdir(dp))) {
		if (de->d_name[0] == '.')
			continue;
		names = xgrow(names, sizeof(*names), nn + 1, &na);
		names[nn++] = xstrdup(de->d_name);
	}
	closedir(dp);
	for (size_t i = 0; i < nn; i++) {
		char *path = xasprintf("%s/%s", dir, names[i]);
		struct stat st;
		if (lstat(path, &st) < 0) {
			diag_add(s->d, path, 1, 1, "cannot read: %s", strerror(errno));
		} else if (S_ISLNK(st.st_mode)) {
			diag_add(s->d, path, 1, 1, "is a symbolic link: templates and their partials must be regular files inside the tree");
		} else if (S_ISDIR(st.st_mode)) {
			walk(s, path, site || strcmp(names[i], "site") == 0);
		} else if (str_has_suffix(names[i], ".mustache")) {
			size_t len;
			char *src = S_ISREG(st.st_mode) ? read_file(path, 1u << 20, &len) : NULL;
			struct mustache_error err = {0};
			struct mustache *t = src ? mustache_parse(src, len, path, &err) : NULL;
			if (!S_ISREG(st.st_mode))
				diag_add(s->d, path, 1, 1, "is not a regular file");
			else if (!src)
				diag_add(s->d, path, 1, 1, "cannot read: %s", strerror(errno));
			else if (!t)
				diag_add(s->d, path, err.line, err.col, "%s", err.msg);
			free(src);
			s->v = xgrow(s->v, sizeof(*s->v), s->n + 1, &s->alloc);
			s->v[s->n++] = (struct tfile){path, xasprintf("%s/%s", s->tdir, site ? "site" : "partials"), t, 0};
			path = NULL;
		}
		free(path);
		free(names[i]);
	}
	free(names);
}

static struct tfile *find(struct tset *s, const char *path)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i].path, path) == 0)
			return &s->v[i];
	return NULL;
}

struct visit {
	struct tset *s;
	struct tfile *from;
};

static void visit(struct tset *s, struct tfile *f);

static void on_partial(void *ctx, const char *name, unsigned line, unsigned col)
{
	struct visit *v = ctx;
	struct tset *s = v->s;
	bool plain = name[0] != '.' && name[0] != '\0';
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      *p == '-' || *p == '_' || *p == '.'))
			plain = false;
	char *path = xasprintf("%s/%s.mustache", v->from->dir, name);
	struct tfile *to = plain ? find(s, path) : NULL;
	if (!to) {
		/* suggest a partial that exists */
		const char **cand = xcalloc(s->n + 1, sizeof(*cand));
		char **owned = xcalloc(s->n + 1, sizeof(*owned));
		size_t nc = 0, plen = strlen(v->from->dir);
		for (size_t i = 0; i < s->n; i++)
			if (strncmp(s->v[i].path, v->from->dir, plen) == 0 && s->v[i].path[plen] == '/' &&
			    !strchr(s->v[i].path + plen + 1, '/')) {
				owned[nc] = xstrndup(s->v[i].path + plen + 1,
						     strlen(s->v[i].path + plen + 1) - strlen(".mustache"));
				cand[nc] = owned[nc];
				nc++;
			}
		const char *near = closest_match(name, cand, nc);
		diag_add(s->d, v->from->path, line, col, "partial '%s' does not exist (no %s)%s%s%s",
			 name, path, near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
		for (size_t i = 0; i < nc; i++)
			free(owned[i]);
		free(owned);
		free(cand);
	} else if (to->state == 1) {
		diag_add(s->d, v->from->path, line, col,
			 "partial '%s' includes itself (directly or through other partials): rendering would never end",
			 name);
	} else if (to->state == 0) {
		visit(s, to);
	}
	free(path);
}

static void visit(struct tset *s, struct tfile *f)
{
	f->state = 1;
	struct visit v = {s, f};
	mustache_each_partial(f->t, on_partial, &v);
	f->state = 2;
}

static void check_templates(const struct model *m, const char *root, struct diag *d,
			    struct gate_report *rep)
{
	struct tset s = {NULL, 0, 0, NULL, d};
	char *tdir = strcmp(root, ".") == 0 ? xstrdup("templates") : xasprintf("%s/templates", root);
	s.tdir = tdir;
	struct stat st;
	if (lstat(tdir, &st) < 0) {
		/* a data-only root: commands that need templates say so */
		free(tdir);
		return;
	}
	walk(&s, tdir, false);
	rep->ntemplates = s.n;
	for (size_t i = 0; i < s.n; i++)
		if (s.v[i].t && s.v[i].state == 0)
			visit(&s, &s.v[i]);
	/* the templates the build reads */
	for (size_t i = 0; i < m->ncriteria; i++) {
		if (i && strcmp(m->criteria[i].category, m->criteria[i - 1].category) == 0)
			continue;
		char *own = xasprintf("%s/%s.md.mustache", tdir, m->criteria[i].category);
		char *dflt = xasprintf("%s/page.md.mustache", tdir);
		if (!find(&s, own) && !find(&s, dflt))
			diag_add(d, tdir, 1, 1, "no page template for category '%s' (write %s or %s)",
				 m->criteria[i].category, own, dflt);
		free(own);
		free(dflt);
	}
	static const char *const site_needs[] = {"index.html", "messenger.html"};
	for (size_t i = 0; i < sizeof(site_needs) / sizeof(*site_needs); i++) {
		char *p = xasprintf("%s/site/%s.mustache", tdir, site_needs[i]);
		if (!find(&s, p))
			diag_add(d, p, 1, 1, "missing: the comparison site needs this template");
		free(p);
	}
	for (size_t i = 0; i < s.n; i++) {
		free(s.v[i].path);
		free(s.v[i].dir);
		mustache_free(s.v[i].t);
	}
	free(s.v);
	free(tdir);
}

int gate_load(struct model *m, struct factsrc *fs, const char *root, const char *observations,
	      struct diag *d, struct gate_report *rep)
{
	memset(rep, 0, sizeof(*rep));
	/* the observations file is read by the messengers' load workers, as their first piece of
	 * work, and checked against the messengers after */
	struct factsrc_pending *pre = observations ? factsrc_read_start(observations) : NULL;
	int rc = model_load_beside(m, root, d, pre ? factsrc_read_run : NULL, pre);
	if (rc == 0 && diag_errors(d) == 0) {
		/* observations are read against the messengers that loaded */
		if (observations && factsrc_read_finish(pre, fs, m->messengers, m->nmessengers) < 0)
			factsrc_load(fs, observations, m->messengers, m->nmessengers, d);
		check_sources(m, fs, d);
		check_pages(m, d);
	} else {
		factsrc_read_finish(pre, NULL, NULL, 0);
		/* an incomplete model would report consequences, not causes */
		rep->skipped = m->ncriteria * m->nmessengers + 1;
		snprintf(rep->why, sizeof(rep->why),
			 "the sources of the %zu messenger%s that loaded under %zu criteria version%s, and the page files: they need data that loads without errors",
			 m->nmessengers, m->nmessengers == 1 ? "" : "s", m->ncriteria,
			 m->ncriteria == 1 ? "" : "s");
		if (observations) {
			rep->skipped++;
			size_t l = strlen(rep->why);
			snprintf(rep->why + l, sizeof(rep->why) - l, "; the observations in %s", observations);
		}
	}
	check_ids(m, d);
	check_templates(m, root, d, rep);
	const struct catalog *en = i18n_catalog(&m->i18n, "en");
	if (en && !m->i18n.skipped)
		site_check_strings(&m->i18n, en->file, d);
	if (m->i18n.skipped) {
		rep->skipped += m->i18n.skipped;
		size_t l = strlen(rep->why);
		snprintf(rep->why + l, sizeof(rep->why) - l, "%s%zu translation%s not compared with en.yml, which has errors",
			 l ? "; " : "", m->i18n.skipped, m->i18n.skipped == 1 ? "" : "s");
	}
	return diag_errors(d) || d->dropped ? -1 : 0;
}

void gate_print_skipped(const struct gate_report *rep, FILE *fp)
{
	if (rep->skipped)
		fprintf(fp, "%s: note: %zu check%s skipped: %s\n", progname, rep->skipped,
			rep->skipped == 1 ? "" : "s", rep->why);
}

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
			buf_addf(path, "%s%s", len ? "." : "", node_keys(n)[i]);
		else if (n->kids[i]->key) /* list items by their stable key, as facts names them */
			buf_addf(path, "[%s]", n->kids[i]->key);
		else
			buf_addf(path, "[%u]", (unsigned)i);
		check_age(n->kids[i], meta, path, now, max_age, d);
		path->len = len;
		path->s[len] = '\0';
	}
}

void gate_check_age(const struct model *m, long now, long max_age, struct diag *d)
{
	for (size_t i = 0; i < m->nmessengers; i++) {
		struct buf path = BUF_INIT;
		check_age(m->messengers[i].root, NULL, &path, now, max_age, d);
		buf_release(&path);
	}
}
