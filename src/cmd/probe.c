/* probe.c - `msgvet probe [ID...]`: the HTTP probes, their observations into the store.
 *
 * The plan comes from the fact walker through the adapters (src/probe/probe.h); the requests
 * run on the http engine; every answer becomes observations, written with the HTTP cache entry
 * in one store transaction for the whole run. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <cjson/cJSON.h>

#include "buf.h"
#include "cli.h"
#include "http.h"
#include "licdata.h"
#include "probe.h"
#include "repo.h"
#include "store.h"
#include "table.h"
#include "util.h"
#include "version.h"

/* Counts of one messenger (and of the whole run). */
struct tally {
	size_t targets, done, ok, changed, failed, skipped;
};

/* A reason targets failed, and how many. */
struct why_count {
	char *name;
	size_t n;
};

struct run {
	struct ctx *ctx;
	struct store *s;
	long long id;
	const struct probe_plan *plan;
	const struct messenger **ms; /* the messengers probed, in model order */
	size_t nms;
	struct tally *per;           /* per messenger of ms */
	struct tally all;
	struct why_count *whys;
	size_t nwhys, whys_alloc;
	bool tty;
	struct timespec start;
	bool local_error;            /* the store failed: the run is abandoned */
};

static size_t messenger_index(const struct run *r, const struct messenger *m)
{
	for (size_t i = 0; i < r->nms; i++)
		if (r->ms[i] == m)
			return i;
	return 0;
}

static double elapsed(const struct run *r)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - r->start.tv_sec) + (double)(now.tv_nsec - r->start.tv_nsec) / 1e9;
}

static void count_why(struct run *r, const char *name)
{
	for (size_t i = 0; i < r->nwhys; i++)
		if (strcmp(r->whys[i].name, name) == 0) {
			r->whys[i].n++;
			return;
		}
	r->whys = xgrow(r->whys, sizeof(*r->whys), r->nwhys + 1, &r->whys_alloc);
	r->whys[r->nwhys].name = xstrdup(name);
	r->whys[r->nwhys++].n = 1;
}

/* The cached answer: {"final_url": ..., "obs": [[fact, value or null, reason or null], ...]}. */
static char *cache_value(const struct probe_out *out, const char *final_url)
{
	cJSON *root = cJSON_CreateObject(), *list = cJSON_AddArrayToObject(root, "obs");
	if (final_url)
		cJSON_AddStringToObject(root, "final_url", final_url);
	for (size_t i = 0; i < out->n; i++) {
		cJSON *o = cJSON_CreateArray();
		cJSON_AddItemToArray(o, cJSON_CreateString(out->v[i].fact));
		cJSON_AddItemToArray(o, out->v[i].value ? cJSON_CreateString(out->v[i].value) : cJSON_CreateNull());
		cJSON_AddItemToArray(o, out->v[i].reason ? cJSON_CreateString(out->v[i].reason) : cJSON_CreateNull());
		cJSON_AddItemToArray(list, o);
	}
	char *s = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	if (!s)
		die(EXIT_RUNTIME, "out of memory");
	return s;
}

/* What a cache entry held, read back. */
struct cached {
	bool found;
	struct probe_out out;
	char *final_url, *hash;
};

static int cache_read(const struct store_cache *c, void *arg)
{
	struct cached *k = arg;
	cJSON *root = c->value ? cJSON_Parse(c->value) : NULL;
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, "obs");
	const cJSON *fu = cJSON_GetObjectItemCaseSensitive(root, "final_url");
	if (cJSON_IsArray(list)) {
		k->found = true;
		const cJSON *o;
		cJSON_ArrayForEach(o, list) {
			const cJSON *f = cJSON_GetArrayItem(o, 0), *v = cJSON_GetArrayItem(o, 1),
				    *w = cJSON_GetArrayItem(o, 2);
			if (cJSON_IsString(f))
				probe_emit(&k->out, f->valuestring, cJSON_IsString(v) ? v->valuestring : NULL,
					   cJSON_IsString(w) ? w->valuestring : "the cached answer has no value");
		}
		k->final_url = cJSON_IsString(fu) ? xstrdup(fu->valuestring) : NULL;
		k->hash = c->body_hash ? xstrdup(c->body_hash) : NULL;
	}
	cJSON_Delete(root);
	return 0;
}

static void cached_release(struct cached *k)
{
	probe_out_release(&k->out);
	free(k->final_url);
	free(k->hash);
}

/* The validators the cache holds for url. */
struct validators {
	char *etag, *last_modified;
};

static int cache_validators(const struct store_cache *c, void *arg)
{
	struct validators *v = arg;
	v->etag = c->etag ? xstrdup(c->etag) : NULL;
	v->last_modified = c->last_modified ? xstrdup(c->last_modified) : NULL;
	return 0;
}

/* Whether the latest stored observation differs from a new one. */
struct compare {
	const struct store_obs *now;
	bool differs;
};

static int same_obs(const struct store_obs *o, void *arg)
{
	struct compare *c = arg;
	const struct store_obs *now = c->now;
	bool same = (!o->value == !now->value) && (!o->value || strcmp(o->value, now->value) == 0) &&
		    (!now->content_hash || (o->content_hash && strcmp(o->content_hash, now->content_hash) == 0));
	c->differs = !same;
	return 0;
}

/* One finished target into the store: its observations, compared with the latest ones. */
struct answer_meta {
	const char *status;       /* ok, not-modified, cached, an outcome name, unexpected-answer */
	int http_status;
	const char *final_url, *hash, *etag, *last_modified;
};

static void record(struct run *r, const struct probe_target *t, const struct probe_out *out,
		   const struct answer_meta *am)
{
	struct tally *per = &r->per[messenger_index(r, t->m)];
	long long now = (long long)time(NULL);
	bool changed = false, failed = false;
	for (size_t i = 0; i < out->n && !r->local_error; i++) {
		const struct probe_obs *po = &out->v[i];
		struct store_obs o = {
			.run = r->id, .messenger = t->m->id, .target = t->url, .kind = t->ad->kind,
			.fact = po->fact, .value = po->value, .status = am->status,
			.http_status = am->http_status, .final_url = am->final_url,
			.content_hash = t->policy && po->value ? am->hash : NULL,
			.etag = am->etag, .last_modified = am->last_modified, .time = now, .detail = po->reason,
		};
		if (!po->value)
			failed = true;
		struct compare cmp = {&o, false};
		if (store_obs_latest(r->s, t->m->id, po->fact, same_obs, &cmp) < 0)
			r->local_error = true;
		if (cmp.differs)
			changed = true;
		if (store_obs_insert(r->s, &o) < 0)
			r->local_error = true;
	}
	per->done++;
	r->all.done++;
	if (failed) {
		per->failed++;
		r->all.failed++;
		/* an answer that came but did not tell every fact (a licence without an SPDX id) */
		bool answered = strcmp(am->status, "ok") == 0 || strcmp(am->status, "not-modified") == 0 ||
				strcmp(am->status, "cached") == 0;
		count_why(r, answered ? "not-told" : am->status);
	} else {
		per->ok++;
		r->all.ok++;
	}
	if (changed) {
		per->changed++;
		r->all.changed++;
	}
	if (r->tty) {
		char host[64] = "";
		const char *h = strstr(t->url, "://");
		if (h)
			snprintf(host, sizeof(host), "%.*s", (int)strcspn(h + 3, "/?#"), h + 3);
		fprintf(stderr, "\r\033[K%s probe: [%zu/%zu] %zu failed  %s  %.1fs", progname, r->all.done,
			r->all.targets, r->all.failed, host, elapsed(r));
		fflush(stderr);
	} else if (per->done + per->skipped == per->targets) {
		fprintf(stderr, "%s probe: %s: %zu target%s, %zu ok, %zu changed, %zu failed\n", progname,
			t->m->id, per->targets, per->targets == 1 ? "" : "s", per->ok, per->changed, per->failed);
	}
}

/* A target whose request ended: map the answer (or replay the cache on a 304). */
static void finished(const struct http_result *res, void *arg)
{
	struct run *r = arg;
	const struct probe_target *t = res->user;
	struct probe_out out = {0};
	struct answer_meta am = {http_outcome_name(res->outcome), res->status, res->final_url,
				 res->hash[0] ? res->hash : NULL, res->headers.etag, res->headers.last_modified};
	struct buf why = BUF_INIT;
	if (r->local_error)
		return;
	if (res->outcome == HTTP_NOT_MODIFIED) {
		struct cached k = {0};
		if (store_cache_get(r->s, t->url, cache_read, &k) < 0)
			r->local_error = true;
		if (k.found) {
			am.final_url = k.final_url ? k.final_url : res->final_url;
			am.hash = k.hash;
			record(r, t, &k.out, &am);
		} else {
			probe_fail_all(&out, t, "a 304 answer, and no cached answer to reuse");
			record(r, t, &out, &am);
		}
		cached_release(&k);
		goto out;
	}
	bool success = res->outcome == HTTP_OK ||
		       (res->outcome == HTTP_HTTP_ERROR && t->ad->tells && t->ad->tells(t, res->status));
	if (!success) {
		probe_fail_all(&out, t, res->reason.len ? res->reason.s : http_outcome_name(res->outcome));
		record(r, t, &out, &am);
		goto out;
	}
	struct probe_answer a = {res->status, res->body.s, res->body.len, res->final_url, res->hash};
	if (t->ad->answer(t, &a, &out, &why) < 0) {
		probe_out_release(&out);
		struct buf reason = BUF_INIT;
		buf_addf(&reason, "unexpected answer: %s", why.s);
		probe_fail_all(&out, t, reason.s);
		buf_release(&reason);
		am.status = "unexpected-answer";
		record(r, t, &out, &am);
		goto out;
	}
	record(r, t, &out, &am);
	if (res->outcome == HTTP_OK && (res->headers.etag || res->headers.last_modified)) {
		char *value = cache_value(&out, res->final_url);
		struct store_cache c = {
			.url = t->url, .etag = res->headers.etag, .last_modified = res->headers.last_modified,
			.body_hash = res->hash[0] ? res->hash : NULL, .http_status = res->status,
			.value = value, .stored = (long long)time(NULL),
		};
		if (store_cache_put(r->s, &c) < 0)
			r->local_error = true;
		free(value);
	}
out:
	buf_release(&why);
	probe_out_release(&out);
}

/* --only KIND[,KIND...] (repeatable) into a bit set of probe_adapters; 0 on a usage error. */
static unsigned only_mask(struct ctx *ctx)
{
	if (!ctx->all[OPT_ONLY].n) {
		/* every probe but the git one, which clones mirrors: that one is asked for by name */
		unsigned all = 0;
		for (size_t a = 0; a < probe_nadapters; a++)
			if (!probe_adapters[a]->git)
				all |= 1u << a;
		return all;
	}
	unsigned mask = 0;
	for (size_t i = 0; i < ctx->all[OPT_ONLY].n; i++) {
		char *list = xstrdup(ctx->all[OPT_ONLY].v[i]), *save = NULL;
		for (char *k = strtok_r(list, ",", &save); k; k = strtok_r(NULL, ",", &save)) {
			size_t a;
			for (a = 0; a < probe_nadapters; a++)
				if (strcmp(probe_adapters[a]->kind, k) == 0)
					break;
			if (a == probe_nadapters) {
				const char *cand[8];
				for (size_t c = 0; c < probe_nadapters; c++)
					cand[c] = probe_adapters[c]->kind;
				const char *near = closest_match(k, cand, probe_nadapters);
				if (near)
					usage_error(ctx, "--only '%s' is not a probe (did you mean '%s'?)", k, near);
				else
					usage_error(ctx, "--only '%s' is not a probe (forge, stores, feeds, matrix, links, repo)", k);
				free(list);
				return 0;
			}
			mask |= 1u << a;
		}
		free(list);
	}
	return mask;
}

static void print_summary(const struct run *r)
{
	struct table tb;
	table_init(&tb, 6);
	static const char *const head[] = {"messenger", "targets", "ok", "changed", "failed", "skipped"};
	for (size_t i = 0; i < ARRAY_SIZE(head); i++)
		table_add(&tb, head[i], TONE_HEAD);
	char n[32];
	for (size_t i = 0; i <= r->nms; i++) {
		const struct tally *x = i < r->nms ? &r->per[i] : &r->all;
		table_add(&tb, i < r->nms ? r->ms[i]->id : "total", TONE_NONE);
		const size_t v[] = {x->targets, x->ok, x->changed, x->failed, x->skipped};
		for (size_t k = 0; k < ARRAY_SIZE(v); k++) {
			snprintf(n, sizeof(n), "%zu", v[k]);
			table_add(&tb, n, k == 3 && v[k] ? TONE_FAIL : TONE_NONE);
		}
	}
	table_print(&tb, stdout, r->ctx->color, r->ctx->width);
	table_release(&tb);
	if (r->nwhys) {
		printf("failed:");
		for (size_t i = 0; i < r->nwhys; i++)
			printf("%s %s %zu", i ? "," : "", r->whys[i].name, r->whys[i].n);
		printf("\n");
	}
}

static int cmp_why(const void *a, const void *b)
{
	return strcmp(((const struct why_count *)a)->name, ((const struct why_count *)b)->name);
}

static void dry_run(const struct probe_plan *plan, const struct messenger *const *ms, size_t nms)
{
	for (size_t i = 0; i < nms; i++) {
		printf("%s\n", ms[i]->id);
		for (size_t k = 0; k < plan->n; k++) {
			const struct probe_target *t = &plan->v[k];
			if (t->m != ms[i])
				continue;
			printf("  %-7s %s\n", t->ad->kind, t->url);
			for (size_t f = 0; f < t->nfacts; f++)
				printf("          %s\n", t->facts[f]);
		}
	}
}

/* URL with the first matching --git-rewrite FROM=TO applied (as git's insteadOf), owned. */
static char *git_rewrite(const struct ctx *ctx, const char *url)
{
	for (size_t i = 0; i < ctx->all[OPT_GIT_REWRITE].n; i++) {
		const char *spec = ctx->all[OPT_GIT_REWRITE].v[i], *eq = strchr(spec, '=');
		size_t n = eq ? (size_t)(eq - spec) : 0;
		if (eq && n && strncmp(url, spec, n) == 0)
			return xasprintf("%s%s", eq + 1, url + n);
	}
	return xstrdup(url);
}

/* The git targets of the plan, one after the other with the repository probe. Returns 0, or
 * -1 (a usage error already printed) when the licence texts or the cache cannot be had. */
static int run_git(struct run *r, const struct probe_plan *plan)
{
	struct ctx *ctx = r->ctx;
	size_t n = 0;
	for (size_t k = 0; k < plan->n; k++)
		n += plan->v[k].ad->git;
	if (!n)
		return 0;
	char *cache = ctx_cache_dir(ctx);
	if (!cache) {
		usage_error(ctx, "no cache directory for the repository mirrors: set XDG_CACHE_HOME or HOME, or give --cache");
		return -1;
	}
	unsigned timeout = 0;
	if (ctx->opt[OPT_TIMEOUT]) {
		char *end;
		unsigned long t = strtoul(ctx->opt[OPT_TIMEOUT], &end, 10);
		if (*ctx->opt[OPT_TIMEOUT] < '1' || *ctx->opt[OPT_TIMEOUT] > '9' || *end || t > 86400) {
			usage_error(ctx, "--timeout '%s' must be a number of seconds from 1 to 86400",
				    ctx->opt[OPT_TIMEOUT]);
			free(cache);
			return -1;
		}
		timeout = (unsigned)t;
	}
	struct licence_db db = {0};
	struct diag d = DIAG_INIT;
	char *dir = strcmp(ctx->root, ".") == 0 ? xstrdup(LICDATA_DIR) : xasprintf("%s/%s", ctx->root, LICDATA_DIR);
	int rc = 0;
	if (licdata_load(&db, dir, &d) < 0) {
		diag_print(&d, stderr);
		rc = -1;
		goto out;
	}
	for (size_t k = 0; k < plan->n && !r->local_error; k++) {
		const struct probe_target *t = &plan->v[k];
		if (!t->ad->git)
			continue;
		char *url = git_rewrite(ctx, t->url);
		struct repo_options o = {url, cache, NULL, false, &db, timeout, false};
		struct repo_report rep;
		memset(&rep, 0, sizeof(rep));
		struct buf err = BUF_INIT;
		struct probe_out out = {0};
		struct answer_meta am = {"ok", 0, NULL, NULL, NULL, NULL};
		if (repo_probe(&o, &rep, &err) < 0) {
			am.status = repo_status_name(rep.status);
			probe_fail_all(&out, t, err.s);
		} else {
			probe_repo_answer(t, &rep, &out);
		}
		record(r, t, &out, &am);
		probe_out_release(&out);
		repo_report_release(&rep);
		buf_release(&err);
		free(url);
	}
out:
	licence_db_release(&db);
	diag_release(&d);
	free(dir);
	free(cache);
	return rc;
}

int cmd_probe(struct ctx *ctx, int argc, char **argv)
{
	int rc = EXIT_OK;
	unsigned mask = only_mask(ctx);
	if (!mask)
		return EXIT_USAGE;
	struct http_config hc;
	http_config_default(&hc);
	if (ctx->opt[OPT_JOBS]) {
		char *end;
		long j = strtol(ctx->opt[OPT_JOBS], &end, 10);
		if (*end || end == ctx->opt[OPT_JOBS] || j < 1 || j > 256)
			return usage_error(ctx, "--jobs '%s' is not a number from 1 to 256", ctx->opt[OPT_JOBS]);
		hc.jobs = (int)j;
	}
	if (ctx->opt[OPT_DRY_RUN] && ctx->opt[OPT_OFFLINE])
		return usage_error(ctx, "--dry-run and --offline cannot be used together");
	if (ctx_load(ctx) < 0)
		return EXIT_USAGE;
	size_t nms = 0;
	const struct messenger **ms = xcalloc(ctx->model.nmessengers + 1, sizeof(*ms));
	for (size_t i = 0; i < ctx->model.nmessengers; i++) {
		const struct messenger *m = &ctx->model.messengers[i];
		bool want = argc == 0;
		for (int k = 0; k < argc && !want; k++)
			want = strcasecmp(argv[k], m->id) == 0;
		if (want)
			ms[nms++] = m;
	}
	for (int k = 0; k < argc; k++)
		if (!ctx_messenger(ctx, argv[k])) {
			free(ms);
			return EXIT_USAGE;
		}
	struct probe_plan plan = {0};
	struct arena a = ARENA_INIT;
	for (size_t i = 0; i < nms; i++)
		probe_plan_add(&plan, ms[i], mask, &a);
	struct run r = {.ctx = ctx, .plan = &plan, .ms = ms, .nms = nms};
	r.per = xcalloc(nms + 1, sizeof(*r.per));
	r.tty = isatty(STDERR_FILENO);
	clock_gettime(CLOCK_MONOTONIC, &r.start);
	for (size_t k = 0; k < plan.n; k++) {
		r.per[messenger_index(&r, plan.v[k].m)].targets++;
		r.all.targets++;
	}
	struct http *h = NULL;
	struct buf err = BUF_INIT;
	char *db = NULL;
	if (ctx->opt[OPT_DRY_RUN]) {
		dry_run(&plan, ms, nms);
		goto out;
	}
	db = ctx_db_path(ctx);
	r.s = store_open(db, false, &err);
	if (!r.s) {
		warnmsg("%s", err.s);
		rc = EXIT_RUNTIME;
		goto out;
	}
	if (store_run_begin(r.s, (long long)time(NULL), MSGVET_VERSION, &r.id) < 0) {
		warnmsg("%s", store_error(r.s));
		rc = EXIT_RUNTIME;
		goto out;
	}
	if (ctx->opt[OPT_OFFLINE]) {
		/* no request: what the cache holds is recorded again, the rest skipped */
		for (size_t k = 0; k < plan.n && !r.local_error; k++) {
			const struct probe_target *t = &plan.v[k];
			if (t->ad->git) {
				r.per[messenger_index(&r, t->m)].skipped++;
				r.all.skipped++;
				continue;
			}
			struct cached c = {0};
			if (store_cache_get(r.s, t->url, cache_read, &c) < 0)
				r.local_error = true;
			if (c.found) {
				struct answer_meta am = {"cached", 0, c.final_url, c.hash, NULL, NULL};
				record(&r, t, &c.out, &am);
			} else {
				struct tally *per = &r.per[messenger_index(&r, t->m)];
				per->skipped++;
				r.all.skipped++;
			}
			cached_release(&c);
		}
	} else if (plan.n) {
		hc.connect_to = ctx->all[OPT_CONNECT_TO].v;
		hc.nconnect_to = ctx->all[OPT_CONNECT_TO].n;
		hc.cacert = ctx->opt[OPT_CACERT];
		hc.github_token = getenv("GITHUB_TOKEN");
		h = http_new(&hc, &err);
		if (!h) {
			warnmsg("%s", err.s);
			store_run_rollback(r.s);
			rc = EXIT_RUNTIME;
			goto out;
		}
		for (size_t k = 0; k < plan.n && !r.local_error; k++) {
			struct probe_target *t = &plan.v[k];
			if (t->ad->git)
				continue; /* read below, with the repository probe */
			struct validators v = {0};
			if (store_cache_get(r.s, t->url, cache_validators, &v) < 0)
				r.local_error = true;
			struct http_request req = {t->url, v.etag, v.last_modified,
						   t->accept ? t->accept : t->ad->accept, t};
			http_add(h, &req);
			free(v.etag);
			free(v.last_modified);
		}
		if (!r.local_error && http_run(h, finished, &r, &err) < 0) {
			warnmsg("%s", err.s);
			r.local_error = true;
		}
		if (!r.local_error && run_git(&r, &plan) < 0) {
			store_run_rollback(r.s);
			rc = EXIT_USAGE;
			goto out;
		}
	}
	if (r.tty && r.all.done)
		fputs("\r\033[K", stderr);
	if (r.local_error) {
		if (*store_error(r.s))
			warnmsg("%s", store_error(r.s));
		warnmsg("the run is abandoned: the database stays as the previous run left it");
		store_run_rollback(r.s);
		rc = EXIT_RUNTIME;
		goto out;
	}
	if (store_run_commit(r.s, r.id, (long long)time(NULL), "completed") < 0) {
		warnmsg("%s", store_error(r.s));
		rc = EXIT_RUNTIME;
		goto out;
	}
	if (r.nwhys > 1)
		qsort(r.whys, r.nwhys, sizeof(*r.whys), cmp_why);
	print_summary(&r);
out:
	http_free(h);
	store_close(r.s);
	free(db);
	buf_release(&err);
	for (size_t i = 0; i < r.nwhys; i++)
		free(r.whys[i].name);
	free(r.whys);
	free(r.per);
	probe_plan_release(&plan);
	arena_release(&a);
	free(ms);
	return rc;
}
