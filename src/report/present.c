/* present.c - verdict marks and evidence in JSON. */
#include "present.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"
#include "util.h"

const char *verdict_mark(enum verdict v)
{
	static const char *const marks[] = {"✘ fail", "? unknown", "✔ pass", "– n/a"};
	return marks[v];
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

static bool plain_int(const struct node *n)
{
	const char *p = n->str + (n->str[0] == '-');
	return n->plain && *p && strlen(p) <= 15 && strspn(p, "0123456789") == strlen(p);
}

static void jw_scalar(struct jsonw *w, const struct node *n, const struct stype *t)
{
	enum stype_kind k = t ? t->kind : ST_STRING;
	if (t ? k == ST_BOOL : n->plain && (!strcmp(n->str, "true") || !strcmp(n->str, "false")))
		jw_bool(w, n->str[0] == 't');
	else if (t ? k == ST_INT && plain_int(n) : plain_int(n))
		jw_int(w, strtol(n->str, NULL, 10));
	else
		jw_str(w, n->str);
}

static void jw_map(struct jsonw *w, const struct node *n, const struct stype *t)
{
	/* keys in sorted order */
	uint32_t *idx = xcalloc(n->n + 1, sizeof(*idx));
	for (uint32_t i = 0; i < n->n; i++) {
		uint32_t j = i;
		while (j > 0 && strcmp(n->keys[idx[j - 1]], n->keys[i]) > 0) {
			idx[j] = idx[j - 1];
			j--;
		}
		idx[j] = i;
	}
	jw_obj(w);
	for (uint32_t i = 0; i < n->n; i++) {
		jw_key(w, n->keys[idx[i]]);
		jw_value(w, n->kids[idx[i]], t ? schema_child(t, n->keys[idx[i]], NULL) : NULL);
	}
	jw_obj_end(w);
	free(idx);
}

void jw_value(struct jsonw *w, const struct node *v, const struct stype *t)
{
	if (!v) {
		jw_null(w);
		return;
	}
	switch (v->type) {
	case NODE_SCALAR:
		jw_scalar(w, v, t);
		break;
	case NODE_SEQ:
		jw_arr(w);
		for (uint32_t i = 0; i < v->n; i++)
			jw_value(w, v->kids[i], t && t->kind == ST_LIST ? t->item : NULL);
		jw_arr_end(w);
		break;
	case NODE_MAP:
		jw_map(w, v, t && (t->kind == ST_MAP || t->kind == ST_KEYMAP) ? t : NULL);
		break;
	}
}

void jw_node(struct jsonw *w, const struct node *n)
{
	jw_value(w, n, NULL);
}

void jw_observation(struct jsonw *w, const struct observation *o, const struct stype *t)
{
	jw_obj(w);
	if (o->reason)
		jw_kstr(w, "error", o->reason);
	jw_kstr(w, "observed", o->observed);
	jw_kstr(w, "probe", o->probe);
	jw_kstr(w, "source", o->source);
	if (o->value) {
		jw_key(w, "value");
		jw_value(w, o->value, t);
	}
	jw_obj_end(w);
}

void jw_fact(struct jsonw *w, const struct fact *f)
{
	jw_obj(w);
	jw_kstr(w, "checked", f->meta ? f->meta->checked : NULL);
	jw_kstr(w, "fact", f->path);
	jw_kstr(w, "file", f->file);
	jw_key(w, "line");
	if (f->line)
		jw_int(w, f->line);
	else
		jw_null(w);
	if (f->meta && f->meta->note)
		jw_kstr(w, "note", f->meta->note);
	if (f->obs) {
		jw_key(w, "observation");
		jw_observation(w, f->obs, f->type);
	}
	jw_kstr(w, "source", f->meta ? f->meta->source : NULL);
	jw_kstr(w, "status", obs_status_name(f->status));
	jw_key(w, "value");
	jw_value(w, f->value, f->type);
	jw_obj_end(w);
}

void jw_crit_result(struct jsonw *w, const struct crit_result *cr)
{
	jw_obj(w);
	jw_kstr(w, "criterion", cr->crit->id);
	jw_key(w, "evidence");
	jw_arr(w);
	for (size_t j = 0; j < cr->nev; j++)
		jw_fact(w, &cr->ev[j]);
	jw_arr_end(w);
	jw_kstr(w, "level", level_name(cr->crit->level));
	jw_kstr(w, "result", verdict_name(cr->verdict));
	jw_kstr(w, "status", obs_status_name(cr->status));
	jw_obj_end(w);
}

void jw_counts(struct jsonw *w, const struct messenger_result *r)
{
	static const char *const names[2] = {"best-case", "minimum"};
	jw_obj(w);
	for (int i = 0; i < 2; i++) {
		const struct level_counts *c = &r->count[i == 0 ? 1 : 0];
		jw_key(w, names[i]);
		jw_obj(w);
		jw_key(w, "met");
		jw_int(w, (long)c->met);
		jw_key(w, "total");
		jw_int(w, (long)c->total);
		jw_key(w, "unknown");
		jw_int(w, (long)c->unknown);
		jw_obj_end(w);
	}
	jw_obj_end(w);
}

struct facts_json {
	struct jsonw *w;
};

static void fact_json(void *ctx, const struct fact *f)
{
	jw_fact(((struct facts_json *)ctx)->w, f);
}

void jw_messenger_facts(struct jsonw *w, const struct factsrc *fs, const struct messenger *m)
{
	struct arena a = ARENA_INIT;
	struct facts_json ctx = {w};
	jw_arr(w);
	fact_walk(fs, m, &a, fact_json, &ctx);
	jw_arr_end(w);
	arena_release(&a);
}

const char *fact_text(struct buf *b, const struct fact *f)
{
	if (f->value)
		fact_value_text(b, f->value);
	else
		buf_adds(b, "(missing)");
	return b->s;
}

const char *criteria_spec(const struct criteria *c)
{
	static char spec[160];
	snprintf(spec, sizeof(spec), "%s@%s", c->category, c->version);
	return spec;
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
