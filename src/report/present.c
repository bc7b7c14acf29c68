/* present.c - verdict marks and evidence in JSON. */
#include "present.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

bool present_ascii;

/* The marks, in UTF-8 and in ASCII for a terminal whose locale is not UTF-8. */
static const struct {
	const char *utf8, *ascii;
} marks[] = {
	[V_FAIL] = {"✘ fail", "x fail"},
	[V_UNKNOWN] = {"? unknown", "? unknown"},
	[V_PASS] = {"✔ pass", "+ pass"},
	[V_NA] = {"– n/a", "- n/a"},
};

const char *verdict_mark(enum verdict v)
{
	return present_ascii ? marks[v].ascii : marks[v].utf8;
}

const char *verdict_mark_utf8(enum verdict v)
{
	return marks[v].utf8;
}

enum tone verdict_tone(enum verdict v)
{
	static const enum tone tones[] = {TONE_FAIL, TONE_UNKNOWN, TONE_PASS, TONE_NA};
	return tones[v];
}

const char *tri_mark(enum tri t)
{
	return verdict_mark(t == TRI_PASS ? V_PASS : t == TRI_FAIL ? V_FAIL : V_UNKNOWN);
}

enum tone tri_tone(enum tri t)
{
	return verdict_tone(t == TRI_PASS ? V_PASS : t == TRI_FAIL ? V_FAIL : V_UNKNOWN);
}

void jw_evidence(struct jsonw *w, const struct evidence *e)
{
	jw_obj(w);
	jw_kstr(w, "checked", e->checked);
	jw_kstr(w, "fact", e->fact);
	if (e->obs) {
		jw_key(w, "observation");
		jw_obj(w);
		jw_kstr(w, "observed", e->obs->observed);
		jw_kstr(w, "source", e->obs->source);
		jw_kstr(w, "status", e->obs->status);
		jw_kstr(w, "value", e->obs->value);
		jw_obj_end(w);
	}
	jw_kstr(w, "source", e->source);
	jw_kstr(w, "value", e->value);
	jw_obj_end(w);
}

static void jw_scalar(struct jsonw *w, const struct node *n)
{
	const char *p = n->str + (n->str[0] == '-');
	if (n->plain && (strcmp(n->str, "true") == 0 || strcmp(n->str, "false") == 0))
		jw_bool(w, n->str[0] == 't');
	else if (n->plain && *p && strlen(p) <= 15 && strspn(p, "0123456789") == strlen(p))
		jw_int(w, strtol(n->str, NULL, 10));
	else
		jw_str(w, n->str);
}

static void jw_value(struct jsonw *w, const struct node *n);

void jw_node(struct jsonw *w, const struct node *n)
{
	if (n->meta && n->type != NODE_MAP) {
		jw_obj(w);
		jw_kstr(w, "checked", n->meta->checked);
		if (n->meta->note)
			jw_kstr(w, "note", n->meta->note);
		jw_kstr(w, "source", n->meta->source);
		jw_key(w, "value");
		jw_value(w, n);
		jw_obj_end(w);
		return;
	}
	jw_value(w, n);
}

static void jw_value(struct jsonw *w, const struct node *n)
{
	switch (n->type) {
	case NODE_SCALAR:
		jw_scalar(w, n);
		break;
	case NODE_SEQ:
		jw_arr(w);
		for (uint32_t i = 0; i < n->n; i++)
			jw_node(w, n->kids[i]);
		jw_arr_end(w);
		break;
	case NODE_MAP: {
		/* keys in sorted order, with the map's own source/checked among them */
		size_t total = n->n + (n->meta ? 2 : 0);
		const char **keys = xcalloc(total, sizeof(*keys));
		const struct node **vals = xcalloc(total, sizeof(*vals));
		size_t k = 0;
		for (uint32_t i = 0; i < n->n; i++) {
			keys[k] = n->keys[i];
			vals[k++] = n->kids[i];
		}
		if (n->meta) {
			keys[k] = "checked";
			vals[k++] = NULL;
			keys[k] = "source";
			vals[k++] = NULL;
		}
		for (size_t i = 1; i < total; i++) {
			const char *kx = keys[i];
			const struct node *vx = vals[i];
			size_t j = i;
			while (j > 0 && strcmp(keys[j - 1], kx) > 0) {
				keys[j] = keys[j - 1];
				vals[j] = vals[j - 1];
				j--;
			}
			keys[j] = kx;
			vals[j] = vx;
		}
		jw_obj(w);
		for (size_t i = 0; i < total; i++) {
			jw_key(w, keys[i]);
			if (vals[i])
				jw_node(w, vals[i]);
			else
				jw_str(w, strcmp(keys[i], "checked") == 0 ? n->meta->checked
									   : n->meta->source);
		}
		jw_obj_end(w);
		free(keys);
		free(vals);
		break;
	}
	}
}

const char *criteria_spec(const struct criteria *c)
{
	static char spec[160];
	snprintf(spec, sizeof(spec), "%s@%s", c->category, c->version);
	return spec;
}

void result_counts(const struct messenger_result *r, size_t ncrit, size_t met[2], size_t total[2])
{
	met[0] = met[1] = total[0] = total[1] = 0;
	for (size_t k = 0; k < ncrit; k++) {
		const struct crit_result *cr = &r->results[k];
		int lv = cr->crit->level == LEVEL_MINIMUM ? 0 : 1;
		total[lv]++;
		if (cr->verdict == V_PASS || cr->verdict == V_NA)
			met[lv]++;
	}
}

const char *plain_text(struct buf *out, const char *s)
{
	while (*s) {
		if (s[0] == '[' && s[1] == '^') {
			const char *end = strchr(s, ']');
			if (end) {
				s = end + 1;
				continue;
			}
		}
		if (s[0] == '[') {
			const char *close = strchr(s, ']');
			if (close && close[1] == '(' && strchr(close, ')')) {
				buf_add(out, s + 1, (size_t)(close - s - 1));
				s = strchr(close, ')') + 1;
				continue;
			}
		}
		buf_addc(out, *s++);
	}
	return out->s;
}
