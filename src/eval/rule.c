/* rule.c - the rule language: parse, evaluate (Kleene three-valued), describe. */
#include "rule.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "schema.h"
#include "spdx.h"
#include "util.h"

enum tri tri_and(enum tri a, enum tri b) { return a < b ? a : b; }
enum tri tri_or(enum tri a, enum tri b) { return a > b ? a : b; }
enum tri tri_not(enum tri a) { return (enum tri)(TRI_PASS - a); }

const char *tri_name(enum tri t)
{
	static const char *const names[] = {"fail", "unknown", "pass"};
	return names[t];
}

struct opdef {
	const char *name;
	enum rule_op op;
	const char *args[2]; /* other keys the operator takes */
	enum rule_ctx ctx;   /* RULE_FACTS: facts only; RULE_SECTION: sections only */
	bool both;           /* allowed in both contexts */
};

static const struct opdef ops[] = {
	{"all-of", R_ALL_OF, {NULL, NULL}, RULE_FACTS, true},
	{"any-of", R_ANY_OF, {NULL, NULL}, RULE_FACTS, true},
	{"not", R_NOT, {NULL, NULL}, RULE_FACTS, true},
	{"all", R_ALL, {"that", NULL}, RULE_FACTS, false},
	{"any", R_ANY, {"that", NULL}, RULE_FACTS, false},
	{"is", R_IS, {NULL, NULL}, RULE_FACTS, false},
	{"equals", R_EQUALS, {"value", NULL}, RULE_FACTS, false},
	{"in", R_IN, {"values", NULL}, RULE_FACTS, false},
	{"includes", R_INCLUDES, {"values", NULL}, RULE_FACTS, false},
	{"exists", R_EXISTS, {NULL, NULL}, RULE_FACTS, false},
	{"osi-licence", R_OSI, {NULL, NULL}, RULE_FACTS, false},
	{"within", R_WITHIN, {"days", NULL}, RULE_FACTS, false},
	{"after", R_AFTER, {"date", NULL}, RULE_FACTS, false},
	{"before", R_BEFORE, {"date", NULL}, RULE_FACTS, false},
	{"criterion", R_CRITERION, {NULL, NULL}, RULE_SECTION, false},
	{"level", R_LEVEL, {NULL, NULL}, RULE_SECTION, false},
};

static const struct opdef *find_op(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(ops); i++)
		if (strcmp(ops[i].name, name) == 0)
			return &ops[i];
	return NULL;
}

struct parse_state {
	struct arena *a;
	enum rule_ctx ctx;
	const struct criteria *c;
	struct diag *d;
};

/* Resolve a dotted path against the schema from scope; the type at its end, or NULL after an
 * error. *crosses is set when the path steps through a list. */
static const struct stype *resolve_type(struct parse_state *ps, const struct node *at,
					const struct stype *scope, const char *path,
					const char ***segs_out, size_t *nsegs_out, bool *crosses)
{
	size_t nsegs = 1;
	for (const char *p = path; *p; p++)
		nsegs += *p == '.';
	const char **segs = arena_alloc(ps->a, nsegs * sizeof(*segs));
	const struct stype *t = scope;
	*crosses = false;
	const char *p = path;
	for (size_t i = 0; i < nsegs; i++) {
		size_t len = strcspn(p, ".");
		char *seg = arena_strndup(ps->a, p, len);
		segs[i] = seg;
		p += len + (p[len] == '.');
		if (t->kind == ST_LIST && t->item->kind == ST_MAP) {
			t = t->item;
			*crosses = true;
		}
		unsigned flags;
		const struct stype *next = schema_child(t, seg, &flags);
		if (next && (flags & SF_NOFACT)) {
			diag_at(ps->d, at, "rule names '%s', which is the messenger's identity or presentation, not a fact a rule can read",
				path);
			return NULL;
		}
		if (!next) {
			const char *cand[64];
			size_t nc = 0;
			if (t->kind == ST_MAP)
				for (const struct sfield *g = t->fields; g->key && nc < 64; g++)
					cand[nc++] = g->key;
			else if (t->kind == ST_KEYMAP)
				for (const char *const *v = t->keys->values; *v && nc < 64; v++)
					cand[nc++] = *v;
			const char *near = closest_match(seg, cand, nc);
			if (near)
				diag_at(ps->d, at, "rule names the fact '%s', which the messenger schema does not have ('%s' is unknown; did you mean '%s'?)",
					path, seg, near);
			else
				diag_at(ps->d, at, "rule names the fact '%s', which the messenger schema does not have ('%s' is unknown)",
					path, seg);
			return NULL;
		}
		t = next;
	}
	*segs_out = segs;
	*nsegs_out = nsegs;
	return t;
}

static struct rule *parse(struct parse_state *ps, const struct node *n, const struct stype *scope,
			  unsigned depth);

static const char *scalar_arg(struct parse_state *ps, const struct node *n, const char *what)
{
	if (!n || n->type != NODE_SCALAR || !*n->str) {
		diag_at(ps->d, n, "expected %s, found %s", what, node_type_name(n));
		return NULL;
	}
	return n->str;
}

/* Parse the values of equals/in/includes, each checked against type t. */
static int parse_values(struct parse_state *ps, struct rule *r, const struct node *v,
			const struct stype *t, bool list)
{
	const struct node *const *items = (const struct node *const *)&v;
	size_t count = 1;
	if (list) {
		if (v->type != NODE_SEQ || v->n == 0) {
			diag_at(ps->d, v, "expected a non-empty list of values, found %s",
				node_type_name(v));
			return -1;
		}
		items = (const struct node *const *)v->kids;
		count = v->n;
	}
	r->values = arena_alloc(ps->a, count * sizeof(*r->values));
	int rc = 0;
	for (size_t i = 0; i < count; i++) {
		if (schema_check_scalar(t, items[i], ps->d) < 0)
			rc = -1;
		else
			r->values[r->nvalues++] = items[i]->str;
	}
	return rc;
}

static struct rule *parse(struct parse_state *ps, const struct node *n, const struct stype *scope,
			  unsigned depth)
{
	if (depth > 16) {
		diag_at(ps->d, n, "rule is nested too deeply (at most 16 levels)");
		return NULL;
	}
	if (n->type != NODE_MAP || n->n == 0) {
		diag_at(ps->d, n, "expected a rule (a mapping such as {is: forward-secrecy}), found %s",
			node_type_name(n));
		return NULL;
	}
	const struct opdef *od = NULL;
	const struct node *arg = NULL;
	for (uint32_t i = 0; i < n->n; i++) {
		const struct opdef *o = find_op(node_keys(n)[i]);
		if (o) {
			if (od) {
				diag_at(ps->d, n->kids[i], "rule has two operators, '%s' and '%s': wrap them in all-of or any-of",
					od->name, o->name);
				return NULL;
			}
			od = o;
			arg = n->kids[i];
		}
	}
	if (!od) {
		const char *cand[ARRAY_SIZE(ops)];
		for (size_t i = 0; i < ARRAY_SIZE(ops); i++)
			cand[i] = ops[i].name;
		const char *near = closest_match(node_keys(n)[0], cand, ARRAY_SIZE(ops));
		diag_at(ps->d, n, "unknown rule operator '%s'%s%s%s", node_keys(n)[0],
			near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
		return NULL;
	}
	if (!od->both && od->ctx != ps->ctx) {
		diag_at(ps->d, n, ps->ctx == RULE_SECTION
				  ? "operator '%s' reads facts: section rules use criterion, level, all-of, any-of and not"
				  : "operator '%s' is for section rules, not criteria",
			od->name);
		return NULL;
	}
	for (uint32_t i = 0; i < n->n; i++) {
		const char *k = node_keys(n)[i];
		if (strcmp(k, od->name) == 0 || (od->args[0] && strcmp(k, od->args[0]) == 0) ||
		    (od->args[1] && strcmp(k, od->args[1]) == 0))
			continue;
		diag_at(ps->d, n->kids[i], "unexpected key '%s' in a '%s' rule%s%s%s", k, od->name,
			od->args[0] ? " (it takes '" : "", od->args[0] ? od->args[0] : "",
			od->args[0] ? "')" : "");
		return NULL;
	}
	struct rule *r = arena_alloc(ps->a, sizeof(*r));
	r->op = od->op;
	r->at = n;
	const struct node *extra = od->args[0] ? node_get(n, od->args[0]) : NULL;
	if (od->args[0] && !extra) {
		diag_at(ps->d, n, "a '%s' rule needs '%s'", od->name, od->args[0]);
		return NULL;
	}

	switch (od->op) {
	case R_ALL_OF:
	case R_ANY_OF: {
		if (arg->type != NODE_SEQ || arg->n == 0) {
			diag_at(ps->d, arg, "expected a non-empty list of rules after '%s', found %s",
				od->name, node_type_name(arg));
			return NULL;
		}
		r->kids = arena_alloc(ps->a, arg->n * sizeof(*r->kids));
		bool bad = false;
		for (uint32_t i = 0; i < arg->n; i++) {
			struct rule *k = parse(ps, arg->kids[i], scope, depth + 1);
			if (!k)
				bad = true;
			else
				r->kids[r->nkids++] = k;
		}
		return bad ? NULL : r;
	}
	case R_NOT: {
		struct rule *k = parse(ps, arg, scope, depth + 1);
		if (!k)
			return NULL;
		r->kids = arena_alloc(ps->a, sizeof(*r->kids));
		r->kids[0] = k;
		r->nkids = 1;
		return r;
	}
	case R_CRITERION: {
		const char *id = scalar_arg(ps, arg, "a criterion id");
		if (!id)
			return NULL;
		r->crit = criteria_find(ps->c, id);
		if (!r->crit) {
			const char *cand[256];
			size_t nc = 0;
			for (size_t i = 0; i < ps->c->ncrit && nc < 256; i++)
				cand[nc++] = ps->c->crit[i].id;
			const char *near = closest_match(id, cand, nc);
			diag_at(ps->d, arg, "section names the criterion '%s', which this file does not define%s%s%s",
				id, near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
			return NULL;
		}
		return r;
	}
	case R_LEVEL: {
		const char *lv = scalar_arg(ps, arg, "a level (minimum or best-case)");
		if (!lv)
			return NULL;
		if (strcmp(lv, "minimum") == 0) {
			r->level = LEVEL_MINIMUM;
		} else if (strcmp(lv, "best-case") == 0) {
			r->level = LEVEL_BEST_CASE;
		} else {
			diag_at(ps->d, arg, "expected a level (minimum or best-case), found '%s'", lv);
			return NULL;
		}
		return r;
	}
	default:
		break;
	}

	/* The rest read a fact path. */
	const char *path = scalar_arg(ps, arg, "a fact path such as e2ee.private-default");
	if (!path)
		return NULL;
	bool crosses;
	r->path = path;
	r->type = resolve_type(ps, arg, scope, path, &r->segs, &r->nsegs, &crosses);
	if (!r->type)
		return NULL;
	const struct stype *t = r->type;
	switch (od->op) {
	case R_ALL:
	case R_ANY: {
		if (t->kind != ST_LIST || t->item->kind != ST_MAP) {
			diag_at(ps->d, arg, "'%s' needs a list of items, but '%s' is %s", od->name, path,
				t->name);
			return NULL;
		}
		struct rule *k = parse(ps, extra, t->item, depth + 1);
		if (!k)
			return NULL;
		r->kids = arena_alloc(ps->a, sizeof(*r->kids));
		r->kids[0] = k;
		r->nkids = 1;
		return r;
	}
	case R_IS:
		if (t->kind != ST_BOOL) {
			diag_at(ps->d, arg, "'is' needs a bool fact, but '%s' is %s", path, t->name);
			return NULL;
		}
		return r;
	case R_EQUALS:
	case R_IN:
		if (t->kind == ST_LIST || t->kind == ST_MAP || t->kind == ST_LOCALES ||
		    t->kind == ST_LOCALIZED) {
			diag_at(ps->d, arg, "'%s' needs a single-valued fact, but '%s' is %s%s",
				od->name, path, t->name,
				t->kind == ST_LIST ? " (use includes)" : "");
			return NULL;
		}
		return parse_values(ps, r, extra, t, od->op == R_IN) < 0 ? NULL : r;
	case R_INCLUDES: {
		const struct stype *it = t->kind == ST_LIST ? t->item : crosses ? t : NULL;
		if (!it || it->kind == ST_MAP) {
			diag_at(ps->d, arg, "'includes' needs a list of values, but '%s' is %s", path,
				t->name);
			return NULL;
		}
		return parse_values(ps, r, extra, it, true) < 0 ? NULL : r;
	}
	case R_EXISTS:
		return r;
	case R_OSI:
		if (t->kind != ST_SPDX) {
			diag_at(ps->d, arg, "'osi-licence' needs a licence fact, but '%s' is %s", path,
				t->name);
			return NULL;
		}
		return r;
	case R_WITHIN:
	case R_AFTER:
	case R_BEFORE:
		if (t->kind != ST_DATE) {
			diag_at(ps->d, arg, "'%s' needs a date fact, but '%s' is %s", od->name, path,
				t->name);
			return NULL;
		}
		if (od->op == R_WITHIN) {
			const char *s = scalar_arg(ps, extra, "a number of days");
			char *end;
			errno = 0;
			long v = s ? strtol(s, &end, 10) : 0;
			if (!s || errno || *end || v < 0 || v > 100000 || !extra->plain) {
				if (s)
					diag_at(ps->d, extra, "expected a number of days (0 to 100000), found '%s'", s);
				return NULL;
			}
			r->num = v;
		} else {
			const char *s = scalar_arg(ps, extra, "a date (YYYY-MM-DD)");
			if (!s)
				return NULL;
			if (date_parse(s, &r->num) < 0) {
				diag_at(ps->d, extra, "expected a date (YYYY-MM-DD), found '%s'", s);
				return NULL;
			}
		}
		return r;
	default:
		return r;
	}
}

struct rule *rule_parse(struct arena *a, const struct node *n, enum rule_ctx ctx,
			const struct criteria *c, struct diag *d)
{
	struct parse_state ps = {a, ctx, c, d};
	return parse(&ps, n, &schema_messenger, 0);
}

/* Evaluation. */

struct hit {
	const struct node *n;       /* NULL when missing */
	const struct fact_meta *meta;
	const char *path;
};

struct hits {
	struct hit *v;
	size_t n, alloc;
};

static void add_hit(struct hits *h, const struct node *n, const struct fact_meta *meta,
		    const char *path)
{
	h->v = xgrow(h->v, sizeof(*h->v), h->n + 1, &h->alloc);
	h->v[h->n].n = n;
	h->v[h->n].meta = meta;
	h->v[h->n].path = path;
	h->n++;
}

/* The copy of s[0..len) in env's arena: the one made before for the same messenger when
 * env->paths is there. */
static const char *share_path(struct rule_env *env, const char *s, size_t len)
{
	struct rule_paths *ps = env->paths;
	if (ps->m != env->m) {
		memset(ps->slot, 0, sizeof(ps->slot));
		ps->n = 0;
		ps->m = env->m;
	}
	for (size_t i = str_hash(s, len) & (RULE_PATH_SLOTS - 1);; i = (i + 1) & (RULE_PATH_SLOTS - 1)) {
		const char *q = ps->slot[i];
		if (q && strcmp(q, s) == 0)
			return q;
		if (!q) {
			q = arena_strndup(env->arena, s, len);
			if (ps->n < RULE_PATH_SLOTS / 2) { /* half full: new paths are not kept */
				ps->slot[i] = q;
				ps->n++;
			}
			return q;
		}
	}
}

/* x[0..nx), sep, y[0..ny) and close (sep and close may be '\0': none) into s, NUL-terminated
 * (s holds nx + ny + 3 bytes); the length. */
static size_t put_path(char *s, const char *x, size_t nx, char sep, const char *y, size_t ny,
		       char close)
{
	char *p = s;
	memcpy(p, x, nx);
	p += nx;
	if (sep)
		*p++ = sep;
	memcpy(p, y, ny);
	p += ny;
	if (close)
		*p++ = close;
	*p = '\0';
	return (size_t)(p - s);
}

/* x, sep, y and close (sep and close may be '\0': none) as one string in env's arena. */
static const char *concat(struct rule_env *env, const char *x, char sep, const char *y, char close)
{
	size_t nx = strlen(x), ny = strlen(y);
	char tmp[512];
	if (env->paths && nx + ny + 3 <= sizeof(tmp))
		return share_path(env, tmp, put_path(tmp, x, nx, sep, y, ny, close));
	char *s = arena_bytes(env->arena, nx + ny + 3);
	put_path(s, x, nx, sep, y, ny, close);
	return s;
}

static const char *join_path(struct rule_env *env, const char *prefix, const char *seg)
{
	return prefix ? concat(env, prefix, '.', seg, '\0') : seg;
}

/* A list item's stable path: the list's path and the item's key. */
static const char *item_path(struct rule_env *env, const char *prefix, const struct node *item)
{
	return concat(env, prefix ? prefix : "", '[', item->key ? item->key : "?", ']');
}

/* Walk segs from base, stepping through lists of maps; every leaf (or the point where the
 * path stops existing) becomes a hit. */
static void collect(struct rule_env *env, const struct node *base, const struct fact_meta *meta,
		    const char *const *segs, size_t nsegs, const char *prefix, struct hits *out)
{
	if (base->meta)
		meta = base->meta;
	if (nsegs == 0) {
		add_hit(out, base, meta, prefix);
		return;
	}
	if (base->type == NODE_SEQ) {
		for (uint32_t i = 0; i < base->n; i++)
			collect(env, base->kids[i], meta, segs, nsegs,
				item_path(env, prefix, base->kids[i]), out);
		return;
	}
	const struct node *next = node_get(base, segs[0]);
	const char *p = join_path(env, prefix, segs[0]);
	if (!next) {
		for (size_t i = 1; i < nsegs; i++)
			p = join_path(env, p, segs[i]);
		add_hit(out, NULL, meta, p);
		return;
	}
	collect(env, next, meta, segs + 1, nsegs - 1, p, out);
}

/* Read the hits through the fact source and record them as evidence (env->ev[first..]);
 * returns whether any of them is missing or in doubt (contradicted by an observation). */
static bool record(struct rule_env *env, const struct rule *r, struct hits *h, size_t *first)
{
	bool doubt = false;
	*first = env->nev;
	for (size_t i = 0; i < h->n; i++) {
		const struct hit *x = &h->v[i];
		env->ev = xgrow(env->ev, sizeof(*env->ev), env->nev + 1, &env->evalloc);
		struct fact *f = &env->ev[env->nev++];
		fact_get(env->fs, env->m, x->path, r->type, x->n, x->meta, f);
		if (f->doubt)
			doubt = true;
	}
	return doubt;
}

static enum tri eval(const struct rule *r, struct rule_env *env, const struct node *base,
		     const struct fact_meta *meta, const char *prefix, unsigned depth);

static enum tri eval_quant(const struct rule *r, struct rule_env *env, const struct node *base,
			   const struct fact_meta *meta, const char *prefix, unsigned depth)
{
	struct hits h = {0};
	collect(env, base, meta, r->segs, r->nsegs, prefix, &h);
	enum tri acc = r->op == R_ALL ? TRI_PASS : TRI_FAIL;
	size_t items = 0;
	for (size_t i = 0; i < h.n; i++) {
		const struct node *list = h.v[i].n;
		if (!list)
			continue;
		const struct fact_meta *lm = list->meta ? list->meta : h.v[i].meta;
		for (uint32_t j = 0; j < list->n; j++) {
			const char *p = item_path(env, h.v[i].path, list->kids[j]);
			enum tri t = eval(r->kids[0], env, list->kids[j], lm, p, depth + 1);
			acc = r->op == R_ALL ? tri_and(acc, t) : tri_or(acc, t);
			items++;
		}
	}
	if (items == 0) {
		/* a missing or empty list is not evidence of anything, unless the list itself is a
		 * sourced fact ({value: [], source}): a source that says there are none, such as no
		 * audit, makes 'any' fail and 'all' pass */
		bool stated = false;
		for (size_t i = 0; i < h.n; i++)
			if (h.v[i].n && h.v[i].n->meta && h.v[i].n->meta->source)
				stated = true;
		size_t first;
		record(env, r, &h, &first);
		if (!stated)
			acc = TRI_UNKNOWN;
	}
	free(h.v);
	return acc;
}

static bool in_values(const struct rule *r, const char *s)
{
	for (size_t i = 0; i < r->nvalues; i++)
		if (strcmp(r->values[i], s) == 0)
			return true;
	return false;
}

/* One value against a single-valued comparison. */
static enum tri compare_one(const struct rule *r, const struct rule_env *env, const char *s)
{
	long d;
	switch (r->op) {
	case R_IS: return strcmp(s, "true") == 0 ? TRI_PASS : TRI_FAIL;
	case R_EQUALS: return strcmp(s, r->values[0]) == 0 ? TRI_PASS : TRI_FAIL;
	case R_IN: return in_values(r, s) ? TRI_PASS : TRI_FAIL;
	case R_OSI: {
		int v = spdx_osi_approved(s);
		return v < 0 ? TRI_UNKNOWN : v ? TRI_PASS : TRI_FAIL;
	}
	case R_WITHIN:
	case R_AFTER:
	case R_BEFORE:
		if (date_parse(s, &d) < 0)
			return TRI_UNKNOWN;
		if (r->op == R_WITHIN)
			return d >= env->now - r->num ? TRI_PASS : TRI_FAIL;
		if (r->op == R_AFTER)
			return d > r->num ? TRI_PASS : TRI_FAIL;
		return d < r->num ? TRI_PASS : TRI_FAIL;
	default:
		return TRI_UNKNOWN;
	}
}

static enum tri eval_fact(const struct rule *r, struct rule_env *env, const struct node *base,
			  const struct fact_meta *meta, const char *prefix)
{
	struct hits h = {0};
	collect(env, base, meta, r->segs, r->nsegs, prefix, &h);
	size_t first;
	bool doubt = record(env, r, &h, &first);
	free(h.v);
	/* no evidence array yet when nothing was recorded: no pointer arithmetic on NULL */
	const struct fact *fv = env->ev ? env->ev + first : NULL;
	size_t nf = env->nev - first;
	if (r->op == R_EXISTS) {
		/* declared, or observed when only a probe knows it */
		for (size_t i = 0; i < nf; i++)
			if (fv[i].value)
				return TRI_PASS;
		return TRI_FAIL;
	}
	if (doubt || nf == 0)
		return TRI_UNKNOWN;
	if (r->op == R_INCLUDES) {
		enum tri res = TRI_PASS;
		for (size_t k = 0; k < r->nvalues; k++) {
			bool found = false;
			for (size_t i = 0; i < nf && !found; i++) {
				const struct node *n = fv[i].value;
				if (n->type == NODE_SCALAR)
					found = strcmp(n->str, r->values[k]) == 0;
				else
					for (uint32_t j = 0; j < n->n && !found; j++)
						found = strcmp(n->kids[j]->str, r->values[k]) == 0;
			}
			if (!found)
				res = TRI_FAIL;
		}
		return res;
	}
	/* single-valued comparisons: several facts (a path through a list) must all hold */
	enum tri res = TRI_PASS;
	for (size_t i = 0; i < nf; i++)
		res = tri_and(res, fv[i].value->type == NODE_SCALAR ? compare_one(r, env, fv[i].value->str)
								    : TRI_UNKNOWN);
	return res;
}

static enum tri eval(const struct rule *r, struct rule_env *env, const struct node *base,
		     const struct fact_meta *meta, const char *prefix, unsigned depth)
{
	size_t slot = 0;
	if (env->want_trace) {
		env->trace = xgrow(env->trace, sizeof(*env->trace), env->ntrace + 1, &env->tralloc);
		slot = env->ntrace++;
		env->trace[slot].rule = r;
		env->trace[slot].depth = depth;
		env->trace[slot].scope = prefix;
	}
	enum tri res = TRI_UNKNOWN;
	switch (r->op) {
	case R_ALL_OF:
		res = TRI_PASS;
		for (size_t i = 0; i < r->nkids; i++)
			res = tri_and(res, eval(r->kids[i], env, base, meta, prefix, depth + 1));
		break;
	case R_ANY_OF:
		res = TRI_FAIL;
		for (size_t i = 0; i < r->nkids; i++)
			res = tri_or(res, eval(r->kids[i], env, base, meta, prefix, depth + 1));
		break;
	case R_NOT:
		res = tri_not(eval(r->kids[0], env, base, meta, prefix, depth + 1));
		break;
	case R_ALL:
	case R_ANY:
		res = eval_quant(r, env, base, meta, prefix, depth);
		break;
	case R_CRITERION:
		res = env->crit_results ? env->crit_results[r->crit->index] : TRI_UNKNOWN;
		break;
	case R_LEVEL:
		res = TRI_PASS;
		if (!env->crit_results || !env->criteria) {
			res = TRI_UNKNOWN;
			break;
		}
		for (size_t i = 0; i < env->criteria->ncrit; i++)
			if (env->criteria->crit[i].level == r->level)
				res = tri_and(res, env->crit_results[i]);
		break;
	default:
		res = eval_fact(r, env, base, meta, prefix);
		break;
	}
	if (env->want_trace)
		env->trace[slot].result = res;
	return res;
}

enum tri rule_eval(const struct rule *r, struct rule_env *env)
{
	return eval(r, env, env->m ? env->m->root : NULL, NULL, NULL, 0);
}

void rule_criteria(const struct rule *r, const struct criteria *c, unsigned char *pol, bool negated)
{
	unsigned char mark = negated ? RULE_REF_NEGATIVE : RULE_REF_POSITIVE;
	switch (r->op) {
	case R_CRITERION:
		pol[r->crit->index] |= mark;
		break;
	case R_LEVEL:
		for (size_t k = 0; k < c->ncrit; k++)
			if (c->crit[k].level == r->level)
				pol[k] |= mark;
		break;
	case R_NOT:
		rule_criteria(r->kids[0], c, pol, !negated);
		break;
	default:
		for (size_t i = 0; i < r->nkids; i++)
			rule_criteria(r->kids[i], c, pol, negated);
		break;
	}
}

static void add_values(struct buf *b, const struct rule *r)
{
	for (size_t i = 0; i < r->nvalues; i++) {
		if (i)
			buf_adds(b, i + 1 == r->nvalues ? " and " : ", ");
		buf_adds(b, r->values[i]);
	}
}

void rule_describe(const struct rule *r, struct buf *b)
{
	char date[11];
	switch (r->op) {
	case R_ALL_OF: buf_adds(b, "all of"); break;
	case R_ANY_OF: buf_adds(b, "any of"); break;
	case R_NOT: buf_adds(b, "not"); break;
	case R_ALL: buf_addf(b, "every item of %s", r->path); break;
	case R_ANY: buf_addf(b, "at least one item of %s", r->path); break;
	case R_IS: buf_addf(b, "%s is true", r->path); break;
	case R_EQUALS: buf_addf(b, "%s is %s", r->path, r->values[0]); break;
	case R_IN:
		buf_addf(b, "%s is one of ", r->path);
		for (size_t i = 0; i < r->nvalues; i++)
			buf_addf(b, "%s%s", i ? ", " : "", r->values[i]);
		break;
	case R_INCLUDES:
		buf_addf(b, "%s include ", r->path);
		add_values(b, r);
		break;
	case R_EXISTS: buf_addf(b, "%s is declared", r->path); break;
	case R_OSI: buf_addf(b, "%s is an OSI-approved licence", r->path); break;
	case R_WITHIN: buf_addf(b, "%s is at most %ld days old", r->path, r->num); break;
	case R_AFTER:
		date_format(r->num, date);
		buf_addf(b, "%s is after %s", r->path, date);
		break;
	case R_BEFORE:
		date_format(r->num, date);
		buf_addf(b, "%s is before %s", r->path, date);
		break;
	case R_CRITERION: buf_addf(b, "criterion %s is met", r->crit->id); break;
	case R_LEVEL: buf_addf(b, "every %s criterion is met", level_name(r->level)); break;
	}
}
