/* history.c - `msgvet history [ID]` and `msgvet diff [RUN_A] [RUN_B]`: the probe database read
 * back, what was observed when and what changed between two runs. Only completed runs count. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "jsonw.h"
#include "store.h"
#include "util.h"

/* One observation, copied out of the store. */
struct seen {
	long long run, time;
	char *messenger, *fact, *value, *error, *probe, *hash;
};

struct seen_list {
	const struct ctx_runs *runs; /* only these runs */
	struct seen *v;
	size_t n, alloc;
};

static bool completed(const struct ctx_runs *runs, long long id)
{
	for (size_t i = 0; i < runs->n; i++)
		if (runs->v[i].id == id)
			return true;
	return false;
}

/* A stored value (JSON text) as text: a string without its quotes. */
static char *plain(const char *json)
{
	size_t n = strlen(json);
	if (n >= 2 && json[0] == '"' && json[n - 1] == '"' && !memchr(json + 1, '\\', n - 2))
		return xstrndup(json + 1, n - 2);
	return xstrdup(json);
}

static int keep(const struct store_obs *o, void *arg)
{
	struct seen_list *l = arg;
	if (!completed(l->runs, o->run))
		return 0;
	/* a run that observed a fact twice: the later row stands */
	if (l->n && l->v[l->n - 1].run == o->run && strcmp(l->v[l->n - 1].messenger, o->messenger) == 0 &&
	    strcmp(l->v[l->n - 1].fact, o->fact) == 0) {
		struct seen *p = &l->v[--l->n];
		free(p->messenger), free(p->fact), free(p->value), free(p->error), free(p->probe), free(p->hash);
	}
	l->v = xgrow(l->v, sizeof(*l->v), l->n + 1, &l->alloc);
	struct seen *s = &l->v[l->n++];
	s->run = o->run;
	s->time = o->time;
	s->messenger = xstrdup(o->messenger);
	s->fact = xstrdup(o->fact);
	s->value = o->value ? plain(o->value) : NULL;
	s->error = o->value ? NULL : xstrdup(o->detail ? o->detail : o->status);
	s->probe = xstrdup(o->kind);
	s->hash = o->content_hash ? xstrdup(o->content_hash) : NULL;
	return 0;
}

static void seen_release(struct seen_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct seen *s = &l->v[i];
		free(s->messenger), free(s->fact), free(s->value), free(s->error), free(s->probe), free(s->hash);
	}
	free(l->v);
}

static bool same_str(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* Whether two observations of one fact say the same (value, failure or not, content hash). */
static bool same(const struct seen *a, const struct seen *b)
{
	return same_str(a->value, b->value) && !a->error == !b->error && same_str(a->hash, b->hash);
}

static bool same_fact(const struct seen *a, const struct seen *b)
{
	return strcmp(a->messenger, b->messenger) == 0 && strcmp(a->fact, b->fact) == 0;
}

static void when(long long t, char out[32])
{
	time_t tt = (time_t)t;
	struct tm tm;
	out[0] = '\0';
	if (gmtime_r(&tt, &tm))
		strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* What an observation says, as one line of text. */
static void say(struct buf *b, const struct seen *s)
{
	if (s->error)
		buf_addf(b, "failed: %s", s->error);
	else
		buf_adds(b, s->value);
	if (s->hash)
		buf_addf(b, " (sha256 %.12s)", s->hash);
}

static void jw_seen(struct jsonw *w, const struct seen *s, bool with_fact)
{
	char t[32];
	when(s->time, t);
	jw_obj(w);
	jw_kstr(w, "error", s->error);
	if (with_fact)
		jw_kstr(w, "fact", s->fact);
	jw_kstr(w, "hash", s->hash);
	if (with_fact)
		jw_kstr(w, "messenger", s->messenger);
	jw_kstr(w, "observed", t);
	jw_kstr(w, "probe", s->probe);
	jw_key(w, "run");
	jw_int(w, (long)s->run);
	jw_kstr(w, "value", s->value);
	jw_obj_end(w);
}

/* Open the database and list its completed runs; 0 or an exit code. */
static int open_runs(struct ctx *ctx, struct store **s, struct ctx_runs *runs)
{
	int rc = 0;
	memset(runs, 0, sizeof(*runs));
	if (!(*s = ctx_store(ctx, &rc)))
		return rc;
	return ctx_runs(ctx, *s, runs);
}

int cmd_history(struct ctx *ctx, int argc, char **argv)
{
	if (argc > 1)
		return usage_error(ctx, "unexpected argument '%s'", argv[1]);
	if (ctx_load(ctx) < 0)
		return EXIT_USAGE;
	const struct messenger *m = argc ? ctx_messenger(ctx, argv[0]) : NULL;
	if (argc && !m)
		return EXIT_USAGE;
	struct store *s = NULL;
	struct ctx_runs runs;
	int rc = open_runs(ctx, &s, &runs);
	struct seen_list l = {&runs, NULL, 0, 0};
	if (rc)
		goto out;
	if (store_obs_history(s, m ? m->id : NULL, keep, &l) < 0) {
		fprintf(stderr, "%s history: %s\n", progname, store_error(s));
		rc = EXIT_RUNTIME;
		goto out;
	}
	struct jsonw w;
	if (ctx->format == FMT_JSON) {
		jw_init(&w, stdout);
		jw_obj(&w);
		jw_key(&w, "history");
		jw_arr(&w);
	}
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < l.n; i++) {
		const struct seen *x = &l.v[i], *prev = i && same_fact(&l.v[i - 1], x) ? &l.v[i - 1] : NULL;
		if (prev && same(prev, x))
			continue;
		if (ctx->format == FMT_JSON) {
			jw_seen(&w, x, true);
			continue;
		}
		char t[32];
		when(x->time, t);
		buf_reset(&b);
		say(&b, x);
		printf("%s  run %lld  %s  %s  %s  %s\n", t, x->run, x->messenger, x->fact, x->probe, b.s);
	}
	buf_release(&b);
	if (ctx->format == FMT_JSON) {
		jw_arr_end(&w);
		jw_key(&w, "runs");
		jw_int(&w, (long)runs.n);
		jw_obj_end(&w);
		jw_finish(&w);
	}
out:
	seen_release(&l);
	free(runs.v);
	store_close(s);
	return rc;
}

/* A run id given on the command line: a completed run. */
static int run_arg(struct ctx *ctx, const struct ctx_runs *runs, const char *arg, long long *id)
{
	char *end;
	long long v = strtoll(arg, &end, 10);
	if (*end || end == arg || v <= 0)
		return usage_error(ctx, "'%s' is not a run id (a number, as 'msgvet history' shows)", arg);
	if (!completed(runs, v))
		return input_error(ctx, "no completed probe run %lld in the database", v);
	*id = v;
	return 0;
}

int cmd_diff(struct ctx *ctx, int argc, char **argv)
{
	if (argc > 2)
		return usage_error(ctx, "unexpected argument '%s'", argv[2]);
	struct store *s = NULL;
	struct ctx_runs runs;
	int rc = open_runs(ctx, &s, &runs);
	struct seen_list la = {&runs, NULL, 0, 0}, lb = {&runs, NULL, 0, 0};
	long long a = 0, b = 0;
	if (rc)
		goto out;
	if (argc >= 1 && (rc = run_arg(ctx, &runs, argv[0], &a)) != 0)
		goto out;
	if (argc == 2 && (rc = run_arg(ctx, &runs, argv[1], &b)) != 0)
		goto out;
	if (argc < 2) {
		if (runs.n < (argc ? 1u : 2u)) {
			rc = input_error(ctx, "the database has %zu completed run%s: nothing to compare", runs.n,
					 runs.n == 1 ? "" : "s");
			goto out;
		}
		b = runs.v[runs.n - 1].id;
		if (!argc)
			a = runs.v[runs.n - 2].id;
	}
	if (store_obs_run(s, a, keep, &la) < 0 || store_obs_run(s, b, keep, &lb) < 0) {
		fprintf(stderr, "%s diff: %s\n", progname, store_error(s));
		rc = EXIT_RUNTIME;
		goto out;
	}
	struct jsonw w;
	if (ctx->format == FMT_JSON) {
		jw_init(&w, stdout);
		jw_obj(&w);
		jw_key(&w, "changes");
		jw_arr(&w);
	} else {
		printf("run %lld -> run %lld\n", a, b);
	}
	size_t i = 0, j = 0, nchanges = 0;
	struct buf t1 = BUF_INIT, t2 = BUF_INIT;
	while (i < la.n || j < lb.n) {
		const struct seen *x = i < la.n ? &la.v[i] : NULL, *y = j < lb.n ? &lb.v[j] : NULL;
		int c = !x ? 1 : !y ? -1 : strcmp(x->messenger, y->messenger);
		if (x && y && !c)
			c = strcmp(x->fact, y->fact);
		const char *what = c < 0 ? "removed" : c > 0 ? "added" : "changed";
		const struct seen *one = c <= 0 ? x : y;
		if (c < 0)
			i++;
		else if (c > 0)
			j++;
		else {
			i++, j++;
			if (same(x, y))
				continue;
		}
		nchanges++;
		if (ctx->format == FMT_JSON) {
			jw_obj(&w);
			jw_kstr(&w, "change", what);
			jw_kstr(&w, "fact", one->fact);
			jw_kstr(&w, "messenger", one->messenger);
			jw_key(&w, "new");
			if (c >= 0)
				jw_seen(&w, y, false);
			else
				jw_null(&w);
			jw_key(&w, "old");
			if (c <= 0)
				jw_seen(&w, x, false);
			else
				jw_null(&w);
			jw_obj_end(&w);
			continue;
		}
		buf_reset(&t1);
		buf_reset(&t2);
		if (c <= 0)
			say(&t1, x);
		if (c >= 0)
			say(&t2, y);
		printf("%-7s  %s  %s: %s%s%s\n", what, one->messenger, one->fact, t1.s, c == 0 ? " -> " : "",
		       t2.s);
	}
	buf_release(&t1);
	buf_release(&t2);
	if (ctx->format == FMT_JSON) {
		jw_arr_end(&w);
		jw_key(&w, "from");
		jw_int(&w, (long)a);
		jw_key(&w, "to");
		jw_int(&w, (long)b);
		jw_obj_end(&w);
		jw_finish(&w);
	} else {
		printf("%zu change%s\n", nchanges, nchanges == 1 ? "" : "s");
	}
	rc = nchanges ? EXIT_FINDINGS : EXIT_OK;
out:
	seen_release(&la);
	seen_release(&lb);
	free(runs.v);
	store_close(s);
	return rc;
}
