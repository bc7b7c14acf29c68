/* facts.c - the fact source: declared facts merged with observations, stable paths, the walker. */
#include "facts.h"

#include <stdlib.h>
#include <string.h>

#include "fsutil.h"
#include "jsonw.h"
#include "schema.h"
#include "util.h"
#include "yamlfile.h"

#define OBS_SCHEMA "msgvet-observations/1"
#define OBS_MAX_FILE (256u << 20) /* bytes */
#define OBS_MAX_ITEMS 2000000u    /* observations */
#define DROP_EVERY (4u << 20)     /* bytes of the file read before its pages are given back */

const char *obs_status_name(enum obs_status s)
{
	static const char *const names[OBS__COUNT] = {
		[OBS_UNVERIFIED] = "unverified",
		[OBS_CONFIRMED] = "confirmed",
		[OBS_CONTRADICTED] = "contradicted",
		[OBS_OBSERVED_ONLY] = "observed-only",
		[OBS_FAILED] = "failed",
	};
	return names[s];
}

void factsrc_release(struct factsrc *fs)
{
	free(fs->v);
	arena_release(&fs->arena);
	memset(fs, 0, sizeof(*fs));
	fs->sorted = true;
}

static int cmp_obs(const void *pa, const void *pb)
{
	const struct observation *a = pa, *b = pb;
	int c = strcmp(a->messenger, b->messenger);
	return c ? c : strcmp(a->fact, b->fact);
}

static int cmp_obs_seq(const void *pa, const void *pb)
{
	const struct observation *a = pa, *b = pb;
	int c = cmp_obs(pa, pb);
	return c ? c : (a->seq > b->seq) - (a->seq < b->seq);
}

/* Sort v[0..n) by cmp_obs_seq. A file lists each messenger's observations together, in
 * messenger order: then only each messenger's are sorted, by fact. */
static void sort_groups(struct observation *v, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (v[i].messenger != v[i - 1].messenger && strcmp(v[i - 1].messenger, v[i].messenger) > 0) {
			qsort(v, n, sizeof(*v), cmp_obs_seq);
			return;
		}
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i + 1; j < n && (v[j].messenger == v[i].messenger ||
					  strcmp(v[j].messenger, v[i].messenger) == 0); j++)
			;
		if (j - i > 1)
			qsort(v + i, j - i, sizeof(*v), cmp_obs_seq);
	}
}

/* Sort once, lazily, before the first look-up, keeping the latest observation of each fact;
 * each earlier one is reported to d when d is not NULL. */
static void sort_obs(struct factsrc *fs, struct diag *d)
{
	if (fs->sorted)
		return;
	size_t run = 1;
	while (run < fs->n && cmp_obs_seq(&fs->v[run - 1], &fs->v[run]) < 0)
		run++; /* a file the writer wrote is in order already */
	if (run < fs->n)
		sort_groups(fs->v, fs->n);
	size_t k = 0;
	for (size_t i = 0; i < fs->n; i++) {
		if (k && cmp_obs(&fs->v[k - 1], &fs->v[i]) == 0) {
			if (d)
				diag_add(d, fs->v[i].file ? fs->v[i].file : "", fs->v[i].line, fs->v[i].col,
					 "a second observation of %s's fact '%s' (line %u has it already)",
					 fs->v[i].messenger, fs->v[i].fact, fs->v[k - 1].line);
			fs->v[k - 1] = fs->v[i];
			continue;
		}
		fs->v[k++] = fs->v[i];
	}
	fs->n = k;
	fs->sorted = true;
}

/* The first observation of messenger id (sorted), or fs->n. */
static size_t first_of(const struct factsrc *fs, const char *id)
{
	size_t lo = 0, hi = fs->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (strcmp(fs->v[mid].messenger, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void factsrc_sort(const struct factsrc *fs)
{
	if (fs)
		sort_obs((struct factsrc *)fs, NULL);
}

/* The observations of one messenger, v[lo..hi): the last one looked up, per thread, since a
 * reader looks up one messenger's facts one after the other. */
struct obs_range {
	const struct factsrc *fs;
	size_t lo, hi;
};
static _Thread_local struct obs_range last_range;

/* Whether v[lo..hi) is still exactly messenger's observations in fs. */
static bool range_is(const struct factsrc *fs, size_t lo, size_t hi, const char *messenger)
{
	return lo < hi && hi <= fs->n && strcmp(fs->v[lo].messenger, messenger) == 0 &&
	       (lo == 0 || strcmp(fs->v[lo - 1].messenger, messenger) != 0) &&
	       (hi == fs->n || strcmp(fs->v[hi].messenger, messenger) != 0);
}

const struct observation *factsrc_find(const struct factsrc *fs, const char *messenger,
				       const char *path)
{
	if (!fs || !fs->n)
		return NULL;
	sort_obs((struct factsrc *)fs, NULL);
	struct obs_range *r = &last_range;
	if (r->fs != fs || !range_is(fs, r->lo, r->hi, messenger)) {
		size_t lo = first_of(fs, messenger), hi = lo;
		while (hi < fs->n && strcmp(fs->v[hi].messenger, messenger) == 0)
			hi++;
		if (lo == hi)
			return NULL;
		*r = (struct obs_range){fs, lo, hi};
	}
	size_t lo = r->lo, hi = r->hi;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const struct observation *o = &fs->v[mid];
		int c = strcmp(o->fact, path);
		if (!c)
			return o;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Strings kept once in an arena: the fact paths and values an observations file repeats for
 * every messenger. */
struct strset {
	const char **slot;
	size_t n, cap;
};

static void strset_put(struct strset *s, const char *str)
{
	for (size_t i = str_hash(str, strlen(str)) & (s->cap - 1);; i = (i + 1) & (s->cap - 1))
		if (!s->slot[i]) {
			s->slot[i] = str;
			return;
		}
}

/* The copy of str in a: the one made before when s has it. s NULL: a new copy. */
static const char *strset_add(struct strset *s, struct arena *a, const char *str)
{
	if (!s)
		return arena_strdup(a, str);
	if (2 * (s->n + 1) > s->cap) {
		struct strset bigger = {xcalloc(s->cap ? 2 * s->cap : 1024, sizeof(*s->slot)), s->n,
					s->cap ? 2 * s->cap : 1024};
		for (size_t i = 0; i < s->cap; i++)
			if (s->slot[i])
				strset_put(&bigger, s->slot[i]);
		free(s->slot);
		*s = bigger;
	}
	size_t len = strlen(str);
	for (size_t i = str_hash(str, len) & (s->cap - 1);; i = (i + 1) & (s->cap - 1)) {
		if (!s->slot[i]) {
			s->n++;
			return s->slot[i] = arena_strndup(a, str, len);
		}
		if (strcmp(s->slot[i], str) == 0)
			return s->slot[i];
	}
}

static struct node *node_copy(struct arena *a, const struct node *n)
{
	struct node *c = arena_alloc(a, sizeof(*c));
	*c = *n;
	c->meta = NULL;
	c->key = NULL;
	c->file = n->file ? arena_strdup(a, n->file) : NULL;
	if (n->str)
		c->str = arena_strdup(a, n->str);
	if (n->n || n->type == NODE_MAP) {
		/* a map's keys follow its kids in the same block */
		c->kids = arena_alloc(a, (n->type == NODE_MAP ? 2 : 1) * n->n * sizeof(*c->kids));
		for (uint32_t i = 0; i < n->n; i++)
			c->kids[i] = node_copy(a, n->kids[i]);
		for (uint32_t i = 0; n->type == NODE_MAP && i < n->n; i++)
			node_keys(c)[i] = arena_strdup(a, node_keys(n)[i]);
	}
	return c;
}

/* The item of list whose key is key, or NULL. */
static const struct node *item_by_key(const struct node *list, const char *key)
{
	for (uint32_t i = 0; list && i < list->n; i++)
		if (list->kids[i]->key && strcmp(list->kids[i]->key, key) == 0)
			return list->kids[i];
	return NULL;
}

static bool is_leaf(const struct stype *t)
{
	return t->kind != ST_MAP && t->kind != ST_KEYMAP && t->kind != ST_LOCALES &&
	       t->kind != ST_LOCALIZED && t->kind != ST_RULE &&
	       !(t->kind == ST_LIST && t->item->kind == ST_MAP);
}

/* Whether a path names a list item by position ([0]), as fact_path_resolve reads one. */
static bool has_position(const char *path)
{
	for (const char *p = strchr(path, '['); p; p = strchr(p + 1, '[')) {
		size_t digits = strspn(p + 1, "0123456789");
		if (digits < 6 && p[1 + digits] == ']')
			return true;
	}
	return false;
}

/* fact_path_resolve, the stable path kept once in set (may be NULL). */
static const char *resolve(const struct messenger *m, const char *path, struct arena *a,
			   const struct stype **type, const char **err, struct strset *set)
{
	const struct stype *t = &schema_messenger;
	/* the tree is read only to turn a position into its item's key */
	const struct node *n = m && has_position(path) ? m->root : NULL;
	struct buf out = BUF_INIT;
	const char *p = path;
	const char *res = NULL;
	*err = NULL;
	if (!*p) {
		*err = "the fact path is empty";
		goto out;
	}
	while (*p) {
		size_t len = strcspn(p, ".[");
		if (len == 0) {
			*err = arena_printf(a, "expected a field name at '%s' in '%s'", p, path);
			goto out;
		}
		char segbuf[64];
		char *seg = len < sizeof(segbuf) ? segbuf : arena_bytes(a, len + 1);
		memcpy(seg, p, len);
		seg[len] = '\0';
		p += len;
		unsigned flags;
		const struct stype *ct = schema_child(t, seg, &flags);
		if (!ct || (flags & SF_NOFACT)) {
			*err = arena_printf(a, "'%s' in '%s' is not a fact of the messenger schema", seg, path);
			goto out;
		}
		if (out.len)
			buf_addc(&out, '.');
		buf_adds(&out, seg);
		n = n ? node_get(n, seg) : NULL;
		t = ct;
		if (t->kind == ST_LIST && t->item->kind == ST_MAP) {
			if (*p != '[') {
				*err = arena_printf(a, "'%s' in '%s' is a list: name an item, as %s[KEY]",
						    seg, path, seg);
				goto out;
			}
			const char *close = strchr(p, ']');
			if (!close || close == p + 1) {
				*err = arena_printf(a, "expected KEY] after '%s[' in '%s'", seg, path);
				goto out;
			}
			size_t klen = (size_t)(close - p - 1);
			char keybuf[256];
			char *key = klen < sizeof(keybuf) ? keybuf : arena_bytes(a, klen + 1);
			memcpy(key, p + 1, klen);
			key[klen] = '\0';
			p = close + 1;
			if (strspn(key, "0123456789") == strlen(key) && strlen(key) < 6) {
				/* a position, as a person may type it: the item at that position now */
				long i = strtol(key, NULL, 10);
				if (!n || i >= (long)n->n) {
					*err = arena_printf(a, "'%s[%ld]' in '%s': %s has %u item(s) in '%s' (positions count from 0)", seg, i, path,
							    m ? m->id : "the messenger", n ? n->n : 0, seg);
					goto out;
				}
				n = n->kids[i];
				key = (char *)n->key;
			} else {
				n = item_by_key(n, key);
			}
			buf_addc(&out, '[');
			buf_adds(&out, key);
			buf_addc(&out, ']');
			t = t->item;
		} else if (*p == '[') {
			*err = arena_printf(a, "'%s' in '%s' is not a list of items", seg, path);
			goto out;
		}
		if (*p == '.') {
			p++;
			if (is_leaf(t)) {
				*err = arena_printf(a, "'%s' in '%s' has no fields", seg, path);
				goto out;
			}
		} else if (*p) {
			*err = arena_printf(a, "unexpected '%c' in '%s'", *p, path);
			goto out;
		}
	}
	if (!is_leaf(t)) {
		*err = arena_printf(a, "'%s' names %s, not one fact: name a field below it", path, t->name);
		goto out;
	}
	*type = t;
	res = strset_add(set, a, out.s);
out:
	buf_release(&out);
	return res;
}

const char *fact_path_resolve(const struct messenger *m, const char *path, struct arena *a,
			      const struct stype **type, const char **err)
{
	return resolve(m, path, a, type, err, NULL);
}

/* Check an observed value against the fact's type; a list's items too. 0, or -1 with *err. */
static int check_value(struct arena *a, const struct stype *t, const struct node *v,
		       const char **err)
{
	struct diag d = DIAG_INIT;
	int rc = 0;
	if (t->kind == ST_LIST) {
		if (v->type != NODE_SEQ) {
			*err = arena_printf(a, "expected %s, found %s", t->name, node_type_name(v));
			return -1;
		}
		for (uint32_t i = 0; i < v->n && rc == 0; i++)
			rc = schema_check_scalar(t->item, v->kids[i], &d);
	} else {
		rc = schema_check_scalar(t, v, &d);
	}
	if (rc < 0)
		*err = d.n ? arena_strdup(a, d.v[0].msg) : "the value does not fit the fact";
	diag_release(&d);
	return rc;
}

/* An observation's texts hold no control character, as the data files may not (they reach the
 * terminal, the pages and the site). 0, or -1 with *err. */
static int check_text(struct arena *a, const char *what, const char *s, const char **err)
{
	int cc = s ? text_control_char(s, strlen(s)) : -1;
	if (cc < 0)
		return 0;
	*err = arena_printf(a, "the %s contains the control character U+%04X: expected printable text",
			    what, (unsigned)cc);
	return -1;
}

static int check_texts(struct arena *a, const struct node *v, const char *reason,
		       const char *probe, const char *observed, const char *source, const char **err)
{
	if (v && check_text(a, "value", v->str, err) < 0)
		return -1;
	for (uint32_t i = 0; v && i < v->n; i++)
		if (check_text(a, "value", v->kids[i]->str, err) < 0)
			return -1;
	return check_text(a, "reason", reason, err) < 0 || check_text(a, "probe", probe, err) < 0 ||
	       check_text(a, "observed time", observed, err) < 0 || check_text(a, "source", source, err) < 0
		       ? -1 : 0;
}

/* Lists observed are sets too: put their items in registry order, as the loader does. */
static void canonical_list(struct node *v, const struct stype *t)
{
	if (t->kind != ST_LIST || v->type != NODE_SEQ || t->item->kind != ST_ENUM)
		return;
	for (uint32_t i = 1; i < v->n; i++) {
		struct node *x = v->kids[i];
		int rx = schema_enum_index(t->item->values, x->str);
		uint32_t j = i;
		while (j > 0 && schema_enum_index(t->item->values, v->kids[j - 1]->str) > rx) {
			v->kids[j] = v->kids[j - 1];
			j--;
		}
		v->kids[j] = x;
	}
}

/* The strings of the observation before, when they are the same (a file repeats its probes and
 * times), else a copy. */
static const char *obs_str(struct factsrc *fs, const char *s, size_t field)
{
	if (!s)
		return NULL;
	if (fs->n > 1) {
		const char *prev = *(const char *const *)((const char *)&fs->v[fs->n - 2] + field);
		if (prev && strcmp(prev, s) == 0)
			return prev;
	}
	return arena_strdup(&fs->arena, s);
}

/* factsrc_add with a value that is the fact source's already (in its arena, changed here), for
 * the messenger named id: m, or NULL when its tree is not there (the path then names no item
 * by position). */
static int add_obs(struct factsrc *fs, const struct messenger *m, const char *id, const char *path,
		   struct node *v, const char *reason, const char *probe, const char *observed,
		   const char *source, const char **err, struct strset *paths)
{
	const struct stype *t;
	const char *canon = resolve(m, path, &fs->arena, &t, err, paths);
	if (!canon)
		return -1;
	if (check_texts(&fs->arena, v, reason, probe, observed, source, err) < 0)
		return -1;
	if (v) {
		/* JSON has no date literal: a date is a string, and no quoting rule applies */
		const struct stype *st = t->kind == ST_LIST ? t->item : t;
		if (st->kind == ST_DATE) {
			v->plain = true;
			for (uint32_t i = 0; i < v->n; i++)
				v->kids[i]->plain = true;
		}
		if (check_value(&fs->arena, t, v, err) < 0)
			return -1;
	}
	if (!v && !reason) {
		*err = "an observation needs a value, or the reason the probe could not tell";
		return -1;
	}
	/* appended; a later observation of the same fact replaces the earlier one when sorted */
	fs->v = xgrow(fs->v, sizeof(*fs->v), fs->n + 1, &fs->alloc);
	struct observation *o = &fs->v[fs->n++];
	fs->sorted = fs->n == 1;
	memset(o, 0, sizeof(*o));
	o->seq = fs->seq++;
	o->messenger = obs_str(fs, id, offsetof(struct observation, messenger));
	o->fact = canon;
	if (v) {
		canonical_list(v, t);
		o->value = v;
	}
	o->reason = reason && !v ? arena_strdup(&fs->arena, reason) : NULL;
	o->probe = obs_str(fs, probe, offsetof(struct observation, probe));
	o->observed = obs_str(fs, observed, offsetof(struct observation, observed));
	o->source = source ? arena_strdup(&fs->arena, source) : NULL;
	return 0;
}

int factsrc_add(struct factsrc *fs, const struct messenger *m, const char *path,
		const struct node *value, const char *reason, const char *probe,
		const char *observed, const char *source, const char **err)
{
	return add_obs(fs, m, m->id, path, value ? node_copy(&fs->arena, value) : NULL, reason, probe,
		       observed, source, err, NULL);
}

static const struct messenger *find_messenger(const struct messenger *ms, size_t n, const char *id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(ms[mid].id, id);
		if (!c)
			return &ms[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* "YYYY-MM-DD" or an RFC 3339 time "YYYY-MM-DDTHH:MM:SSZ" (or with an offset). */
static bool time_valid(const char *s)
{
	long days;
	char date[11];
	if (strlen(s) < 10)
		return false;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (date_parse(date, &days) < 0)
		return false;
	if (!s[10])
		return true;
	const char *p = s + 10;
	if (*p != 'T' || strlen(p) < 9)
		return false;
	for (int i = 1; i <= 8; i++)
		if (i == 3 || i == 6 ? p[i] != ':' : (p[i] < '0' || p[i] > '9'))
			return false;
	p += 9;
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++)
			;
	if (strcmp(p, "Z") == 0)
		return true;
	return (p[0] == '+' || p[0] == '-') && strlen(p) == 6 && p[3] == ':';
}

static const char *const obs_keys[] = {"error", "fact", "hash", "messenger", "observed", "probe", "source", "value", NULL};

/* A SHA-256 in hex, as the probes write it. */
static bool hash_valid(const char *s)
{
	return strlen(s) == 64 && strspn(s, "0123456789abcdef") == 64;
}

static int load_one(struct factsrc *fs, const struct node *o, const struct messenger *ms, size_t nms,
		    const char *file, struct diag *d)
{
	if (o->type != NODE_MAP) {
		diag_at(d, o, "expected an observation (an object with messenger, fact, value or error, probe, observed, source), found %s",
			node_type_name(o));
		return -1;
	}
	int rc = 0;
	for (uint32_t i = 0; i < o->n; i++)
		if (schema_enum_index(obs_keys, node_keys(o)[i]) < 0) {
			diag_at(d, o->kids[i], "unknown key '%s' in an observation (expected one of: error, fact, hash, messenger, observed, probe, source, value)",
				node_keys(o)[i]);
			rc = -1;
		}
	const char *req[] = {"messenger", "fact", "probe", "observed"};
	for (size_t i = 0; i < ARRAY_SIZE(req); i++) {
		const struct node *v = node_get(o, req[i]);
		if (!v) {
			diag_at(d, o, "observation is missing '%s'", req[i]);
			rc = -1;
		} else if (v->type != NODE_SCALAR || !*v->str) {
			diag_at(d, v, "expected a string for '%s', found %s", req[i], node_type_name(v));
			rc = -1;
		}
	}
	const struct node *value = node_get(o, "value"), *error = node_get(o, "error");
	const struct node *source = node_get(o, "source"), *observed = node_get(o, "observed");
	const struct node *hash = node_get(o, "hash");
	if (hash && (hash->type != NODE_SCALAR || !hash_valid(hash->str))) {
		if (hash->type == NODE_SCALAR)
			diag_at(d, hash, "expected a SHA-256 in lower-case hex for 'hash', found '%s'", hash->str);
		else
			diag_at(d, hash, "expected a SHA-256 in lower-case hex for 'hash', found %s",
				node_type_name(hash));
		rc = -1;
	}
	if (!value == !error) {
		diag_at(d, o, "an observation has either 'value' (what the probe saw) or 'error' (why it could not tell), not %s",
			value ? "both" : "neither");
		rc = -1;
	}
	if (error && (error->type != NODE_SCALAR || !*error->str)) {
		diag_at(d, error, "expected the reason as a string, found %s", node_type_name(error));
		rc = -1;
	}
	if (source && schema_check_scalar(&schema_url, source, d) < 0)
		rc = -1;
	if (observed && observed->type == NODE_SCALAR && *observed->str && !time_valid(observed->str)) {
		diag_at(d, observed, "expected the time of the observation (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ), found '%s'",
			observed->str);
		rc = -1;
	}
	if (rc < 0)
		return -1;
	const char *id = node_str(o, "messenger");
	const struct messenger *m = find_messenger(ms, nms, id);
	if (!m) {
		diag_at(d, node_get(o, "messenger"), "observation of '%s', which data/messengers does not have", id);
		return -1;
	}
	const char *err;
	if (factsrc_add(fs, m, node_str(o, "fact"), value, error ? error->str : NULL,
			node_str(o, "probe"), observed->str, source ? source->str : NULL, &err) < 0) {
		diag_at(d, value && strncmp(err, "expected", 8) == 0 ? value : node_get(o, "fact"), "%s", err);
		return -1;
	}
	struct observation *x = &fs->v[fs->n - 1]; /* the one just added */
	x->hash = hash ? arena_strdup(&fs->arena, hash->str) : NULL;
	x->file = file;
	x->line = o->line;
	x->col = o->col;
	return 0;
}

/* The fast path reads the file with a small JSON reader of its own that builds each
 * observation as it goes, straight into the fact source's arena (no document tree, no second
 * copy). It accepts what cJSON accepted here before (bytes up to a space are white space, a
 * byte-order mark may start the file, what follows the document is not read, the first of two
 * equal keys counts), and gives up at anything else: the caller then reads the file with the
 * YAML reader, which says where and what. Strings are unescaped in place in the file's text. */
struct jread {
	char *p, *end;
	int depth;
	struct strset strs; /* paths and values, each kept once */
};

static void jr_ws(struct jread *r)
{
	while (r->p < r->end && (unsigned char)*r->p <= 32)
		r->p++;
}

static bool jr_lit(struct jread *r, const char *lit)
{
	size_t n = strlen(lit);
	if ((size_t)(r->end - r->p) < n || memcmp(r->p, lit, n) != 0)
		return false;
	r->p += n;
	return true;
}

static int jr_hex4(const char *s, unsigned *v)
{
	*v = 0;
	for (int i = 0; i < 4; i++) {
		char c = s[i];
		unsigned d = c >= '0' && c <= '9' ? (unsigned)(c - '0')
			     : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
			     : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10) : 16u;
		if (d == 16)
			return -1;
		*v = *v << 4 | d;
	}
	return 0;
}

/* A string at r->p, unescaped in place and NUL-terminated; NULL when it is not one. */
static char *jr_string(struct jread *r)
{
	if (r->p >= r->end || *r->p != '"')
		return NULL;
	char *s = ++r->p, *w = s;
	char *q = memchr(s, '"', (size_t)(r->end - s));
	if (q && !memchr(s, '\\', (size_t)(q - s))) { /* no escapes: as it is */
		*q = '\0';
		r->p = q + 1;
		return s;
	}
	while (r->p < r->end && *r->p != '"') {
		if (*r->p != '\\') {
			*w++ = *r->p++;
			continue;
		}
		if (r->end - r->p < 2)
			return NULL;
		static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
		const char *e = strchr(from, r->p[1]);
		if (e && r->p[1]) {
			*w++ = to[e - from];
			r->p += 2;
			continue;
		}
		unsigned cp, lo;
		if (r->p[1] != 'u' || r->end - r->p < 6 || jr_hex4(r->p + 2, &cp) < 0 || cp == 0 ||
		    (cp >= 0xDC00 && cp <= 0xDFFF))
			return NULL;
		r->p += 6;
		if (cp >= 0xD800 && cp <= 0xDBFF) {
			if (r->end - r->p < 6 || r->p[0] != '\\' || r->p[1] != 'u' ||
			    jr_hex4(r->p + 2, &lo) < 0 || lo < 0xDC00 || lo > 0xDFFF)
				return NULL;
			r->p += 6;
			cp = 0x10000 + ((cp & 0x3FF) << 10 | (lo & 0x3FF));
		}
		if (cp < 0x80) {
			*w++ = (char)cp;
		} else if (cp < 0x800) {
			*w++ = (char)(0xC0 | cp >> 6);
			*w++ = (char)(0x80 | (cp & 0x3F));
		} else if (cp < 0x10000) {
			*w++ = (char)(0xE0 | cp >> 12);
			*w++ = (char)(0x80 | (cp >> 6 & 0x3F));
			*w++ = (char)(0x80 | (cp & 0x3F));
		} else {
			*w++ = (char)(0xF0 | cp >> 18);
			*w++ = (char)(0x80 | (cp >> 12 & 0x3F));
			*w++ = (char)(0x80 | (cp >> 6 & 0x3F));
			*w++ = (char)(0x80 | (cp & 0x3F));
		}
	}
	if (r->p >= r->end)
		return NULL;
	r->p++;
	*w = '\0';
	return s;
}

/* A number, as cJSON read it (strtod over its characters); 0 and *v when it is an integer that
 * a long holds, 1 when it is another number, -1 when it is none. */
static int jr_number(struct jread *r, long *v)
{
	char tmp[64];
	size_t n = 0;
	if (r->p >= r->end || (*r->p != '-' && (*r->p < '0' || *r->p > '9')))
		return -1; /* as cJSON: a number starts with a minus or a digit */
	while (r->p + n < r->end && strchr("0123456789+-eE.", r->p[n]) && r->p[n])
		n++;
	if (n == 0 || n >= sizeof(tmp))
		return -1;
	memcpy(tmp, r->p, n);
	tmp[n] = '\0';
	char *end;
	double d = strtod(tmp, &end);
	if (end == tmp)
		return -1;
	r->p += end - tmp;
	if (!(d > -9e18 && d < 9e18) || d != (double)(long)d)
		return 1;
	*v = (long)d;
	return 0;
}

/* Skip any value (the second of two equal keys). 0 or -1. */
static int jr_skip(struct jread *r)
{
	jr_ws(r);
	if (r->p >= r->end)
		return -1;
	long l;
	char c = *r->p;
	if (c == '"')
		return jr_string(r) ? 0 : -1;
	if (c == '[' || c == '{') {
		if (++r->depth > 1000)
			return -1;
		char close = c == '[' ? ']' : '}';
		r->p++;
		jr_ws(r);
		if (r->p < r->end && *r->p == close) {
			r->p++;
			r->depth--;
			return 0;
		}
		for (;;) {
			if (c == '{') {
				jr_ws(r);
				if (!jr_string(r))
					return -1;
				jr_ws(r);
				if (r->p >= r->end || *r->p++ != ':')
					return -1;
			}
			if (jr_skip(r) < 0)
				return -1;
			jr_ws(r);
			if (r->p >= r->end)
				return -1;
			if (*r->p == ',') {
				r->p++;
				continue;
			}
			if (*r->p++ != close)
				return -1;
			r->depth--;
			return 0;
		}
	}
	if (jr_lit(r, "null") || jr_lit(r, "true") || jr_lit(r, "false"))
		return 0;
	return jr_number(r, &l) >= 0 ? 0 : -1;
}

/* An observed value (a scalar, or a list of scalars) as a node in a, as the YAML reader would
 * give it: strings quoted, true/false and integers plain. NULL for anything else. */
static struct node *jr_value(struct jread *r, struct arena *a, bool item)
{
	jr_ws(r);
	if (r->p >= r->end)
		return NULL;
	struct node *n = arena_alloc(a, sizeof(*n));
	n->type = NODE_SCALAR;
	long l;
	char *s;
	if (*r->p == '"') {
		if (!(s = jr_string(r)))
			return NULL;
		n->str = strset_add(&r->strs, a, s);
	} else if (jr_lit(r, "true")) {
		n->str = "true";
		n->plain = true;
	} else if (jr_lit(r, "false")) {
		n->str = "false";
		n->plain = true;
	} else if (*r->p == '[' && !item) {
		struct node *small[64], **kids = small;
		size_t cap = ARRAY_SIZE(small);
		n->type = NODE_SEQ;
		r->p++;
		jr_ws(r);
		if (r->p < r->end && *r->p == ']') {
			r->p++;
		} else {
			for (;;) {
				if (n->n == cap) {
					kids = kids == small ? memcpy(xmalloc(2 * cap * sizeof(*kids)), small, sizeof(small))
							     : xrealloc(kids, 2 * cap * sizeof(*kids));
					cap *= 2;
				}
				if (!(kids[n->n++] = jr_value(r, a, true)))
					goto bad;
				jr_ws(r);
				if (r->p < r->end && *r->p == ',') {
					r->p++;
					continue;
				}
				if (r->p >= r->end || *r->p++ != ']')
					goto bad;
				break;
			}
		}
		n->kids = arena_alloc(a, (n->n + 1) * sizeof(*n->kids));
		memcpy(n->kids, kids, n->n * sizeof(*n->kids));
		if (kids != small)
			free(kids);
		return n;
bad:
		if (kids != small)
			free(kids);
		return NULL;
	} else if (jr_number(r, &l) == 0) {
		n->str = arena_printf(a, "%ld", l);
		n->plain = true;
	} else {
		return NULL;
	}
	return n;
}

enum { K_ERROR, K_FACT, K_HASH, K_MESSENGER, K_OBSERVED, K_PROBE, K_SOURCE, K_VALUE, K__N };

/* One observation object at r->p, added to fs (*last: the messenger of the one before; ms NULL:
 * the messengers are not loaded yet, the observation names its messenger by id alone). 0, or
 * -1 when the fast path gives up. */
static int jr_observation(struct jread *r, struct factsrc *fs, const struct messenger *ms,
			  size_t nms, const struct messenger **last, const char *file)
{
	const char *str[K__N] = {NULL};
	struct node *jval = NULL;
	unsigned seen = 0;
	jr_ws(r);
	if (r->p >= r->end || *r->p++ != '{')
		return -1;
	jr_ws(r);
	if (r->p < r->end && *r->p == '}')
		r->p++;
	else
		for (;;) {
			jr_ws(r);
			const char *key = jr_string(r);
			int k = key ? schema_enum_index(obs_keys, key) : -1;
			jr_ws(r);
			if (k < 0 || r->p >= r->end || *r->p++ != ':')
				return -1;
			if (seen & 1u << k) {
				if (jr_skip(r) < 0)
					return -1;
			} else if (k == K_VALUE) {
				if (!(jval = jr_value(r, &fs->arena, false)))
					return -1;
			} else {
				jr_ws(r);
				if (!(str[k] = jr_string(r)))
					return -1; /* every other key is a string */
			}
			seen |= 1u << k;
			jr_ws(r);
			if (r->p < r->end && *r->p == ',') {
				r->p++;
				continue;
			}
			if (r->p >= r->end || *r->p++ != '}')
				return -1;
			break;
		}
	for (int k = 0; k < K__N; k++)
		if (k != K_SOURCE && str[k] && !*str[k])
			return -1; /* an empty string is none */
	const char *id = str[K_MESSENGER], *error = str[K_ERROR], *hash = str[K_HASH];
	if (!id || !str[K_FACT] || !str[K_PROBE] || !str[K_OBSERVED] ||
	    !time_valid(str[K_OBSERVED]) || !jval == !error || (hash && !hash_valid(hash)))
		return -1;
	const struct messenger *m = NULL;
	if (ms) {
		/* a file lists a messenger's observations together: try the one before first */
		m = *last && strcmp((*last)->id, id) == 0 ? *last : find_messenger(ms, nms, id);
		if (!(*last = m))
			return -1;
	} else if (has_position(str[K_FACT])) {
		return -1; /* a position is read in the messenger's tree */
	}
	if (str[K_SOURCE]) {
		struct node src = {.str = str[K_SOURCE], .type = NODE_SCALAR};
		struct diag nd = DIAG_INIT;
		int bad = schema_check_scalar(&schema_url, &src, &nd);
		diag_release(&nd);
		if (bad < 0)
			return -1;
	}
	const char *err;
	if (add_obs(fs, m, id, str[K_FACT], jval, error, str[K_PROBE], str[K_OBSERVED], str[K_SOURCE],
		    &err, &r->strs) < 0)
		return -1;
	fs->v[fs->n - 1].file = file;
	fs->v[fs->n - 1].hash = hash ? arena_strdup(&fs->arena, hash) : NULL;
	return 0;
}

/* The fast path for a well-formed file: no positions. Returns 0 when every observation was
 * taken, -1 at the first thing it does not like, having added nothing (the caller then reads
 * the file again with the YAML reader, which says where and what). ms may be NULL (see
 * jr_observation): the caller then checks the messengers. */
static int load_fast(struct factsrc *fs, const char *path, const struct messenger *ms, size_t nms)
{
	if (fs->n)
		return -1; /* only into an empty set: a failure can then take back what it added */
	size_t len;
	char *text = map_file(path, OBS_MAX_FILE, &len);
	bool mapped = text != NULL;
	if (!mapped && !(text = read_file(path, OBS_MAX_FILE, &len)))
		return -1;
	struct jread r = {text, text + len, 0, {NULL, 0, 0}};
	size_t dropped = 0;
	if (mapped)
		map_file_ahead(text, len, 0, 2 * DROP_EVERY);
	size_t before = fs->n, seq = fs->seq;
	const char *file = arena_strdup(&fs->arena, path);
	bool schema = false, list = false;
	const struct messenger *last = NULL;
	int rc = -1;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		r.p += 3;
	jr_ws(&r);
	if (r.p >= r.end || *r.p++ != '{')
		goto out;
	for (;;) {
		jr_ws(&r);
		const char *key = jr_string(&r);
		jr_ws(&r);
		if (!key || r.p >= r.end || *r.p++ != ':')
			goto out;
		jr_ws(&r);
		if (strcmp(key, "schema") == 0 && !schema) {
			const char *s = jr_string(&r);
			if (!s || strcmp(s, OBS_SCHEMA) != 0)
				goto out;
			schema = true;
		} else if (strcmp(key, "observations") == 0 && !list) {
			if (r.p >= r.end || *r.p++ != '[')
				goto out;
			jr_ws(&r);
			if (r.p < r.end && *r.p == ']') {
				r.p++;
			} else {
				for (;;) {
					if (fs->n - before >= OBS_MAX_ITEMS ||
					    jr_observation(&r, fs, ms, nms, &last, file) < 0)
						goto out;
					/* what is read is copied: the pages behind go */
					if (mapped && (size_t)(r.p - text) - dropped >= DROP_EVERY) {
						/* the window ahead was made ours before */
						map_file_ahead(text, len, dropped + 2 * DROP_EVERY,
							       (size_t)(r.p - text) - dropped);
						dropped = (size_t)(r.p - text);
						map_file_drop(text, dropped);
					}
					jr_ws(&r);
					if (r.p < r.end && *r.p == ',') {
						r.p++;
						continue;
					}
					if (r.p >= r.end || *r.p++ != ']')
						goto out;
					break;
				}
			}
			list = true;
		} else {
			goto out; /* another key, or a second one */
		}
		jr_ws(&r);
		if (r.p < r.end && *r.p == ',') {
			r.p++;
			continue;
		}
		if (r.p >= r.end || *r.p++ != '}' || !schema || !list)
			goto out;
		break;
	}
	/* a file holds one observation per fact */
	size_t added = fs->n;
	sort_obs(fs, NULL);
	rc = fs->n == added ? 0 : -1;
out:
	if (rc < 0) {
		fs->n = before; /* what this file added goes (its strings stay in the arena) */
		fs->seq = seq;
		fs->sorted = false;
	}
	if (mapped)
		unmap_file(text, len);
	else
		free(text);
	free(r.strs.slot);
	return rc;
}

struct factsrc_pending {
	char *path;
	struct factsrc fs; /* what the file holds, messengers named by id */
	int rc;            /* load_fast's; -1 until it ran */
};

struct factsrc_pending *factsrc_read_start(const char *path)
{
	struct factsrc_pending *p = xcalloc(1, sizeof(*p));
	p->path = xstrdup(path);
	p->fs = (struct factsrc)FACTSRC_INIT;
	p->rc = -1;
	return p;
}

void factsrc_read_run(void *ctx)
{
	struct factsrc_pending *p = ctx;
	p->rc = load_fast(&p->fs, p->path, NULL, 0);
}

int factsrc_read_finish(struct factsrc_pending *p, struct factsrc *fs, const struct messenger *ms,
			size_t n)
{
	if (!p)
		return -1;
	/* only into a set nothing was ever added to, as load_fast */
	int rc = p->rc == 0 && fs && !fs->n && !fs->seq && !fs->v && !fs->arena.head ? 0 : -1;
	/* every observation names a messenger that loaded (they are sorted by messenger) */
	for (size_t i = 0; rc == 0 && i < p->fs.n; i++)
		if ((i == 0 || strcmp(p->fs.v[i - 1].messenger, p->fs.v[i].messenger) != 0) &&
		    !find_messenger(ms, n, p->fs.v[i].messenger))
			rc = -1;
	if (rc == 0)
		*fs = p->fs;
	else
		factsrc_release(&p->fs);
	free(p->path);
	free(p);
	return rc;
}

int factsrc_load(struct factsrc *fs, const char *path, const struct messenger *ms, size_t n,
		 struct diag *d)
{
	if (load_fast(fs, path, ms, n) == 0)
		return 0;
	struct arena tmp = ARENA_INIT;
	/* observations grow with the data: a third of 40 facts of 10,000 messengers is 140,000 */
	static const struct yaml_limits lim = {OBS_MAX_FILE, OBS_MAX_ITEMS};
	struct node *root = yaml_read_file_limits(&tmp, path, &lim, d);
	int rc = 0;
	if (!root) {
		rc = -1;
		goto out;
	}
	if (root->type != NODE_MAP) {
		diag_at(d, root, "expected an object with \"schema\" and \"observations\", found %s",
			node_type_name(root));
		rc = -1;
		goto out;
	}
	const char *schema = node_str(root, "schema");
	if (!schema || strcmp(schema, OBS_SCHEMA) != 0) {
		diag_at(d, node_get(root, "schema") ? node_get(root, "schema") : root,
			"expected \"schema\": \"" OBS_SCHEMA "\", found %s%s%s",
			schema ? "'" : "", schema ? schema : "none", schema ? "'" : "");
		rc = -1;
		goto out;
	}
	for (uint32_t i = 0; i < root->n; i++)
		if (strcmp(node_keys(root)[i], "schema") != 0 && strcmp(node_keys(root)[i], "observations") != 0) {
			diag_at(d, root->kids[i], "unknown key '%s' (expected schema, observations)", node_keys(root)[i]);
			rc = -1;
		}
	const struct node *list = node_get(root, "observations");
	if (!list || list->type != NODE_SEQ) {
		diag_at(d, list ? list : root, "expected \"observations\": a list, found %s",
			node_type_name(list));
		rc = -1;
		goto out;
	}
	const char *file = arena_strdup(&fs->arena, path);
	for (uint32_t i = 0; i < list->n; i++)
		if (load_one(fs, list->kids[i], ms, n, file, d) < 0)
			rc = -1;
	size_t errs = d->n;
	sort_obs(fs, d); /* a file holds one observation per fact */
	if (d->n > errs)
		rc = -1;
out:
	arena_release(&tmp);
	return rc;
}

/* A value as JSON: true, false and integers written plain are literals, the rest strings. */
static void jw_value(struct jsonw *w, const struct node *v)
{
	if (v->type == NODE_SEQ) {
		jw_arr(w);
		for (uint32_t i = 0; i < v->n; i++)
			jw_value(w, v->kids[i]);
		jw_arr_end(w);
		return;
	}
	const char *s = v->str;
	bool integer = *s && strspn(s + (*s == '-'), "0123456789") == strlen(s + (*s == '-')) && s[*s == '-'];
	if (v->plain && (strcmp(s, "true") == 0 || strcmp(s, "false") == 0))
		jw_bool(w, strcmp(s, "true") == 0);
	else if (v->plain && integer && strlen(s) < 19)
		jw_int(w, strtol(s, NULL, 10));
	else
		jw_str(w, s);
}

void factsrc_write(struct factsrc *fs, struct buf *out)
{
	sort_obs(fs, NULL);
	struct jsonw w;
	jw_init(&w, NULL);
	jw_obj(&w);
	jw_key(&w, "observations");
	jw_arr(&w);
	for (size_t i = 0; i < fs->n; i++) {
		const struct observation *o = &fs->v[i];
		jw_obj(&w);
		if (!o->value)
			jw_kstr(&w, "error", o->reason ? o->reason : "unknown");
		jw_kstr(&w, "fact", o->fact);
		if (o->hash)
			jw_kstr(&w, "hash", o->hash);
		jw_kstr(&w, "messenger", o->messenger);
		jw_kstr(&w, "observed", o->observed);
		jw_kstr(&w, "probe", o->probe);
		if (o->source)
			jw_kstr(&w, "source", o->source);
		if (o->value) {
			jw_key(&w, "value");
			jw_value(&w, o->value);
		}
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_kstr(&w, "schema", OBS_SCHEMA);
	jw_obj_end(&w);
	jw_finish_buf(&w, out);
}

void fact_value_text(struct buf *b, const struct node *v)
{
	if (!v)
		return;
	if (v->type == NODE_SCALAR) {
		buf_adds(b, v->str);
		return;
	}
	if (!v->n) {
		buf_adds(b, "(none)");
		return;
	}
	for (uint32_t i = 0; i < v->n; i++) {
		if (i)
			buf_adds(b, ", ");
		buf_adds(b, v->kids[i]->str ? v->kids[i]->str : "...");
	}
}

bool fact_value_equal(const struct node *a, const struct node *b)
{
	if (!a || !b || a->type != b->type)
		return false;
	if (a->type == NODE_SCALAR)
		return strcmp(a->str, b->str) == 0;
	if (a->n != b->n)
		return false;
	for (uint32_t i = 0; i < a->n; i++)
		if (!fact_value_equal(a->kids[i], b->kids[i]))
			return false;
	return true;
}

void fact_get(const struct factsrc *fs, const struct messenger *m, const char *path,
	      const struct stype *t, const struct node *node, const struct fact_meta *meta,
	      struct fact *f)
{
	memset(f, 0, sizeof(*f));
	f->path = path;
	f->type = t;
	f->declared = node;
	f->meta = node ? meta : NULL;
	f->file = node ? node->file : m->file;
	f->line = node ? node->line : 0;
	f->obs = factsrc_find(fs, m->id, path);
	f->value = node;
	if (!f->obs)
		f->status = OBS_UNVERIFIED;
	else if (!f->obs->value)
		f->status = OBS_FAILED;
	else if (!node)
		f->status = OBS_OBSERVED_ONLY, f->value = f->obs->value;
	else if (fact_value_equal(node, f->obs->value))
		f->status = OBS_CONFIRMED;
	else
		f->status = OBS_CONTRADICTED;
	f->doubt = !f->value || f->status == OBS_CONTRADICTED;
}

struct walk {
	const struct factsrc *fs;
	const struct messenger *m;
	struct arena *a;
	fact_fn fn;
	void *ctx;
	struct buf path; /* the path of the node walked, built as the walk goes down */
	bool declared_only; /* no fact source: paths are not kept */
	const char **seen; /* declared paths, to list the other observations after them */
	size_t nseen, seen_alloc;
};

/* Back to the first len bytes of b. */
static void cut(struct buf *b, size_t len)
{
	b->len = len;
	b->s[len] = '\0';
}

static void walk(struct walk *w, const struct node *n, const struct stype *t,
		 const struct fact_meta *meta, const char *const *skip)
{
	if (n->meta)
		meta = n->meta;
	size_t len = w->path.len;
	/* a sourced empty list ({value: [], source}) is itself a fact: there are none */
	if (is_leaf(t) || (t->kind == ST_LIST && !n->n && n->meta)) {
		struct fact f;
		if (w->declared_only) {
			fact_get(NULL, w->m, w->path.s, t, n, meta, &f);
			w->fn(w->ctx, &f);
			return;
		}
		const char *path = arena_strndup(w->a, w->path.s, len);
		fact_get(w->fs, w->m, path, t, n, meta, &f);
		w->seen = xgrow(w->seen, sizeof(*w->seen), w->nseen + 1, &w->seen_alloc);
		w->seen[w->nseen++] = path;
		w->fn(w->ctx, &f);
		return;
	}
	if (t->kind == ST_LIST) {
		for (uint32_t i = 0; i < n->n; i++) {
			buf_addc(&w->path, '[');
			buf_adds(&w->path, n->kids[i]->key ? n->kids[i]->key : "?");
			buf_addc(&w->path, ']');
			walk(w, n->kids[i], t->item, meta,
			     t->key_mode == KEY_JOIN ? t->key_fields : NULL); /* the key says them */
			cut(&w->path, len);
		}
		return;
	}
	if (t->kind != ST_MAP)
		return;
	for (const struct sfield *fd = t->fields; fd->key; fd++) {
		if ((fd->flags & (SF_NOFACT | SF_OBSERVED)) || (skip && schema_enum_index(skip, fd->key) >= 0))
			continue;
		const struct node *k = node_get(n, fd->key);
		if (!k)
			continue;
		if (len)
			buf_addc(&w->path, '.');
		buf_adds(&w->path, fd->key);
		walk(w, k, fd->type, meta, NULL);
		cut(&w->path, len);
	}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void fact_walk(const struct factsrc *fs, const struct messenger *m, struct arena *a, fact_fn fn,
	       void *ctx)
{
	struct walk w = {fs, m, a, fn, ctx, BUF_INIT, false, NULL, 0, 0};
	walk(&w, m->root, &schema_messenger, NULL, NULL);
	buf_release(&w.path);
	if (fs && fs->n) {
		if (w.nseen > 1)
			qsort(w.seen, w.nseen, sizeof(*w.seen), cmp_str);
		sort_obs((struct factsrc *)fs, NULL);
		for (size_t i = first_of(fs, m->id); i < fs->n; i++) {
			const struct observation *o = &fs->v[i];
			if (strcmp(o->messenger, m->id) != 0)
				break;
			if (w.nseen && bsearch(&o->fact, w.seen, w.nseen, sizeof(*w.seen), cmp_str))
				continue;
			const struct stype *t = NULL;
			const char *err;
			fact_path_resolve(NULL, o->fact, a, &t, &err);
			struct fact f;
			fact_get(fs, m, o->fact, t, NULL, NULL, &f);
			fn(ctx, &f);
		}
	}
	free(w.seen);
}

void fact_walk_declared(const struct messenger *m, fact_fn fn, void *ctx)
{
	struct walk w = {NULL, m, NULL, fn, ctx, BUF_INIT, true, NULL, 0, 0};
	walk(&w, m->root, &schema_messenger, NULL, NULL);
	buf_release(&w.path);
}
