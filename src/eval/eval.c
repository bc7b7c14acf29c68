/* eval.c - evaluate messengers against criteria and place them in sections. */
#include "eval.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parallel.h"
#include "util.h"

struct eval_index {
	const struct messenger *m;
	size_t i; /* position in e->v */
};

static int cmp_index(const void *a, const void *b)
{
	const struct messenger *x = ((const struct eval_index *)a)->m;
	const struct messenger *y = ((const struct eval_index *)b)->m;
	return x < y ? -1 : x > y;
}

/* (Re)build the index from messenger to position after results were placed or moved. */
static void build_index(struct evaluation *e)
{
	free(e->index);
	e->index = xcalloc(e->n + 1, sizeof(*e->index));
	e->nindex = e->n;
	for (size_t i = 0; i < e->n; i++) {
		e->index[i].m = e->v[i].m;
		e->index[i].i = i;
	}
	if (e->n > 1)
		qsort(e->index, e->n, sizeof(*e->index), cmp_index);
}

const struct messenger_result *eval_find(const struct evaluation *e, const struct messenger *m)
{
	size_t lo = 0, hi = e->nindex;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (e->index[mid].m == m)
			return &e->v[e->index[mid].i];
		if (e->index[mid].m < m)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

bool verdict_met(enum verdict v)
{
	return v == V_PASS || v == V_NA;
}

/* The status of a result's evidence as a whole. */
static enum obs_status evidence_status(const struct fact *ev, size_t n)
{
	static const int rank[OBS__COUNT] = {
		[OBS_CONTRADICTED] = 4, [OBS_FAILED] = 3, [OBS_UNVERIFIED] = 2,
		[OBS_CONFIRMED] = 1, [OBS_OBSERVED_ONLY] = 0,
	};
	enum obs_status s = OBS_UNVERIFIED;
	int best = -1;
	for (size_t i = 0; i < n; i++)
		if (rank[ev[i].status] > best) {
			best = rank[ev[i].status];
			s = ev[i].status;
		}
	return s;
}

/* Add the results of list to set (by criterion index) once each. */
static void mark(bool *set, const struct crit_result *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		set[list[i]->crit->index] = true;
}

size_t eval_placement_reasons(const struct criteria *c, const struct messenger_result *r,
			      const struct crit_result **out, size_t max)
{
	if (r->moved || r->discontinued || r->added_later)
		return 0;
	const struct crit_result **tmp = xcalloc(c->ncrit + 1, sizeof(*tmp));
	bool *set = xcalloc(c->ncrit + 1, sizeof(*set));
	if (r->not_listed && r->meets) {
		mark(set, tmp, eval_deciding(c, r, (size_t)(r->meets - c->sections), true, tmp, c->ncrit));
	} else if (r->placement) {
		size_t s = r->placement_index;
		if (s == 0)
			mark(set, tmp, eval_deciding(c, r, 0, true, tmp, c->ncrit));
		for (size_t j = 0; j < s; j++)
			mark(set, tmp, eval_deciding(c, r, j, false, tmp, c->ncrit));
	} else if (r->undetermined || r->not_listed) {
		for (size_t j = 0; j < c->nsections; j++) {
			size_t n = eval_deciding(c, r, j, false, tmp, c->ncrit);
			for (size_t i = 0; i < n; i++)
				if (tmp[i]->verdict == V_UNKNOWN)
					set[tmp[i]->crit->index] = true;
		}
	} else {
		/* excluded: what every section holds against it */
		bool *all = xcalloc(c->ncrit + 1, sizeof(*all));
		for (size_t k = 0; k < c->ncrit; k++)
			all[k] = true;
		bool any = false;
		for (size_t j = 0; j < c->nsections; j++) {
			size_t n = eval_deciding(c, r, j, false, tmp, c->ncrit);
			bool *here = xcalloc(c->ncrit + 1, sizeof(*here));
			mark(here, tmp, n);
			if (j == 0)
				mark(set, tmp, n); /* fallback: what keeps it out of the first section */
			for (size_t k = 0; k < c->ncrit; k++)
				all[k] = all[k] && here[k];
			free(here);
		}
		for (size_t k = 0; k < c->ncrit; k++)
			any = any || all[k];
		if (any)
			memcpy(set, all, c->ncrit * sizeof(*set));
		free(all);
	}
	size_t n = 0;
	for (size_t k = 0; k < c->ncrit && n < max; k++)
		if (set[k])
			out[n++] = &r->results[k];
	free(set);
	free(tmp);
	return n;
}

const char *verdict_name(enum verdict v)
{
	static const char *const names[] = {"fail", "unknown", "pass", "n/a"};
	return names[v];
}

const char *placement_name(const struct messenger_result *r)
{
	return r->placement ? r->placement->id : r->discontinued ? "discontinued" : r->moved ? "moved"
	       : r->added_later ? "added-later" : r->not_listed ? "not-listed"
	       : r->undetermined ? "undetermined" : "excluded";
}

size_t eval_deciding(const struct criteria *c, const struct messenger_result *r, size_t s,
		     bool all_referenced, const struct crit_result **out, size_t max)
{
	unsigned char *pol = xcalloc(c->ncrit + 1, 1);
	rule_criteria(c->sections[s].admit, c, pol, false);
	size_t n = 0;
	for (size_t k = 0; k < c->ncrit && n < max; k++) {
		const struct crit_result *cr = &r->results[k];
		bool met = verdict_met(cr->verdict);
		bool deciding = all_referenced ? pol[k] != 0
			      : cr->verdict == V_UNKNOWN ? pol[k] != 0
			      : ((pol[k] & RULE_REF_POSITIVE) && !met) || ((pol[k] & RULE_REF_NEGATIVE) && met);
		if (deciding)
			out[n++] = cr;
	}
	free(pol);
	return n;
}

static enum verdict to_verdict(enum tri t)
{
	return t == TRI_PASS ? V_PASS : t == TRI_FAIL ? V_FAIL : V_UNKNOWN;
}

/* One criterion: n/a when its `applies` rule fails. */
static enum verdict eval_one(const struct criterion *cr, struct rule_env *env, enum tri *applies)
{
	enum tri ap = TRI_PASS;
	if (cr->applies)
		ap = rule_eval(cr->applies, env);
	if (applies)
		*applies = ap;
	if (ap == TRI_FAIL)
		return V_NA;
	enum tri t = rule_eval(cr->rule, env);
	if (ap == TRI_UNKNOWN && t != TRI_PASS)
		return V_UNKNOWN;
	return to_verdict(t);
}

/* m's `added` map when the guide added m to the page after c took effect; NULL when it did not,
 * or when c has no effective date. */
static const struct node *added_after(const struct criteria *c, const struct messenger *m)
{
	const struct node *ad = node_get(m->root, "added");
	const char *date = node_str(ad, "date");
	if (!ad || !c->effective || !date)
		return NULL;
	return strcmp(date, c->effective) > 0 ? ad : NULL;
}

/* m's `moved` map when m left c's category for another one on or before the date c took effect;
 * NULL when it did not, or when c has no effective date. */
static const struct node *moved_before(const struct criteria *c, const struct messenger *m)
{
	const struct node *mv = node_get(m->root, "moved");
	const char *to = node_str(mv, "to"), *date = node_str(mv, "date");
	if (!mv || !c->effective || !to || !date || strcmp(to, c->category) == 0)
		return NULL;
	return strcmp(date, c->effective) <= 0 ? mv : NULL;
}

/* m's `listed` fact when it says the guide does not list m on this category's page, else NULL. */
static const struct node *listed_false(const struct messenger *m)
{
	const struct node *ls = node_get(m->root, "listed");
	return ls && ls->str && strcmp(ls->str, "false") == 0 ? ls : NULL;
}

/* m's `discontinued` map when its date is not after now, else NULL. */
static const struct node *discontinued_by(const struct messenger *m, long now)
{
	const struct node *dc = node_get(m->root, "discontinued");
	long day;
	if (!dc || date_parse(node_str(dc, "date"), &day) < 0)
		return NULL;
	return day <= now ? dc : NULL;
}

struct eval_job {
	struct evaluation *e;
	const struct messenger *const *ms;
};

/* Evaluate ms[from..to) into e->v[from..to), worker w allocating in its own arena. */
static void eval_range(void *ctx, size_t from, size_t to, size_t w)
{
	struct eval_job *job = ctx;
	struct evaluation *e = job->e;
	const struct criteria *c = e->c;
	struct arena *a = &e->arenas[w];
	enum tri *tri = xcalloc(c->ncrit, sizeof(*tri));
	struct rule_env env = {0};
	struct rule_paths paths = {0};
	env.arena = a;
	env.paths = &paths;
	env.now = e->now;
	env.fs = e->fs;
	env.criteria = c;
	for (size_t i = from; i < to; i++) {
		struct messenger_result *r = &e->v[i];
		r->m = job->ms[i];
		r->results = arena_alloc(a, c->ncrit * sizeof(*r->results));
		env.m = job->ms[i];
		env.crit_results = NULL;
		for (size_t k = 0; k < c->ncrit; k++) {
			struct crit_result *cr = &r->results[k];
			env.nev = 0;
			cr->crit = &c->crit[k];
			cr->verdict = eval_one(cr->crit, &env, NULL);
			cr->nev = env.nev;
			cr->ev = arena_alloc(a, env.nev * sizeof(*cr->ev));
			if (env.nev)
				memcpy(cr->ev, env.ev, env.nev * sizeof(*cr->ev));
			cr->status = evidence_status(cr->ev, cr->nev);
			tri[k] = verdict_met(cr->verdict) ? TRI_PASS
				 : cr->verdict == V_FAIL ? TRI_FAIL
							  : TRI_UNKNOWN;
			struct level_counts *lc = &r->count[cr->crit->level == LEVEL_MINIMUM ? 0 : 1];
			lc->total++;
			lc->met += verdict_met(cr->verdict);
			lc->unknown += cr->verdict == V_UNKNOWN;
		}
		env.crit_results = tri;
		r->discontinued = discontinued_by(job->ms[i], e->now);
		r->moved = r->discontinued ? NULL : moved_before(c, job->ms[i]);
		r->added_later = r->discontinued || r->moved ? NULL : added_after(c, job->ms[i]);
		if (r->moved || r->discontinued || r->added_later) {
			r->placement = NULL;
			r->placement_index = c->nsections;
			continue;
		}
		/* the first section whose admission passes; but when an earlier one is unknown, or
		 * none passes and one is unknown, the placement depends on what is not known */
		r->placement = NULL;
		r->placement_index = c->nsections;
		bool placed = false;
		for (size_t s = 0; s < c->nsections && !placed; s++) {
			env.nev = 0;
			enum tri t = rule_eval(c->sections[s].admit, &env);
			if (t == TRI_FAIL)
				continue;
			r->candidates |= UINT64_C(1) << s;
			if (t == TRI_UNKNOWN) {
				r->undetermined = true;
				continue;
			}
			placed = true;
			if (!r->undetermined) {
				r->placement = &c->sections[s];
				r->placement_index = s;
			}
		}
		if (r->undetermined && !placed)
			r->candidates |= UINT64_C(1) << c->nsections;
		if (!r->undetermined)
			r->candidates = 0;
		/* the guide does not list it: in no section, whichever it meets (one it fails stays
		 * excluded, and says why) */
		const struct node *ls = listed_false(job->ms[i]);
		if (ls && (r->placement || r->undetermined)) {
			r->not_listed = ls;
			r->meets = r->placement;
			r->placement = NULL;
			r->placement_index = c->nsections;
			r->undetermined = false;
		}
	}
	free(env.ev);
	free(tri);
}

/* Messengers per worker below which threads are not worth starting. */
#define EVAL_PER_WORKER 256

struct evaluation *eval_run(const struct criteria *c, const struct messenger *const *ms, size_t n,
			    const struct factsrc *fs, long now)
{
	struct evaluation *e = xcalloc(1, sizeof(*e));
	e->c = c;
	e->fs = fs;
	e->now = now;
	e->n = n;
	e->v = arena_alloc(&e->arena, n * sizeof(*e->v));
	factsrc_sort(fs); /* the workers only read it */
	/* messengers are independent: each worker evaluates a range, in its own arena */
	e->narenas = parallel_workers(n, EVAL_PER_WORKER);
	e->arenas = xcalloc(e->narenas, sizeof(*e->arenas));
	struct eval_job job = {e, ms};
	parallel_for(n, e->narenas, eval_range, &job);
	build_index(e);
	return e;
}

static int cmp_page(const void *pa, const void *pb)
{
	const struct messenger_result *a = pa, *b = pb;
	if (a->placement_index != b->placement_index)
		return a->placement_index < b->placement_index ? -1 : 1;
	if (a->m->order != b->m->order)
		return a->m->order < b->m->order ? -1 : 1;
	/* names as a reader sorts them (qTox between Olvid and Session), then byte order */
	int c = strcasecmp(a->m->name, b->m->name);
	if (!c)
		c = strcmp(a->m->name, b->m->name);
	return c ? c : strcmp(a->m->id, b->m->id);
}

void eval_sort_page(struct evaluation *e)
{
	if (e->n > 1)
		qsort(e->v, e->n, sizeof(*e->v), cmp_page);
	build_index(e);
}

void eval_free(struct evaluation *e)
{
	if (!e)
		return;
	arena_release(&e->arena);
	for (size_t i = 0; i < e->narenas; i++)
		arena_release(&e->arenas[i]);
	free(e->arenas);
	free(e->index);
	free(e);
}

enum verdict eval_explain(const struct criteria *c, const struct criterion *cr,
			  const struct messenger *m, const struct factsrc *fs, long now,
			  struct arena *a, struct rule_env *env, enum tri *applies)
{
	memset(env, 0, sizeof(*env));
	env->arena = a;
	env->m = m;
	env->now = now;
	env->fs = fs;
	env->criteria = c;
	env->want_trace = true;
	return eval_one(cr, env, applies);
}
