/* facts.c - the fact source: declared facts merged with observations, stable paths, the walker. */
#include "facts.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "fsutil.h"
#include "jsonw.h"
#include "schema.h"
#include "util.h"
#include "yamlfile.h"

#define OBS_SCHEMA "msgvet-observations/1"
#define OBS_MAX_FILE (256u << 20) /* bytes */
#define OBS_MAX_ITEMS 2000000u    /* observations */

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

/* Sort once, lazily, before the first look-up, keeping the latest observation of each fact;
 * each earlier one is reported to d when d is not NULL. */
static void sort_obs(struct factsrc *fs, struct diag *d)
{
	if (fs->sorted)
		return;
	if (fs->n > 1)
		qsort(fs->v, fs->n, sizeof(*fs->v), cmp_obs_seq);
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

const struct observation *factsrc_find(const struct factsrc *fs, const char *messenger,
				       const char *path)
{
	if (!fs || !fs->n)
		return NULL;
	sort_obs((struct factsrc *)fs, NULL);
	size_t lo = 0, hi = fs->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const struct observation *o = &fs->v[mid];
		int c = strcmp(o->messenger, messenger);
		if (!c)
			c = strcmp(o->fact, path);
		if (!c)
			return o;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
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
	if (n->n) {
		c->kids = arena_alloc(a, n->n * sizeof(*c->kids));
		for (uint32_t i = 0; i < n->n; i++)
			c->kids[i] = node_copy(a, n->kids[i]);
		if (n->keys) {
			c->keys = arena_alloc(a, n->n * sizeof(*c->keys));
			for (uint32_t i = 0; i < n->n; i++)
				c->keys[i] = arena_strdup(a, n->keys[i]);
		}
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

const char *fact_path_resolve(const struct messenger *m, const char *path, struct arena *a,
			      const struct stype **type, const char **err)
{
	const struct stype *t = &schema_messenger;
	const struct node *n = m ? m->root : NULL;
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
		char *seg = arena_strndup(a, p, len);
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
			char *key = arena_strndup(a, p + 1, (size_t)(close - p - 1));
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
			buf_addf(&out, "[%s]", key);
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
	res = arena_strdup(a, out.s);
out:
	buf_release(&out);
	return res;
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

int factsrc_add(struct factsrc *fs, const struct messenger *m, const char *path,
		const struct node *value, const char *reason, const char *probe,
		const char *observed, const char *source, const char **err)
{
	const struct stype *t;
	const char *canon = fact_path_resolve(m, path, &fs->arena, &t, err);
	if (!canon)
		return -1;
	struct node *v = NULL;
	if (value) {
		v = node_copy(&fs->arena, value);
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
	if (!value && !reason) {
		*err = "an observation needs a value, or the reason the probe could not tell";
		return -1;
	}
	/* appended; a later observation of the same fact replaces the earlier one when sorted */
	fs->v = xgrow(fs->v, sizeof(*fs->v), fs->n + 1, &fs->alloc);
	struct observation *o = &fs->v[fs->n++];
	fs->sorted = fs->n == 1;
	memset(o, 0, sizeof(*o));
	o->seq = fs->seq++;
	o->messenger = arena_strdup(&fs->arena, m->id);
	o->fact = canon;
	if (v) {
		canonical_list(v, t);
		o->value = v;
	}
	o->reason = reason && !value ? arena_strdup(&fs->arena, reason) : NULL;
	o->probe = probe ? arena_strdup(&fs->arena, probe) : NULL;
	o->observed = observed ? arena_strdup(&fs->arena, observed) : NULL;
	o->source = source ? arena_strdup(&fs->arena, source) : NULL;
	return 0;
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
		if (schema_enum_index(obs_keys, o->keys[i]) < 0) {
			diag_at(d, o->kids[i], "unknown key '%s' in an observation (expected one of: error, fact, hash, messenger, observed, probe, source, value)",
				o->keys[i]);
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

/* A JSON scalar or array of scalars as a node in a, as the YAML reader would give it: strings
 * quoted, true/false and integers plain. NULL for anything else. */
static struct node *json_node(struct arena *a, const cJSON *j)
{
	struct node *n = arena_alloc(a, sizeof(*n));
	if (cJSON_IsString(j)) {
		n->type = NODE_SCALAR;
		n->str = arena_strdup(a, j->valuestring);
	} else if (cJSON_IsBool(j)) {
		n->type = NODE_SCALAR;
		n->str = cJSON_IsTrue(j) ? "true" : "false";
		n->plain = true;
	} else if (cJSON_IsNumber(j) && j->valuedouble == (double)(long)j->valuedouble) {
		n->type = NODE_SCALAR;
		n->str = arena_printf(a, "%ld", (long)j->valuedouble);
		n->plain = true;
	} else if (cJSON_IsArray(j)) {
		n->type = NODE_SEQ;
		n->n = (uint32_t)cJSON_GetArraySize(j);
		n->kids = arena_alloc(a, (n->n + 1) * sizeof(*n->kids));
		uint32_t i = 0;
		const cJSON *x;
		cJSON_ArrayForEach(x, j) {
			if (!cJSON_IsString(x) && !cJSON_IsBool(x) && !cJSON_IsNumber(x))
				return NULL;
			if (!(n->kids[i++] = json_node(a, x)))
				return NULL;
		}
	} else {
		return NULL;
	}
	return n;
}

static const char *json_str(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) && *v->valuestring ? v->valuestring : NULL;
}

/* The fast path for a well-formed file: cJSON, no positions. Returns 0 when every observation
 * was taken, -1 at the first thing it does not like, having added nothing (the caller then
 * reads the file again with the YAML reader, which says where and what). */
static int load_fast(struct factsrc *fs, const char *path, const struct messenger *ms, size_t nms)
{
	if (fs->n)
		return -1; /* only into an empty set: a failure can then take back what it added */
	size_t len;
	char *text = read_file(path, OBS_MAX_FILE, &len);
	if (!text)
		return -1;
	cJSON *doc = cJSON_ParseWithLength(text, len);
	free(text);
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(doc, "observations");
	const char *schema = json_str(doc, "schema");
	size_t before = fs->n, seq = fs->seq;
	struct arena tmp = ARENA_INIT;
	int rc = -1;
	if (!cJSON_IsObject(doc) || cJSON_GetArraySize(doc) != 2 || !schema ||
	    strcmp(schema, OBS_SCHEMA) != 0 || !cJSON_IsArray(list) ||
	    cJSON_GetArraySize(list) > (int)OBS_MAX_ITEMS)
		goto out;
	const char *file = arena_strdup(&fs->arena, path);
	const cJSON *o;
	cJSON_ArrayForEach(o, list) {
		if (!cJSON_IsObject(o))
			goto out;
		for (const cJSON *k = o->child; k; k = k->next)
			if (schema_enum_index(obs_keys, k->string) < 0)
				goto out;
		const char *id = json_str(o, "messenger"), *fact = json_str(o, "fact");
		const char *probe = json_str(o, "probe"), *observed = json_str(o, "observed");
		const char *error = json_str(o, "error"), *hash = json_str(o, "hash");
		const cJSON *jsrc = cJSON_GetObjectItemCaseSensitive(o, "source");
		const cJSON *jval = cJSON_GetObjectItemCaseSensitive(o, "value");
		if (!id || !fact || !probe || !observed || !time_valid(observed) || !jval == !error ||
		    (cJSON_GetObjectItemCaseSensitive(o, "error") && !error) ||
		    (jsrc && !cJSON_IsString(jsrc)) ||
		    (cJSON_GetObjectItemCaseSensitive(o, "hash") && (!hash || !hash_valid(hash))))
			goto out;
		const struct messenger *m = find_messenger(ms, nms, id);
		struct node *value = jval ? json_node(&tmp, jval) : NULL;
		if (!m || (jval && !value))
			goto out;
		if (jsrc) {
			struct node src = {.str = jsrc->valuestring, .type = NODE_SCALAR};
			struct diag nd = DIAG_INIT;
			int bad = schema_check_scalar(&schema_url, &src, &nd);
			diag_release(&nd);
			if (bad < 0)
				goto out;
		}
		const char *err;
		if (factsrc_add(fs, m, fact, value, error, probe, observed, jsrc ? jsrc->valuestring : NULL,
				&err) < 0)
			goto out;
		fs->v[fs->n - 1].file = file;
		fs->v[fs->n - 1].hash = hash ? arena_strdup(&fs->arena, hash) : NULL;
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
	arena_release(&tmp);
	cJSON_Delete(doc);
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
		if (strcmp(root->keys[i], "schema") != 0 && strcmp(root->keys[i], "observations") != 0) {
			diag_at(d, root->kids[i], "unknown key '%s' (expected schema, observations)", root->keys[i]);
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
	const char **seen; /* declared paths, to list the other observations after them */
	size_t nseen, seen_alloc;
};

/* Hand one declared fact to the walker's callback and remember its path. */
static void walk_fact(struct walk *w, const struct node *n, const struct stype *t,
		      const struct fact_meta *meta, const char *path)
{
	struct fact f;
	fact_get(w->fs, w->m, path, t, n, meta, &f);
	w->seen = xgrow(w->seen, sizeof(*w->seen), w->nseen + 1, &w->seen_alloc);
	w->seen[w->nseen++] = path;
	w->fn(w->ctx, &f);
}

static void walk(struct walk *w, const struct node *n, const struct stype *t,
		 const struct fact_meta *meta, const char *path, const char *const *skip)
{
	if (n->meta)
		meta = n->meta;
	/* a sourced empty list ({value: [], source}) is itself a fact: there are none */
	if (is_leaf(t) || (t->kind == ST_LIST && !n->n && n->meta)) {
		walk_fact(w, n, t, meta, path);
		return;
	}
	if (t->kind == ST_LIST) {
		for (uint32_t i = 0; i < n->n; i++)
			walk(w, n->kids[i], t->item, meta,
			     arena_printf(w->a, "%s[%s]", path, n->kids[i]->key ? n->kids[i]->key : "?"),
			     t->key_mode == KEY_JOIN ? t->key_fields : NULL); /* the key says them */
		return;
	}
	if (t->kind != ST_MAP)
		return;
	for (const struct sfield *fd = t->fields; fd->key; fd++) {
		if ((fd->flags & (SF_NOFACT | SF_OBSERVED)) || (skip && schema_enum_index(skip, fd->key) >= 0))
			continue;
		const struct node *k = node_get(n, fd->key);
		if (k)
			walk(w, k, fd->type, meta, *path ? arena_printf(w->a, "%s.%s", path, fd->key) : fd->key,
			     NULL);
	}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void fact_walk(const struct factsrc *fs, const struct messenger *m, struct arena *a, fact_fn fn,
	       void *ctx)
{
	struct walk w = {fs, m, a, fn, ctx, NULL, 0, 0};
	walk(&w, m->root, &schema_messenger, NULL, "", NULL);
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
