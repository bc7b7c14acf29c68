/* present.c - verdict marks and evidence in JSON. */
#include "present.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"
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
		while (j > 0 && strcmp(node_keys(n)[idx[j - 1]], node_keys(n)[i]) > 0) {
			idx[j] = idx[j - 1];
			j--;
		}
		idx[j] = i;
	}
	jw_obj(w);
	for (uint32_t i = 0; i < n->n; i++) {
		jw_key(w, node_keys(n)[idx[i]]);
		jw_value(w, n->kids[idx[i]], t ? schema_child(t, node_keys(n)[idx[i]], NULL) : NULL);
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

enum tone placement_tone(const struct messenger_result *r)
{
	return r->placement ? TONE_HEAD
	       : r->undetermined || r->moved || r->added_later || r->not_listed ? TONE_UNKNOWN : TONE_FAIL;
}

/* The metadata of the fact that took r off the page (moved, added later, discontinued or not
 * listed), or NULL. */
const struct fact_meta *placement_meta(const struct messenger_result *r)
{
	const struct node *n = r->discontinued ? r->discontinued : r->moved ? r->moved
			     : r->added_later ? r->added_later : r->not_listed;
	const struct node *dt = node_get(n, "date");
	return dt && dt->meta ? dt->meta : n ? n->meta : NULL;
}

const char *placement_source(const struct messenger_result *r)
{
	const struct fact_meta *fm = placement_meta(r);
	return fm ? fm->source : NULL;
}

static void list_criteria(struct buf *b, const struct crit_result *const *rs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		buf_addf(b, "%s%s (%s)", i == 0 ? "" : i + 1 == n ? " and " : ", ", rs[i]->crit->id,
			 level_name(rs[i]->crit->level));
}

void placement_reason(struct buf *b, const struct criteria *c, const struct messenger_result *r)
{
	const struct crit_result **rs = xcalloc(c->ncrit + 1, sizeof(*rs));
	size_t n = eval_placement_reasons(c, r, rs, c->ncrit);
	if (r->discontinued) {
		buf_addf(b, "discontinued on %s: no longer offered, so never recommended, whatever its results",
			 node_str(r->discontinued, "date"));
		free(rs);
		return;
	}
	if (r->added_later) {
		buf_addf(b, "added to this page on %s, after these criteria took effect on %s: "
			    "the version's page is the guide's page as they took effect; this is not a failed criterion",
			 node_str(r->added_later, "date"), c->effective);
		free(rs);
		return;
	}
	if (r->moved) {
		buf_addf(b, "moved to another category (%s) on %s, before these criteria took effect on %s; "
			    "this is not a failed criterion", node_str(r->moved, "to"),
			 node_str(r->moved, "date"), c->effective);
		free(rs);
		return;
	}
	buf_adds(b, placement_name(r));
	if (r->not_listed && r->meets) {
		buf_addf(b, ": meets the %zu criteri%s section %s reads, but the guide does not list it on "
			    "this page; an editorial choice, not a failed criterion", n, n == 1 ? "on" : "a",
			 r->meets->id);
	} else if (r->not_listed) {
		buf_adds(b, ": the guide does not list it on this page (an editorial choice, not a failed "
			    "criterion); whether it meets the criteria depends on ");
		list_criteria(b, rs, n);
		buf_adds(b, n == 1 ? ", which is unknown" : ", which are unknown");
	} else if (r->undetermined) {
		buf_adds(b, ": ");
		size_t total = 0, shown = 0;
		for (size_t s = 0; s <= c->nsections; s++)
			total += (r->candidates >> s) & 1;
		for (size_t s = 0; s <= c->nsections; s++) {
			if (!(r->candidates & (UINT64_C(1) << s)))
				continue;
			const char *sep = shown == 0 ? "" : shown + 1 == total ? " or " : ", ";
			buf_addf(b, "%s%s", sep, s < c->nsections ? c->sections[s].id : "excluded");
			shown++;
		}
		buf_adds(b, ", depending on ");
		list_criteria(b, rs, n);
		buf_adds(b, n == 1 ? ", which is unknown" : ", which are unknown");
	} else if (!r->placement) {
		/* what it fails, then what is not known (which decides nothing: a failure excludes) */
		const struct crit_result **fails = xcalloc(n + 1, sizeof(*fails));
		const struct crit_result **unknown = xcalloc(n + 1, sizeof(*unknown));
		size_t nf = 0, nu = 0;
		for (size_t i = 0; i < n; i++) {
			if (rs[i]->verdict == V_UNKNOWN)
				unknown[nu++] = rs[i];
			else
				fails[nf++] = rs[i];
		}
		if (nf) {
			buf_adds(b, ": fails ");
			list_criteria(b, fails, nf);
		}
		if (nu) {
			buf_adds(b, nf ? "; unknown: " : ": unknown: ");
			list_criteria(b, unknown, nu);
		}
		free(fails);
		free(unknown);
	} else if (r->placement_index > 0) {
		buf_adds(b, ": not ");
		for (size_t s = 0; s < r->placement_index; s++)
			buf_addf(b, "%s%s", s ? " or " : "", c->sections[s].id);
		buf_adds(b, " because of ");
		list_criteria(b, rs, n);
	} else {
		buf_addf(b, ": meets the %zu criteri%s its section reads", n, n == 1 ? "on" : "a");
	}
	free(rs);
}

void jw_placement(struct jsonw *w, const struct criteria *c, const struct messenger_result *r)
{
	const struct crit_result **rs = xcalloc(c->ncrit + 1, sizeof(*rs));
	size_t n = eval_placement_reasons(c, r, rs, c->ncrit);
	struct buf reason = BUF_INIT;
	placement_reason(&reason, c, r);
	jw_obj(w);
	if (r->undetermined) {
		jw_key(w, "candidates");
		jw_arr(w);
		for (size_t s = 0; s <= c->nsections; s++)
			if (r->candidates & (UINT64_C(1) << s))
				jw_str(w, s < c->nsections ? c->sections[s].id : "excluded");
		jw_arr_end(w);
	}
	jw_kstr(w, "criteria", criteria_spec(c));
	if (r->moved) {
		jw_key(w, "moved");
		jw_obj(w);
		jw_kstr(w, "date", node_str(r->moved, "date"));
		jw_kstr(w, "source", placement_source(r));
		jw_kstr(w, "to", node_str(r->moved, "to"));
		jw_obj_end(w);
	}
	if (r->added_later) {
		jw_key(w, "added");
		jw_obj(w);
		jw_kstr(w, "date", node_str(r->added_later, "date"));
		jw_kstr(w, "source", placement_source(r));
		jw_obj_end(w);
	}
	if (r->not_listed) {
		jw_key(w, "not-listed");
		jw_obj(w);
		jw_kstr(w, "meets", r->meets ? r->meets->id : NULL);
		const struct fact_meta *pm = placement_meta(r);
		if (pm && pm->note)
			jw_kstr(w, "note", pm->note);
		jw_kstr(w, "source", placement_source(r));
		jw_obj_end(w);
	}
	if (r->discontinued) {
		jw_key(w, "discontinued");
		jw_obj(w);
		jw_kstr(w, "date", node_str(r->discontinued, "date"));
		jw_kstr(w, "source", placement_source(r));
		jw_obj_end(w);
	}
	jw_key(w, "deciding");
	jw_arr(w);
	for (size_t i = 0; i < n; i++)
		jw_crit_result(w, rs[i]);
	jw_arr_end(w);
	jw_kstr(w, "placement", placement_name(r));
	jw_kstr(w, "reason", reason.s);
	jw_obj_end(w);
	buf_release(&reason);
	free(rs);
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

const char *terminal_text(struct buf *out, const char *md)
{
	const char *s = md;
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
			const char *paren = close && close[1] == '(' ? strchr(close, ')') : NULL;
			if (paren) {
				/* the text (itself free of marks), then the destination */
				struct buf text = BUF_INIT;
				buf_add(&text, s + 1, (size_t)(close - s - 1));
				terminal_text(out, text.s);
				buf_release(&text);
				buf_adds(out, " (");
				buf_add(out, close + 2, (size_t)(paren - close - 2));
				buf_addc(out, ')');
				s = paren + 1;
				continue;
			}
		}
		/* ** and __ around words, * and _ at a word's edge, ` around code */
		if ((s[0] == '*' && s[1] == '*') || (s[0] == '_' && s[1] == '_')) {
			s += 2;
			continue;
		}
		if (*s == '`' || ((*s == '*' || *s == '_') &&
				  (s[1] == '\0' || s[1] == ' ' || s[1] == '.' || s[1] == ',' ||
				   s == md || s[-1] == ' ' || s[-1] == '\n' || s[-1] == '('))) {
			s++;
			continue;
		}
		if (*s == '\\' && s[1] && strchr("\\`*_[]{}()#+-.!|<>", s[1])) {
			buf_addc(out, s[1]);
			s += 2;
			continue;
		}
		buf_addc(out, (unsigned char)*s < ' ' && *s != '\n' ? ' ' : *s);
		s++;
	}
	return out->s;
}
