/* cli.c - context helpers shared by the commands. */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>
#include <unistd.h>
#include <strings.h>

#include "buf.h"
#include "diag.h"
#include "gate.h"
#include "store.h"
#include "util.h"
#include "yamlfile.h"

char *ctx_db_path(const struct ctx *ctx)
{
	if (ctx->opt[OPT_DB])
		return xstrdup(ctx->opt[OPT_DB]);
	return strcmp(ctx->root, ".") == 0 ? xstrdup(STORE_DEFAULT_PATH)
					   : xasprintf("%s/" STORE_DEFAULT_PATH, ctx->root);
}

int ctx_obs_add(const struct model *model, struct factsrc *fs, const struct store_obs *o,
		const char *path)
{
	const struct messenger *m = model_messenger(model, o->messenger);
	if (!m)
		return -1;
	struct arena a = ARENA_INIT;
	struct diag d = DIAG_INIT;
	const struct node *v = NULL;
	if (o->value) {
		v = yaml_read_mem(&a, path, o->value, strlen(o->value), &d);
		if (!v || (v->type != NODE_SCALAR && v->type != NODE_SEQ))
			v = NULL;
	}
	char when[32] = "";
	time_t t = (time_t)o->time;
	struct tm tm;
	if (gmtime_r(&t, &tm))
		strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	const char *err = NULL;
	if (!v && o->value)
		err = "the stored value does not parse";
	else if (factsrc_add(fs, m, o->fact, v, v ? NULL : (o->detail ? o->detail : o->status), o->kind,
			     when, strncmp(o->target, "https://", 8) == 0 ? o->target : NULL, &err) < 0)
		;
	else
		err = NULL;
	if (err)
		warnmsg("%s: observation of %s's fact '%s' left out: %s", path, o->messenger, o->fact, err);
	else if (o->content_hash)
		fs->v[fs->n - 1].hash = arena_strdup(&fs->arena, o->content_hash);
	diag_release(&d);
	arena_release(&a);
	return err ? -1 : 0;
}

struct store_load {
	const struct model *model;
	struct factsrc *fs;
	const char *path;
};

/* One latest observation of the store into the fact source; one that no longer fits the data
 * (a client removed, a value of another type) is a warning, never an error. */
static int store_obs_add(const struct store_obs *o, void *arg)
{
	struct store_load *l = arg;
	ctx_obs_add(l->model, l->fs, o, l->path);
	return 0;
}

/* The latest observations of the probe database into ctx->facts, after the observations file
 * (so they win): when --db is given (it must exist, except for probe, which makes it) or the
 * default file exists. Opened read-only. 0 or -1 with the error in d. */
static int load_store(struct ctx *ctx, struct diag *d)
{
	char *path = ctx_db_path(ctx);
	int rc = 0;
	if (access(path, F_OK) != 0 && (!ctx->opt[OPT_DB] || (ctx->cmd && strcmp(ctx->cmd->name, "probe") == 0)))
		goto out;
	struct buf err = BUF_INIT;
	struct store *s = store_open(path, true, &err);
	if (!s) {
		diag_add(d, path, 0, 0, "%s", err.s);
		rc = -1;
	} else {
		struct store_load l = {&ctx->model, &ctx->facts, path};
		if (store_obs_latest_each(s, NULL, store_obs_add, &l) < 0) {
			diag_add(d, path, 0, 0, "%s", store_error(s));
			rc = -1;
		}
	}
	store_close(s);
	buf_release(&err);
out:
	free(path);
	return rc;
}

char *ctx_observations_path(const struct ctx *ctx)
{
	if (ctx->opt[OPT_OBSERVATIONS])
		return xstrdup(ctx->opt[OPT_OBSERVATIONS]);
	return strcmp(ctx->root, ".") == 0 ? xstrdup("data/observed.json")
					   : xasprintf("%s/data/observed.json", ctx->root);
}

struct store *ctx_store(struct ctx *ctx, int *rc)
{
	char *path = ctx_db_path(ctx);
	struct store *s = NULL;
	if (access(path, F_OK) != 0) {
		*rc = input_error(ctx, "no probe database '%s': run '%s probe' first", path, progname);
		goto out;
	}
	struct buf err = BUF_INIT;
	s = store_open(path, true, &err);
	if (!s) {
		fprintf(stderr, "%s %s: %s\n", progname, ctx->cmd->name, err.s);
		*rc = EXIT_RUNTIME;
	}
	buf_release(&err);
out:
	free(path);
	return s;
}

static int collect_run(const struct store_run *r, void *arg)
{
	struct ctx_runs *v = arg;
	if (strcmp(r->status, "completed") != 0)
		return 0;
	v->v = xgrow(v->v, sizeof(*v->v), v->n + 1, &v->alloc);
	v->v[v->n].id = r->id;
	v->v[v->n++].started = r->started;
	return 0;
}

int ctx_runs(struct ctx *ctx, struct store *s, struct ctx_runs *runs)
{
	memset(runs, 0, sizeof(*runs));
	if (store_runs(s, collect_run, runs) < 0) {
		fprintf(stderr, "%s %s: %s\n", progname, ctx->cmd->name, store_error(s));
		return EXIT_RUNTIME;
	}
	return 0;
}

int ctx_gate(struct ctx *ctx, struct diag *d, struct gate_report *rep)
{
	/* the observations file: --observations, else data/observed.json when the root has one */
	const char *opt = ctx->opt[OPT_OBSERVATIONS];
	char *obs = ctx_observations_path(ctx);
	if (!opt && access(obs, F_OK) != 0) {
		free(obs);
		obs = NULL;
	}
	int rc = gate_load(&ctx->model, &ctx->facts, ctx->root, obs, d, rep);
	ctx->loaded = true;
	if (rc == 0 && load_store(ctx, d) < 0)
		rc = -1;
	free(obs);
	return rc;
}

int ctx_load(struct ctx *ctx)
{
	struct diag d = DIAG_INIT;
	d.max = 1000; /* as validate */
	struct gate_report rep;
	int rc = ctx_gate(ctx, &d, &rep);
	/* warnings are for validate: they do not stop a command */
	if (rc < 0 || diag_errors(&d)) {
		diag_print(&d, stderr);
		gate_print_skipped(&rep, stderr);
		fprintf(stderr, "%s: the data under '%s' is invalid (%zu error%s); run '%s validate'\n",
			progname, ctx->root, diag_errors(&d), diag_errors(&d) == 1 ? "" : "s", progname);
		rc = -1;
	}
	diag_release(&d);
	return rc;
}

/* "a, b, c" from the names, into b. */
static void join(struct buf *b, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		buf_addf(b, "%s%s", i ? ", " : "", names[i]);
}

const struct criteria *ctx_criteria(struct ctx *ctx)
{
	const char *spec = ctx->opt[OPT_CRITERIA];
	const struct criteria *c = model_criteria(&ctx->model, spec);
	const char *asked = spec ? strchr(spec, '@') : NULL;
	if (c && asked && strcmp(asked + 1, c->version) != 0)
		warnmsg("criteria version '%s' is now named '%s@%s' (the date its criteria took effect)",
			spec, c->category, c->version);
	else if (c && asked && c->name_once_meant)
		warnmsg("note: '%s' now names the criteria in effect from %s; earlier msgvet releases used this name for '%s@%s'",
			spec, c->effective ? c->effective : c->version, c->category, c->name_once_meant->str);
	if (c)
		return c;
	if (!spec) {
		warnmsg("no criteria under '%s/criteria'", ctx->root);
		return NULL;
	}
	const struct model *m = &ctx->model;
	const char **cand = xcalloc(m->ncriteria + 1, sizeof(*cand));
	char **owned = xcalloc(m->ncriteria + 1, sizeof(*owned));
	size_t nc = 0;
	const char *at = strchr(spec, '@');
	size_t clen = at ? (size_t)(at - spec) : strlen(spec);
	/* the versions of the category named, else every category@version */
	for (size_t i = 0; i < m->ncriteria; i++) {
		owned[i] = xasprintf("%s@%s", m->criteria[i].category, m->criteria[i].version);
		if (strlen(m->criteria[i].category) == clen && strncmp(spec, m->criteria[i].category, clen) == 0)
			cand[nc++] = owned[i];
	}
	bool known_category = nc > 0;
	if (!known_category)
		for (size_t i = 0; i < m->ncriteria; i++)
			cand[nc++] = owned[i];
	struct buf avail = BUF_INIT;
	join(&avail, cand, nc);
	if (known_category) {
		/* an unknown version of a known category */
		input_error(ctx, "unknown criteria version '%s' (available: %s)", spec, avail.s);
	} else if (!at && strlen(spec) == 7 && spec[4] == '-' && strspn(spec, "0123456789-") == 7) {
		/* a version alone: it needs its category */
		input_error(ctx, "'%s' is a version: name it with its category, as CATEGORY@VERSION (available: %s)",
			    spec, avail.s);
	} else {
		/* a misspelt category: suggest one close to what was written */
		const char **cats = xcalloc(m->ncriteria + 1, sizeof(*cats));
		size_t ncat = 0;
		for (size_t i = 0; i < m->ncriteria; i++)
			if (i == 0 || strcmp(m->criteria[i - 1].category, m->criteria[i].category) != 0)
				cats[ncat++] = m->criteria[i].category;
		char *cat = xstrndup(spec, clen);
		const char *near = suggest(cat, cats, ncat);
		if (near)
			input_error(ctx, "unknown criteria '%s' (did you mean '%s%s'?)", spec, near, at ? at : "");
		else
			input_error(ctx, "unknown criteria '%s' (available: %s)", spec, avail.s);
		free(cat);
		free(cats);
	}
	buf_release(&avail);
	for (size_t i = 0; i < m->ncriteria; i++)
		free(owned[i]);
	free(owned);
	free(cand);
	return NULL;
}

/* Whether criterion cr has alias name (any letter case). */
static bool has_alias(const struct criterion *cr, const char *name)
{
	for (uint32_t k = 0; cr->aliases && k < cr->aliases->n; k++)
		if (strcasecmp(cr->aliases->kids[k]->str, name) == 0)
			return true;
	return false;
}

const struct criterion *ctx_criterion(struct ctx *ctx, const struct criteria *c, const char *name)
{
	const struct criterion **hits = xcalloc(c->ncrit + 1, sizeof(*hits));
	size_t nh = 0;
	const struct criterion *found = NULL;
	/* the id in any letter case, else an alias, else the start of ids */
	for (size_t i = 0; i < c->ncrit && !found; i++)
		if (strcasecmp(c->crit[i].id, name) == 0)
			found = &c->crit[i];
	for (size_t i = 0; i < c->ncrit && !found; i++)
		if (has_alias(&c->crit[i], name))
			hits[nh++] = &c->crit[i];
	bool by_alias = nh > 0;
	for (size_t i = 0; i < c->ncrit && !found && !by_alias && *name; i++)
		if (strncasecmp(c->crit[i].id, name, strlen(name)) == 0)
			hits[nh++] = &c->crit[i];
	if (!found && nh == 1)
		found = hits[0];
	if (found || nh > 1) {
		if (!found) {
			struct buf b = BUF_INIT;
			for (size_t i = 0; i < nh; i++)
				buf_addf(&b, "%s%s", i ? ", " : "", hits[i]->id);
			input_error(ctx, "criterion '%s' is ambiguous in %s@%s: it could be %s", name,
				    c->category, c->version, b.s);
			buf_release(&b);
		}
		free(hits);
		return found;
	}
	free(hits);
	/* a suggestion, from the ids and the aliases, only when close */
	size_t na = c->ncrit;
	for (size_t i = 0; i < c->ncrit; i++)
		na += c->crit[i].aliases ? c->crit[i].aliases->n : 0;
	const char **cand = xcalloc(na + 1, sizeof(*cand));
	const struct criterion **owner = xcalloc(na + 1, sizeof(*owner));
	size_t nc = 0;
	for (size_t i = 0; i < c->ncrit; i++) {
		owner[nc] = &c->crit[i];
		cand[nc++] = c->crit[i].id;
		for (uint32_t k = 0; c->crit[i].aliases && k < c->crit[i].aliases->n; k++) {
			owner[nc] = &c->crit[i];
			cand[nc++] = c->crit[i].aliases->kids[k]->str;
		}
	}
	const char *near = suggest(name, cand, nc);
	const struct criterion *to = NULL;
	for (size_t i = 0; near && i < nc; i++)
		if (cand[i] == near)
			to = owner[i];
	if (to)
		input_error(ctx, "unknown criterion '%s' in %s@%s (did you mean '%s'?)", name,
			    c->category, c->version, to->id);
	else
		input_error(ctx, "unknown criterion '%s' in %s@%s ('msgvet compare --all' lists them)",
			    name, c->category, c->version);
	free(cand);
	free(owner);
	return NULL;
}

const struct messenger *ctx_messenger(struct ctx *ctx, const char *id)
{
	const struct messenger *x = model_messenger(&ctx->model, id);
	if (x)
		return x;
	const struct model *m = &ctx->model;
	/* ids are lower case; "Signal" means signal */
	for (size_t i = 0; i < m->nmessengers; i++)
		if (strcasecmp(m->messengers[i].id, id) == 0)
			return &m->messengers[i];
	const char **cand = xcalloc(m->nmessengers + 1, sizeof(*cand));
	for (size_t i = 0; i < m->nmessengers; i++)
		cand[i] = m->messengers[i].id;
	const char *near = suggest(id, cand, m->nmessengers);
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

/* The age limit: --max-age, else the smallest max-age of the criteria files; 0 when none. */
int ctx_max_age(const struct ctx *ctx, long *days)
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

char *ctx_cache_dir(const struct ctx *ctx)
{
	if (ctx->opt[OPT_CACHE])
		return xstrdup(ctx->opt[OPT_CACHE]);
	const char *xdg = getenv("XDG_CACHE_HOME");
	if (xdg && *xdg == '/')
		return xasprintf("%s/msgvet/repos", xdg);
	const char *home = getenv("HOME");
	if (home && *home == '/')
		return xasprintf("%s/.cache/msgvet/repos", home);
	return NULL;
}
