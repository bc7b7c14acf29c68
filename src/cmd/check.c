/* check.c - `msgvet check`: what changed upstream, against the declared facts and the baseline.
 *
 * Three fact sources are read: the baseline alone (data/observed.json, or --observations),
 * the baseline with the latest completed probe run of the database over it, and the run's own
 * rows (for what only the store keeps: the final URL of a link, the status of a failure, the
 * content hash). Each messenger's facts are walked once (fact_walk) and every kind of
 * finding looks at the fact it is about; the evaluation under the criteria runs with and
 * without the run, and every verdict or placement that differs is a finding too. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "eval.h"
#include "gate.h"
#include "jsonw.h"
#include "schema.h"
#include "spdx.h"
#include "store.h"
#include "util.h"

enum severity { SEV_ERROR, SEV_WARNING, SEV_INFO, SEV__COUNT };

static const char *const severity_names[SEV__COUNT] = {"error", "warning", "info"};

/* The kinds of finding, what each says, and how severe it is (documented in msgvet(1)). */
enum kind {
	K_LICENCE_CONTRADICTION, K_LICENCE_NOT_OSI, K_REPOSITORY_ARCHIVED, K_REPOSITORY_INACTIVE,
	K_PLATFORM_GONE, K_LINK_DEAD, K_LINK_REDIRECTED, K_PRIVACY_POLICY_CHANGED, K_NEW_RELEASE,
	K_VERDICT_CHANGE, K_PLACEMENT_CHANGE, K_STALE_FACT, K__COUNT
};

static const struct {
	const char *name;
	enum severity sev;
	const char *what;
} kinds[K__COUNT] = {
	[K_LICENCE_CONTRADICTION] = {"licence-contradiction", SEV_ERROR, "the licence probed contradicts the declared one"},
	[K_LICENCE_NOT_OSI] = {"licence-not-osi", SEV_ERROR, "the licence is not OSI-approved"},
	[K_REPOSITORY_ARCHIVED] = {"repository-archived", SEV_WARNING, "the repository is archived"},
	[K_REPOSITORY_INACTIVE] = {"repository-inactive", SEV_WARNING, "no release and no commit for longer than the criteria allow"},
	[K_PLATFORM_GONE] = {"platform-gone", SEV_ERROR, "the store no longer offers the app"},
	[K_LINK_DEAD] = {"link-dead", SEV_WARNING, "the link is dead"},
	[K_LINK_REDIRECTED] = {"link-redirected", SEV_WARNING, "the link redirects elsewhere"},
	[K_PRIVACY_POLICY_CHANGED] = {"privacy-policy-changed", SEV_WARNING, "the privacy policy changed since the baseline"},
	[K_NEW_RELEASE] = {"new-release", SEV_INFO, "a new release"},
	[K_VERDICT_CHANGE] = {"verdict-change", SEV_ERROR, "the verdict changes under the current criteria"},
	[K_PLACEMENT_CHANGE] = {"placement-change", SEV_ERROR, "the placement changes under the current criteria"},
	[K_STALE_FACT] = {"stale-fact", SEV_INFO, "the fact is past its re-check age"},
};

/* One finding. Strings live in the check's arena; any but kind and messenger may be NULL. */
struct finding {
	enum kind kind;
	const char *messenger, *fact, *old, *new, *evidence, *file, *message;
	unsigned line;
};

/* A row of the latest run, copied. */
struct row {
	const char *messenger, *fact, *value, *status, *detail, *kind, *target, *final_url, *hash;
};

struct check {
	struct ctx *ctx;
	const struct criteria *c;
	struct arena a;
	struct factsrc base, latest;  /* the baseline; the baseline with the run over it */
	struct row *rows;              /* the run, by messenger then fact */
	size_t nrows, rows_alloc;
	struct finding *v;
	size_t n, alloc;
	const char *db;
	/* the messenger being walked */
	const struct messenger *m;
	struct {
		const char *channel, *file;
		unsigned line;
	} downloads[64];
	size_t ndownloads;
	const struct fact *last_commit, *last_release; /* copies in a */
	const char *repo_file;         /* the first client's repository: where release.* and
					  repository.* come from */
	unsigned repo_line;
};

static const char *kdup(struct check *k, const char *s)
{
	return s ? arena_strdup(&k->a, s) : NULL;
}

static struct finding *add(struct check *k, enum kind kind, const char *messenger, const char *fact)
{
	k->v = xgrow(k->v, sizeof(*k->v), k->n + 1, &k->alloc);
	struct finding *f = &k->v[k->n++];
	memset(f, 0, sizeof(*f));
	f->kind = kind;
	f->messenger = kdup(k, messenger);
	f->fact = kdup(k, fact);
	f->message = kinds[kind].what;
	return f;
}

static int keep_row(const struct store_obs *o, void *arg)
{
	struct check *k = arg;
	if (!model_messenger(&k->ctx->model, o->messenger))
		return 0;
	ctx_obs_add(&k->ctx->model, &k->latest, o, k->db);
	k->rows = xgrow(k->rows, sizeof(*k->rows), k->nrows + 1, &k->rows_alloc);
	k->rows[k->nrows++] = (struct row){
		kdup(k, o->messenger), kdup(k, o->fact), kdup(k, o->value), kdup(k, o->status), kdup(k, o->detail),
		kdup(k, o->kind), kdup(k, o->target), kdup(k, o->final_url), kdup(k, o->content_hash),
	};
	return 0;
}

/* The run's row of (messenger, fact); the last one when the run has several. */
static const struct row *row_find(const struct check *k, const char *messenger, const char *fact)
{
	const struct row *hit = NULL;
	for (size_t i = 0; i < k->nrows; i++) /* a run is small: a few hundred rows */
		if (strcmp(k->rows[i].messenger, messenger) == 0 && strcmp(k->rows[i].fact, fact) == 0)
			hit = &k->rows[i];
	return hit;
}

static const char *value_text(struct check *k, const struct node *v)
{
	if (!v)
		return NULL;
	struct buf b = BUF_INIT;
	fact_value_text(&b, v);
	const char *s = kdup(k, b.s);
	buf_release(&b);
	return s;
}

/* The observation's value as the baseline holds it, as text; NULL when none or failed. */
static const char *base_value(struct check *k, const char *messenger, const char *fact)
{
	const struct observation *o = factsrc_find(&k->base, messenger, fact);
	return o ? value_text(k, o->value) : NULL;
}

/* A run row's value (JSON text) as plain text: the string without its quotes. */
static const char *row_value(struct check *k, const struct row *r)
{
	if (!r || !r->value)
		return NULL;
	size_t n = strlen(r->value);
	if (n >= 2 && r->value[0] == '"' && r->value[n - 1] == '"')
		return arena_strndup(&k->a, r->value + 1, n - 2);
	return r->value;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* "store.app-store.offered": the channel, into out. */
static bool store_offered(const char *path, char *out, size_t size)
{
	if (strncmp(path, "store.", 6) != 0 || !ends_with(path, ".offered"))
		return false;
	size_t n = strlen(path) - 6 - strlen(".offered");
	if (n >= size)
		return false;
	memcpy(out, path + 6, n);
	out[n] = '\0';
	return true;
}

/* Whether two URLs name the same thing (a trailing slash aside). */
static bool same_url(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	na -= na && a[na - 1] == '/';
	nb -= nb && b[nb - 1] == '/';
	return na == nb && strncmp(a, b, na) == 0;
}

/* The declared fact's file and line; for a fact only a probe knows, where its subject is
 * declared (release.* and repository.*: the first client's repository). */
static void where_in(const struct check *k, struct finding *x, const struct fact *f)
{
	x->file = f->file;
	x->line = f->line;
	if (!f->line && (strncmp(f->path, "release.", 8) == 0 || strncmp(f->path, "repository.", 11) == 0) &&
	    k->repo_line) {
		x->file = k->repo_file;
		x->line = k->repo_line;
	}
}
#define where(x, f) where_in(k, x, f)

static const char *source_of(const struct check *k, const struct fact *f, const struct row *r)
{
	(void)k;
	if (r && r->target && strncmp(r->target, "https://", 8) == 0)
		return r->target;
	return f->obs ? f->obs->source : NULL;
}

/* Every finding about one fact of k->m (f read through the baseline with the run over it). */
static void check_fact(void *arg, const struct fact *f)
{
	struct check *k = arg;
	const char *id = k->m->id;
	const struct row *r = row_find(k, id, f->path);
	const struct observation *b = factsrc_find(&k->base, id, f->path);
	struct finding *x;
	/* where each store channel's download is declared, for platform-gone */
	if (strncmp(f->path, "downloads[", 10) == 0 && f->line && k->ndownloads < ARRAY_SIZE(k->downloads)) {
		const char *ch = f->path + 10;
		k->downloads[k->ndownloads].channel = arena_strndup(&k->a, ch, strcspn(ch, "/]"));
		k->downloads[k->ndownloads].file = f->file;
		k->downloads[k->ndownloads++].line = f->line;
	}
	if (strncmp(f->path, "clients[", 8) == 0 && ends_with(f->path, "].repository") && f->line &&
	    (!k->repo_line || f->line < k->repo_line)) {
		k->repo_file = f->file;
		k->repo_line = f->line;
	}
	if (ends_with(f->path, ".licence") && f->declared && f->obs && f->obs->value) {
		if (f->status == OBS_CONTRADICTED) {
			x = add(k, K_LICENCE_CONTRADICTION, id, f->path);
			x->old = value_text(k, f->declared);
			x->new = value_text(k, f->obs->value);
			x->evidence = source_of(k, f, r);
			where(x, f);
		} else if (f->obs->value->str && spdx_osi_approved(f->obs->value->str) == 0) {
			x = add(k, K_LICENCE_NOT_OSI, id, f->path);
			x->new = value_text(k, f->obs->value);
			x->evidence = source_of(k, f, r);
			where(x, f);
		}
	}
	if (strcmp(f->path, "repository.archived") == 0 && r && r->value && strcmp(r->value, "true") == 0 &&
	    !(b && b->value && b->value->str && strcmp(b->value->str, "true") == 0)) {
		x = add(k, K_REPOSITORY_ARCHIVED, id, f->path);
		x->old = base_value(k, id, f->path);
		x->new = "true";
		x->evidence = source_of(k, f, r);
		where(x, f);
	}
	char channel[64];
	if (store_offered(f->path, channel, sizeof(channel)) && r && r->value && strcmp(r->value, "false") == 0 &&
	    b && b->value && b->value->str && strcmp(b->value->str, "true") == 0) {
		x = add(k, K_PLATFORM_GONE, id, f->path);
		x->old = "true";
		x->new = "false";
		x->evidence = source_of(k, f, r);
		where(x, f);
		for (size_t i = 0; i < k->ndownloads; i++)
			if (strcmp(k->downloads[i].channel, channel) == 0) {
				x->file = k->downloads[i].file;
				x->line = k->downloads[i].line;
				break;
			}
	}
	if (r && r->kind && strcmp(r->kind, "links") == 0 && f->declared && f->declared->str) {
		if (!r->value && !(b && !b->value)) {
			x = add(k, K_LINK_DEAD, id, f->path);
			x->old = f->declared->str;
			x->new = kdup(k, r->detail ? r->detail : r->status);
			x->evidence = f->declared->str;
			where(x, f);
		} else if (r->value && r->final_url && !same_url(r->final_url, f->declared->str)) {
			x = add(k, K_LINK_REDIRECTED, id, f->path);
			x->old = f->declared->str;
			x->new = r->final_url;
			x->evidence = f->declared->str;
			where(x, f);
		}
	}
	if (strcmp(f->path, "links.privacy-policy") == 0 && r && r->value && r->hash && b && b->hash &&
	    strcmp(r->hash, b->hash) != 0) {
		x = add(k, K_PRIVACY_POLICY_CHANGED, id, f->path);
		x->old = b->hash;
		x->new = r->hash;
		x->evidence = f->declared && f->declared->str ? f->declared->str : source_of(k, f, r);
		where(x, f);
	}
	if (strcmp(f->path, "release.latest.version") == 0 && r && r->value) {
		const char *old = base_value(k, id, f->path), *now = row_value(k, r);
		if (old && strcmp(old, now) != 0) {
			x = add(k, K_NEW_RELEASE, id, f->path);
			x->old = old;
			x->new = now;
			x->evidence = source_of(k, f, r);
			where(x, f);
		}
	}
	/* the activity dates, for repository-inactive once the walk is done */
	if ((strcmp(f->path, "repository.last-commit") == 0 || strcmp(f->path, "release.latest.date") == 0) &&
	    f->value && f->value->str) {
		struct fact *copy = arena_alloc(&k->a, sizeof(*copy));
		*copy = *f;
		copy->path = kdup(k, f->path);
		copy->value = f->value;
		if (strcmp(f->path, "repository.last-commit") == 0)
			k->last_commit = copy;
		else
			k->last_release = copy;
	}
}

/* No release and no commit for longer than the criteria's max-inactivity. */
static void check_activity(struct check *k)
{
	long limit = k->c->max_inactivity, latest = 0, d;
	const struct fact *last = NULL;
	const struct fact *both[] = {k->last_commit, k->last_release};
	for (size_t i = 0; i < ARRAY_SIZE(both); i++)
		if (both[i] && date_parse(both[i]->value->str, &d) == 0 && (!last || d > latest)) {
			last = both[i];
			latest = d;
		}
	if (!limit || !last || k->ctx->now - latest <= limit)
		return;
	struct finding *x = add(k, K_REPOSITORY_INACTIVE, k->m->id, last->path);
	x->new = kdup(k, last->value->str);
	x->message = arena_printf(&k->a, "no release and no commit for %ld days (more than %ld)",
				  k->ctx->now - latest, limit);
	x->evidence = last->obs ? last->obs->source : NULL;
	where(x, last);
}

/* The declared fact a changed verdict rests on: a doubtful one first, else the first read. */
static const struct fact *verdict_fact(const struct crit_result *cr)
{
	for (size_t i = 0; i < cr->nev; i++)
		if (cr->ev[i].line && cr->ev[i].doubt)
			return &cr->ev[i];
	for (size_t i = 0; i < cr->nev; i++)
		if (cr->ev[i].line)
			return &cr->ev[i];
	return cr->nev ? &cr->ev[0] : NULL;
}

/* One verdict or placement that differs between the baseline and the run. */
static void eval_change(void *arg, const struct messenger_result *r0, const struct messenger_result *r1,
			size_t c)
{
	struct check *k = arg;
	const struct messenger *m = r1->m;
	if (c < k->c->ncrit) {
		const struct crit_result *c0 = &r0->results[c], *c1 = &r1->results[c];
		struct finding *x = add(k, K_VERDICT_CHANGE, m->id, k->c->crit[c].id);
		x->old = verdict_name(c0->verdict);
		x->new = verdict_name(c1->verdict);
		const struct fact *f = verdict_fact(c1);
		x->file = f ? kdup(k, f->file) : m->file;
		x->line = f ? f->line : 0;
		x->message = arena_printf(&k->a, "the verdict on %s changes under %s@%s",
					  k->c->crit[c].id, k->c->category, k->c->version);
		if (f && f->obs && f->obs->source)
			x->evidence = kdup(k, f->obs->source);
		return;
	}
	struct finding *x = add(k, K_PLACEMENT_CHANGE, m->id, "placement");
	x->old = placement_name(r0);
	x->new = placement_name(r1);
	x->file = m->file;
	x->line = m->root->line;
	x->message = arena_printf(&k->a, "the placement changes under %s@%s", k->c->category,
				  k->c->version);
}

/* The evaluation without the run (the baseline) and with it. */
static void check_eval(struct check *k)
{
	const struct model *md = &k->ctx->model;
	const struct messenger **ms = xcalloc(md->nmessengers + 1, sizeof(*ms));
	for (size_t i = 0; i < md->nmessengers; i++)
		ms[i] = &md->messengers[i];
	struct evaluation *e0 = eval_run(k->c, ms, md->nmessengers, &k->base, k->ctx->now);
	struct evaluation *e1 = eval_run(k->c, ms, md->nmessengers, &k->latest, k->ctx->now);
	eval_changes(e0, e1, eval_change, k);
	eval_free(e0);
	eval_free(e1);
	free(ms);
}

/* The facts past their re-check age, as validate --max-age finds them. */
static int check_age(struct check *k)
{
	long age = 0;
	if (ctx_max_age(k->ctx, &age))
		return -1;
	if (!age)
		return 0;
	struct diag d = DIAG_INIT;
	d.max = 100000;
	gate_check_age(&k->ctx->model, k->ctx->now, age, &d);
	for (size_t i = 0; i < d.n; i++) {
		const struct diag_entry *e = &d.v[i];
		const struct messenger *m = NULL;
		for (size_t j = 0; j < k->ctx->model.nmessengers && !m; j++)
			if (strcmp(k->ctx->model.messengers[j].file, e->file) == 0)
				m = &k->ctx->model.messengers[j];
		/* the path is the first quoted name of the message */
		const char *q = strchr(e->msg, '\'');
		const char *end = q ? strstr(q + 1, "' ") : NULL;
		struct finding *x = add(k, K_STALE_FACT, m ? m->id : "", NULL);
		x->fact = q && end ? arena_strndup(&k->a, q + 1, (size_t)(end - q - 1)) : NULL;
		x->file = kdup(k, e->file);
		x->line = e->line;
		x->message = kdup(k, e->msg);
	}
	diag_release(&d);
	return 0;
}

static int cmp_finding(const void *pa, const void *pb)
{
	const struct finding *a = pa, *b = pb;
	int c = (int)kinds[a->kind].sev - (int)kinds[b->kind].sev;
	if (!c)
		c = strcmp(a->messenger, b->messenger);
	if (!c)
		c = strcmp(a->fact ? a->fact : "", b->fact ? b->fact : "");
	if (!c)
		c = strcmp(kinds[a->kind].name, kinds[b->kind].name);
	return c;
}

/* "data/messengers/signal.yml" from "./data/messengers/signal.yml". */
static const char *rel(const char *file)
{
	return file && strncmp(file, "./", 2) == 0 ? file + 2 : file;
}

static void counts(const struct check *k, size_t n[SEV__COUNT])
{
	memset(n, 0, SEV__COUNT * sizeof(*n));
	for (size_t i = 0; i < k->n; i++)
		n[kinds[k->v[i].kind].sev]++;
}

static void summary(struct buf *b, const struct check *k)
{
	size_t n[SEV__COUNT];
	counts(k, n);
	buf_addf(b, "%zu error%s, %zu warning%s, %zu info", n[SEV_ERROR], n[SEV_ERROR] == 1 ? "" : "s",
		 n[SEV_WARNING], n[SEV_WARNING] == 1 ? "" : "s", n[SEV_INFO]);
}

static void print_text(const struct check *k, long long run)
{
	for (size_t i = 0; i < k->n; i++) {
		const struct finding *f = &k->v[i];
		if (f->file && f->line)
			printf("%s:%u: ", rel(f->file), f->line);
		else if (f->file)
			printf("%s: ", rel(f->file));
		printf("%s: %s: %s", severity_names[kinds[f->kind].sev], kinds[f->kind].name, f->messenger);
		if (f->fact)
			printf(" %s", f->fact);
		printf(": %s", f->message);
		if (f->old || f->new)
			printf(" (%s -> %s)", f->old ? f->old : "none", f->new ? f->new : "none");
		if (f->evidence)
			printf(" <%s>", f->evidence);
		putchar('\n');
	}
	struct buf b = BUF_INIT;
	summary(&b, k);
	printf("%s check: run %lld: %s\n", progname, run, b.s);
	buf_release(&b);
}

static void print_json(const struct check *k, long long run)
{
	struct jsonw w;
	jw_init(&w, stdout);
	jw_obj(&w);
	size_t n[SEV__COUNT];
	counts(k, n);
	jw_key(&w, "counts");
	jw_obj(&w);
	static const enum severity sorted[] = {SEV_ERROR, SEV_INFO, SEV_WARNING}; /* keys in order */
	for (size_t s = 0; s < ARRAY_SIZE(sorted); s++) {
		jw_key(&w, severity_names[sorted[s]]);
		jw_int(&w, (long)n[sorted[s]]);
	}
	jw_obj_end(&w);
	jw_key(&w, "findings");
	jw_arr(&w);
	for (size_t i = 0; i < k->n; i++) {
		const struct finding *f = &k->v[i];
		jw_obj(&w);
		jw_kstr(&w, "evidence", f->evidence);
		jw_kstr(&w, "fact", f->fact);
		jw_kstr(&w, "file", rel(f->file));
		jw_kstr(&w, "kind", kinds[f->kind].name);
		jw_key(&w, "line");
		if (f->file && f->line)
			jw_int(&w, (long)f->line);
		else
			jw_null(&w);
		jw_kstr(&w, "message", f->message);
		jw_kstr(&w, "messenger", f->messenger);
		jw_kstr(&w, "new", f->new);
		jw_kstr(&w, "old", f->old);
		jw_kstr(&w, "severity", severity_names[kinds[f->kind].sev]);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_key(&w, "run");
	jw_int(&w, (long)run);
	jw_kstr(&w, "schema", "msgvet-check/1");
	jw_obj_end(&w);
	jw_finish(&w);
}

static void md_cell(struct buf *b, const char *s)
{
	buf_adds(b, " ");
	if (s && *s)
		buf_add_md(b, s);
	buf_adds(b, " |");
}

static void print_md(const struct check *k, long long run)
{
	struct buf b = BUF_INIT;
	buf_addf(&b, "## msgvet check: ");
	summary(&b, k);
	buf_addf(&b, "\n\nProbe run %lld against the declared facts and the accepted baseline.\n\n", run);
	if (!k->n) {
		buf_adds(&b, "Nothing changed upstream.\n");
	} else {
		buf_adds(&b, "| severity | finding | messenger | fact | old | new | evidence | data |\n"
			     "|---|---|---|---|---|---|---|---|\n|");
		for (size_t i = 0; i < k->n; i++) {
			const struct finding *f = &k->v[i];
			md_cell(&b, severity_names[kinds[f->kind].sev]);
			struct buf what = BUF_INIT;
			buf_addf(&what, "%s: %s", kinds[f->kind].name, f->message);
			md_cell(&b, what.s);
			buf_release(&what);
			md_cell(&b, f->messenger);
			md_cell(&b, f->fact);
			md_cell(&b, f->old);
			md_cell(&b, f->new);
			if (f->evidence && strncmp(f->evidence, "https://", 8) == 0) {
				/* a link whose text is the URL, escaped as text; the destination in <> */
				buf_adds(&b, " [");
				buf_add_md(&b, f->evidence);
				buf_adds(&b, "](<");
				for (const char *p = f->evidence; *p; p++)
					if (*p == '<' || *p == '>' || *p == ' ' || *p == '|' || (unsigned char)*p < 0x20)
						buf_addf(&b, "%%%02X", (unsigned char)*p);
					else
						buf_addc(&b, *p);
				buf_adds(&b, ">) |");
			} else {
				md_cell(&b, f->evidence);
			}
			struct buf at = BUF_INIT;
			if (f->file && f->line)
				buf_addf(&at, "%s:%u", rel(f->file), f->line);
			else if (f->file)
				buf_adds(&at, rel(f->file));
			md_cell(&b, at.s);
			buf_release(&at);
			buf_adds(&b, i + 1 < k->n ? "\n|" : "\n");
		}
	}
	fputs(b.s, stdout);
	buf_release(&b);
}

/* A workflow command's data (%, CR, LF escaped) or property value (also : and ,). */
static void gh_escape(struct buf *b, const char *s, bool property)
{
	for (; s && *s; s++) {
		if (*s == '%')
			buf_adds(b, "%25");
		else if (*s == '\r')
			buf_adds(b, "%0D");
		else if (*s == '\n')
			buf_adds(b, "%0A");
		else if (property && *s == ':')
			buf_adds(b, "%3A");
		else if (property && *s == ',')
			buf_adds(b, "%2C");
		else
			buf_addc(b, *s);
	}
}

static void print_github(const struct check *k)
{
	static const char *const level[SEV__COUNT] = {"error", "warning", "notice"};
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < k->n; i++) {
		const struct finding *f = &k->v[i];
		buf_addf(&b, "::%s ", level[kinds[f->kind].sev]);
		if (f->file) {
			buf_adds(&b, "file=");
			gh_escape(&b, rel(f->file), true);
			if (f->line)
				buf_addf(&b, ",line=%u", f->line);
			buf_adds(&b, ",");
		}
		buf_adds(&b, "title=");
		gh_escape(&b, kinds[f->kind].name, true);
		buf_adds(&b, "::");
		struct buf msg = BUF_INIT;
		buf_addf(&msg, "%s", f->messenger);
		if (f->fact)
			buf_addf(&msg, " %s", f->fact);
		buf_addf(&msg, ": %s", f->message);
		if (f->old || f->new)
			buf_addf(&msg, " (%s -> %s)", f->old ? f->old : "none", f->new ? f->new : "none");
		if (f->evidence)
			buf_addf(&msg, " <%s>", f->evidence);
		gh_escape(&b, msg.s, false);
		buf_release(&msg);
		buf_addc(&b, '\n');
	}
	fputs(b.s, stdout);
	buf_release(&b);
}

/* --fail-on SEVERITY; SEV__COUNT on a usage error. */
static enum severity fail_on(const struct ctx *ctx)
{
	const char *s = ctx->opt[OPT_FAIL_ON];
	if (!s)
		return SEV_ERROR;
	for (int i = 0; i < SEV__COUNT; i++)
		if (strcmp(s, severity_names[i]) == 0)
			return (enum severity)i;
	usage_error(ctx, "--fail-on '%s' is not one of: error, warning, info", s);
	return SEV__COUNT;
}

int cmd_check(struct ctx *ctx, int argc, char **argv)
{
	if (argc > 0)
		return usage_error(ctx, "unexpected argument '%s'", argv[0]);
	enum severity threshold = fail_on(ctx);
	if (threshold == SEV__COUNT)
		return EXIT_USAGE;
	long age;
	if (ctx_max_age(ctx, &age))
		return EXIT_USAGE;
	if (ctx_load(ctx) < 0)
		return EXIT_USAGE;
	const struct criteria *c = ctx_criteria(ctx);
	if (!c)
		return EXIT_USAGE;
	int rc = 0;
	struct check k = {.ctx = ctx, .c = c, .a = ARENA_INIT, .base = FACTSRC_INIT, .latest = FACTSRC_INIT};
	struct ctx_runs runs = {0};
	struct diag d = DIAG_INIT;
	char *path = ctx_observations_path(ctx), *db = ctx_db_path(ctx);
	k.db = db;
	struct store *s = ctx_store(ctx, &rc);
	if (!s || (rc = ctx_runs(ctx, s, &runs)) != 0)
		goto out;
	if (!runs.n) {
		rc = input_error(ctx, "no completed probe run in '%s': run '%s probe' first", db, progname);
		goto out;
	}
	long long run = runs.v[runs.n - 1].id;
	const struct model *md = &ctx->model;
	if (access(path, F_OK) == 0 &&
	    (factsrc_load(&k.base, path, md->messengers, md->nmessengers, &d) < 0 ||
	     factsrc_load(&k.latest, path, md->messengers, md->nmessengers, &d) < 0)) {
		diag_print(&d, stderr);
		rc = EXIT_USAGE;
		goto out;
	}
	if (store_obs_run(s, run, keep_row, &k) < 0) {
		fprintf(stderr, "%s check: %s\n", progname, store_error(s));
		rc = EXIT_RUNTIME;
		goto out;
	}
	for (size_t i = 0; i < md->nmessengers; i++) {
		struct arena wa = ARENA_INIT;
		k.m = &md->messengers[i];
		k.ndownloads = 0;
		k.last_commit = k.last_release = NULL;
		k.repo_file = NULL;
		k.repo_line = 0;
		fact_walk(&k.latest, k.m, &wa, check_fact, &k);
		check_activity(&k);
		arena_release(&wa);
	}
	check_eval(&k);
	if (check_age(&k) < 0) {
		rc = EXIT_USAGE;
		goto out;
	}
	if (k.n > 1)
		qsort(k.v, k.n, sizeof(*k.v), cmp_finding);
	switch (ctx->format) {
	case FMT_JSON: print_json(&k, run); break;
	case FMT_MD: print_md(&k, run); break;
	case FMT_GITHUB: print_github(&k); break;
	default: print_text(&k, run); break;
	}
	for (size_t i = 0; i < k.n; i++)
		if (kinds[k.v[i].kind].sev <= threshold)
			rc = EXIT_FINDINGS;
out:
	store_close(s);
	free(runs.v);
	free(k.v);
	free(k.rows);
	factsrc_release(&k.base);
	factsrc_release(&k.latest);
	arena_release(&k.a);
	diag_release(&d);
	free(path);
	free(db);
	return rc;
}
