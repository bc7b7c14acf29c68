/* mustache.c - Mustache template parser and renderer over cJSON data.
 *
 * Parsing happens in three passes over a private copy of the source:
 *  1. tokenize: split the source into text tokens (each ends at a newline or a tag) and tag
 *     tokens, following set-delimiter tags as they come;
 *  2. mark_standalone: on every line holding exactly one non-interpolation tag and otherwise
 *     only spaces and tabs, drop the line's text (its indentation becomes a partial's indent);
 *  3. build: turn the remaining tokens into a flat node array where a section node records
 *     the index just past its content, checking that sections are closed properly.
 * Rendering walks the node array recursively with a context stack of cJSON values. */
#include "mustache.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define NPOS ((size_t)-1)

enum tok_type {
	T_TEXT,
	T_VAR,      /* {{x}} */
	T_RAW,      /* {{{x}}} or {{&x}} */
	T_SECTION,  /* {{#x}} */
	T_INVERTED, /* {{^x}} */
	T_CLOSE,    /* {{/x}} */
	T_PARTIAL,  /* {{>x}} */
	T_COMMENT,  /* {{!x}} */
	T_DELIM,    /* {{=a b=}} */
};

struct token {
	enum tok_type type;
	const char *s; /* text, or the tag's trimmed content */
	size_t len;
	unsigned line, col;
	bool drop;       /* text removed by the standalone rule */
	bool standalone; /* tag alone on its line */
	const char *indent; /* standalone partial: the whitespace before it */
	size_t indent_len;
};

struct node {
	enum tok_type type; /* T_TEXT, T_VAR, T_RAW, T_SECTION, T_INVERTED or T_PARTIAL */
	unsigned line, col;
	const char *text;   /* T_TEXT: points into the template's source */
	size_t len;
	char *name;         /* tags: the name, NUL-terminated, followed by its parts */
	const char *parts;  /* the dotted name's parts, each NUL-terminated */
	size_t nparts;      /* 0 for "." */
	bool standalone;    /* T_PARTIAL: indent applies */
	const char *indent; /* T_PARTIAL: points into the template's source */
	size_t indent_len;
	size_t end;         /* sections: index of the first node after the content */
};

struct mustache {
	char *src;
	size_t len;
	char *file;
	struct node *nodes;
	size_t n, alloc;
};

struct parser {
	const char *src;
	size_t len;
	const char *file;
	const char *otag, *ctag;
	size_t olen, clen;
	struct token *toks;
	size_t ntoks, atoks;
	size_t pos_off; /* position tracker: offset and its line/col */
	unsigned pos_line, pos_col;
	struct mustache_error *err;
};

/* ---------------------------------------------------------------- errors */

static void set_msg(struct mustache_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void set_msg(struct mustache_error *err, const char *fmt, ...)
{
	char tmp[sizeof(err->msg)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	memcpy(err->msg, tmp, sizeof(tmp));
}

static int parse_error(struct parser *p, unsigned line, unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int parse_error(struct parser *p, unsigned line, unsigned col, const char *fmt, ...)
{
	va_list ap;

	p->err->file = p->file;
	p->err->line = line;
	p->err->col = col;
	va_start(ap, fmt);
	vsnprintf(p->err->msg, sizeof(p->err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

/* ---------------------------------------------------------------- tokenizer */

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* First occurrence of needle in s[from, len), or NPOS. */
static size_t find(const char *s, size_t from, size_t len, const char *needle, size_t nlen)
{
	while (from < len && len - from >= nlen) {
		const char *c = memchr(s + from, needle[0], len - from - nlen + 1);
		if (!c)
			return NPOS;
		from = (size_t)(c - s);
		if (memcmp(c, needle, nlen) == 0)
			return from;
		from++;
	}
	return NPOS;
}

/* First position k >= from with s[k] == c followed by needle, or NPOS. */
static size_t find_after_char(const char *s, size_t from, size_t len, char c,
			      const char *needle, size_t nlen)
{
	for (size_t k = from; k < len; k++) {
		const char *x = memchr(s + k, c, len - k);
		if (!x)
			return NPOS;
		k = (size_t)(x - s);
		if (len - k - 1 >= nlen && memcmp(x + 1, needle, nlen) == 0)
			return k;
	}
	return NPOS;
}

/* Advance the position tracker to off (monotonic); columns count UTF-8 characters. */
static void advance(struct parser *p, size_t off)
{
	for (; p->pos_off < off; p->pos_off++) {
		unsigned char c = (unsigned char)p->src[p->pos_off];
		if (c == '\n') {
			p->pos_line++;
			p->pos_col = 1;
		} else if ((c & 0xC0) != 0x80) {
			p->pos_col++;
		}
	}
}

static struct token *add_token(struct parser *p, enum tok_type type, const char *s, size_t len)
{
	p->toks = xgrow(p->toks, sizeof(*p->toks), p->ntoks + 1, &p->atoks);
	struct token *t = &p->toks[p->ntoks++];
	memset(t, 0, sizeof(*t));
	t->type = type;
	t->s = s;
	t->len = len;
	return t;
}

/* Add s[from, to) as text tokens, each ending at a newline or at `to`, with their position
 * (an error found while writing text, such as the output limit, points at it). */
static void add_text(struct parser *p, size_t from, size_t to)
{
	while (from < to) {
		const char *nl = memchr(p->src + from, '\n', to - from);
		size_t end = nl ? (size_t)(nl - p->src) + 1 : to;
		if (from >= p->pos_off)
			advance(p, from);
		struct token *t = add_token(p, T_TEXT, p->src + from, end - from);
		if (from == p->pos_off) { /* text has a position for errors found while rendering it */
			t->line = p->pos_line;
			t->col = p->pos_col;
		}
		from = end;
	}
}

static void trim(const char **s, size_t *len)
{
	while (*len && is_space(**s)) {
		(*s)++;
		(*len)--;
	}
	while (*len && is_space((*s)[*len - 1]))
		(*len)--;
}

static bool has_space(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (is_space(s[i]))
			return true;
	return false;
}

/* A name is "." or dot-separated non-empty parts. */
static bool valid_dotted(const char *s, size_t len)
{
	if (len == 1 && s[0] == '.')
		return true;
	if (s[0] == '.' || s[len - 1] == '.')
		return false;
	for (size_t i = 1; i < len; i++)
		if (s[i] == '.' && s[i - 1] == '.')
			return false;
	return true;
}

/* Parse the set-delimiter content s[0, len) into the parser's delimiters. */
static int set_delimiters(struct parser *p, const char *s, size_t len, unsigned line,
			  unsigned col)
{
	const char *o = s, *c;
	size_t olen = 0, clen;

	trim(&o, &len);
	while (olen < len && !is_space(o[olen]))
		olen++;
	c = o + olen;
	clen = len - olen;
	trim(&c, &clen);
	if (!olen || !clen || has_space(c, clen))
		return parse_error(p, line, col,
				   "invalid set-delimiter tag: expected two delimiters separated "
				   "by whitespace, like %.*s=<%% %%>=%.*s",
				   (int)p->olen, p->otag, (int)p->clen, p->ctag);
	p->otag = o;
	p->olen = olen;
	p->ctag = c;
	p->clen = clen;
	return 0;
}

/* Scan the tag whose opening delimiter is at q; add its token and return the offset just
 * past it, or NPOS on error. */
static size_t scan_tag(struct parser *p, size_t q)
{
	const char *s = p->src;
	size_t len = p->len, i = q + p->olen, c, end;
	enum tok_type type = T_VAR;
	char sigil;

	advance(p, q);
	unsigned line = p->pos_line, col = p->pos_col;

	while (i < len && is_space(s[i]))
		i++;
	sigil = i < len ? s[i] : '\0';
	switch (sigil) {
	case '#': type = T_SECTION; break;
	case '^': type = T_INVERTED; break;
	case '/': type = T_CLOSE; break;
	case '>': type = T_PARTIAL; break;
	case '&': type = T_RAW; break;
	case '{': type = T_RAW; break;
	case '!': type = T_COMMENT; break;
	case '=': type = T_DELIM; break;
	default: sigil = '\0'; break;
	}
	if (sigil)
		i++;

	if (sigil == '=' || sigil == '{') {
		char closer = sigil == '=' ? '=' : '}';
		c = find_after_char(s, i, len, closer, p->ctag, p->clen);
		if (c == NPOS) {
			bool plain = find(s, i, len, p->ctag, p->clen) != NPOS;
			if (sigil == '=' && plain)
				parse_error(p, line, col,
					    "invalid set-delimiter tag: expected it to end with "
					    "=%.*s", (int)p->clen, p->ctag);
			else
				parse_error(p, line, col, "unclosed tag: no \"%c%.*s\" after "
					    "\"%.*s%c\"", closer, (int)p->clen, p->ctag,
					    (int)p->olen, p->otag, sigil);
			return NPOS;
		}
		end = c + 1 + p->clen;
	} else {
		c = find(s, i, len, p->ctag, p->clen);
		if (c == NPOS) {
			parse_error(p, line, col, "unclosed tag: no \"%.*s\" after \"%.*s\"",
				    (int)p->clen, p->ctag, (int)p->olen, p->otag);
			return NPOS;
		}
		end = c + p->clen;
	}

	const char *name = s + i;
	size_t nlen = c - i;
	trim(&name, &nlen);

	if (type == T_DELIM) {
		if (set_delimiters(p, name, nlen, line, col) < 0)
			return NPOS;
	} else if (type != T_COMMENT) {
		if (!nlen) {
			parse_error(p, line, col, "empty tag name");
			return NPOS;
		}
		if (has_space(name, nlen)) {
			parse_error(p, line, col, "invalid tag name \"%.*s\": contains whitespace",
				    (int)nlen, name);
			return NPOS;
		}
		if (type != T_PARTIAL && !valid_dotted(name, nlen)) {
			parse_error(p, line, col, "invalid name \"%.*s\": empty part in dotted "
				    "name", (int)nlen, name);
			return NPOS;
		}
	}
	struct token *t = add_token(p, type, name, nlen);
	t->line = line;
	t->col = col;
	return end;
}

static int tokenize(struct parser *p)
{
	size_t pos = 0;

	while (pos < p->len) {
		size_t q = find(p->src, pos, p->len, p->otag, p->olen);
		add_text(p, pos, q == NPOS ? p->len : q);
		if (q == NPOS)
			break;
		pos = scan_tag(p, q);
		if (pos == NPOS)
			return -1;
	}
	return 0;
}

/* ---------------------------------------------------------------- standalone lines */

static bool ends_line(const struct token *t)
{
	return t->type == T_TEXT && t->len && t->s[t->len - 1] == '\n';
}

/* Whether a text token is only spaces and tabs, plus its line ending. */
static bool blank_text(const struct token *t)
{
	size_t n = t->len;

	if (ends_line(t)) {
		n--;
		if (n && t->s[n - 1] == '\r')
			n--;
	}
	for (size_t i = 0; i < n; i++)
		if (t->s[i] != ' ' && t->s[i] != '\t')
			return false;
	return true;
}

static bool can_stand_alone(enum tok_type type)
{
	return type == T_SECTION || type == T_INVERTED || type == T_CLOSE ||
	       type == T_PARTIAL || type == T_COMMENT || type == T_DELIM;
}

static void mark_standalone(struct parser *p)
{
	size_t i = 0;

	while (i < p->ntoks) {
		size_t j, ntags = 0, tag = 0;
		bool blank = true;

		for (j = i; j < p->ntoks; j++) {
			struct token *t = &p->toks[j];
			if (t->type != T_TEXT) {
				ntags++;
				tag = j;
				continue;
			}
			if (!blank_text(t))
				blank = false;
			if (ends_line(t)) {
				j++;
				break;
			}
		}
		if (ntags == 1 && blank && can_stand_alone(p->toks[tag].type)) {
			struct token *t = &p->toks[tag];
			t->standalone = true;
			if (tag > i) {
				t->indent = p->toks[tag - 1].s;
				t->indent_len = p->toks[tag - 1].len;
			}
			for (size_t k = i; k < j; k++)
				if (p->toks[k].type == T_TEXT)
					p->toks[k].drop = true;
		}
		i = j;
	}
}

/* ---------------------------------------------------------------- tree */

static struct node *add_node(struct mustache *t, enum tok_type type, const struct token *tok)
{
	t->nodes = xgrow(t->nodes, sizeof(*t->nodes), t->n + 1, &t->alloc);
	struct node *n = &t->nodes[t->n++];
	memset(n, 0, sizeof(*n));
	n->type = type;
	n->line = tok->line;
	n->col = tok->col;
	return n;
}

/* Copy the name twice: as is, then with dots turned into NULs. */
static void set_name(struct node *n, const struct token *tok)
{
	n->name = xmalloc(2 * tok->len + 2);
	memcpy(n->name, tok->s, tok->len);
	n->name[tok->len] = '\0';
	char *parts = n->name + tok->len + 1;
	memcpy(parts, tok->s, tok->len);
	parts[tok->len] = '\0';
	n->parts = parts;
	if (tok->len == 1 && tok->s[0] == '.')
		return;
	n->nparts = 1;
	for (size_t i = 0; i < tok->len; i++) {
		if (parts[i] == '.') {
			parts[i] = '\0';
			n->nparts++;
		}
	}
}

static int build(struct parser *p, struct mustache *t)
{
	size_t open[MUSTACHE_MAX_NEST];
	size_t depth = 0;

	for (size_t i = 0; i < p->ntoks; i++) {
		const struct token *tok = &p->toks[i];
		struct node *n;

		switch (tok->type) {
		case T_TEXT:
			if (tok->drop || !tok->len)
				break;
			n = add_node(t, T_TEXT, tok);
			n->text = tok->s;
			n->len = tok->len;
			break;
		case T_VAR:
		case T_RAW:
		case T_PARTIAL:
			n = add_node(t, tok->type, tok);
			set_name(n, tok);
			n->standalone = tok->standalone;
			n->indent = tok->indent;
			n->indent_len = tok->indent_len;
			break;
		case T_SECTION:
		case T_INVERTED:
			if (depth == MUSTACHE_MAX_NEST)
				return parse_error(p, tok->line, tok->col,
						   "sections nested deeper than %d",
						   MUSTACHE_MAX_NEST);
			open[depth++] = t->n;
			n = add_node(t, tok->type, tok);
			set_name(n, tok);
			break;
		case T_CLOSE:
			if (!depth)
				return parse_error(p, tok->line, tok->col,
						   "unexpected {{/%.*s}}: no section is open",
						   (int)tok->len, tok->s);
			n = &t->nodes[open[depth - 1]];
			if (strlen(n->name) != tok->len || memcmp(n->name, tok->s, tok->len))
				return parse_error(p, tok->line, tok->col,
						   "expected {{/%s}}, found {{/%.*s}}", n->name,
						   (int)tok->len, tok->s);
			n->end = t->n;
			depth--;
			break;
		case T_COMMENT:
		case T_DELIM:
			break;
		}
	}
	if (depth) {
		const struct node *n = &t->nodes[open[depth - 1]];
		return parse_error(p, n->line, n->col, "unclosed section {{%c%s}}",
				   n->type == T_SECTION ? '#' : '^', n->name);
	}
	return 0;
}

/* Parse a template; see mustache.h. */
struct mustache *mustache_parse(const char *src, size_t len, const char *file,
				struct mustache_error *err)
{
	struct mustache_error dummy;
	struct mustache *t = xcalloc(1, sizeof(*t));
	struct parser p = {
		.otag = "{{", .olen = 2, .ctag = "}}", .clen = 2,
		.pos_line = 1, .pos_col = 1,
	};
	bool ok = false;

	if (!err)
		err = &dummy;
	memset(err, 0, sizeof(*err));
	if (!file)
		file = "<template>";
	t->src = xmalloc(len + 1);
	if (len)
		memcpy(t->src, src, len);
	t->src[len] = '\0';
	t->len = len;
	t->file = xstrdup(file);
	p.src = t->src;
	p.len = len;
	p.file = file;
	p.err = err;

	if (tokenize(&p) < 0)
		goto out;
	mark_standalone(&p);
	if (build(&p, t) < 0)
		goto out;
	ok = true;
out:
	free(p.toks);
	if (!ok) {
		mustache_free(t);
		t = NULL;
	}
	return t;
}

/* Free a template; see mustache.h. */
void mustache_free(struct mustache *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++)
		free(t->nodes[i].name);
	free(t->nodes);
	free(t->src);
	free(t->file);
	free(t);
}

/* ---------------------------------------------------------------- partial cache */

struct pentry {
	char *name;          /* NULL: free slot */
	struct mustache *t;  /* NULL: partial not found */
};

struct pcache {
	struct pentry *v;
	size_t cap, n;
};

static size_t hash_str(const char *s)
{
	size_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* The slot holding name, or the free slot where it belongs. */
static struct pentry *pcache_slot(struct pcache *c, const char *name)
{
	size_t i = hash_str(name) & (c->cap - 1);

	while (c->v[i].name && strcmp(c->v[i].name, name) != 0)
		i = (i + 1) & (c->cap - 1);
	return &c->v[i];
}

static struct pentry *pcache_get(struct pcache *c, const char *name)
{
	if (!c->cap)
		return NULL;
	struct pentry *e = pcache_slot(c, name);
	return e->name ? e : NULL;
}

static void pcache_put(struct pcache *c, const char *name, struct mustache *t)
{
	if (2 * (c->n + 1) > c->cap) {
		struct pcache nc = { xcalloc(c->cap ? 2 * c->cap : 16, sizeof(*nc.v)),
				     c->cap ? 2 * c->cap : 16, c->n };
		for (size_t i = 0; i < c->cap; i++)
			if (c->v[i].name)
				*pcache_slot(&nc, c->v[i].name) = c->v[i];
		free(c->v);
		*c = nc;
	}
	struct pentry *e = pcache_slot(c, name);
	e->name = xstrdup(name);
	e->t = t;
	c->n++;
}

static void pcache_free(struct pcache *c)
{
	for (size_t i = 0; i < c->cap; i++) {
		free(c->v[i].name);
		mustache_free(c->v[i].t);
	}
	free(c->v);
}

/* ---------------------------------------------------------------- rendering */

struct rctx {
	const struct mustache *top;
	mustache_partial_fn partial;
	void *partial_ctx;
	mustache_escape_fn esc;
	struct buf *out;
	struct mustache_error *err;
	bool located;       /* err's file/line/col are final */
	const cJSON **stack;
	size_t nstack, astack;
	struct buf indent;  /* indentation of the partial being rendered */
	bool bol;           /* output is at the start of a template line */
	unsigned depth;     /* sections and partials being rendered */
	unsigned pdepth;    /* partials being rendered */
	unsigned long steps; /* template nodes visited, at most MUSTACHE_MAX_STEPS */
	struct pcache cache;
};

static int render_range(struct rctx *r, const struct mustache *t, size_t from, size_t to);

static int render_error(struct rctx *r, const struct mustache *t, const struct node *n,
			const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Report an error at node n of template t. Inside a partial, the position goes into the
 * message and the location is filled in by the top-level tag that included the partial. */
static int render_error(struct rctx *r, const struct mustache *t, const struct node *n,
			const char *fmt, ...)
{
	char tmp[sizeof(r->err->msg)];
	va_list ap;

	if (r->located)
		return -1;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	r->err->file = r->top->file;
	if (t == r->top) {
		r->err->line = n->line;
		r->err->col = n->col;
		set_msg(r->err, "%s", tmp);
		r->located = true;
	} else {
		set_msg(r->err, "partial \"%s\" %u:%u: %s", t->file, n->line, n->col, tmp);
	}
	return -1;
}

static void push(struct rctx *r, const cJSON *v)
{
	r->stack = xgrow(r->stack, sizeof(*r->stack), r->nstack + 1, &r->astack);
	r->stack[r->nstack++] = v;
}

/* Resolve a node's name against the context stack; NULL when missing. */
static const cJSON *lookup(const struct rctx *r, const struct node *n)
{
	const char *part = n->parts;
	const cJSON *v = NULL;

	if (!n->nparts)
		return r->stack[r->nstack - 1];
	for (size_t k = r->nstack; k-- > 0;) {
		if (cJSON_IsObject(r->stack[k])) {
			v = cJSON_GetObjectItemCaseSensitive(r->stack[k], part);
			if (v)
				break;
		}
	}
	for (size_t i = 1; i < n->nparts && v; i++) {
		part += strlen(part) + 1;
		v = cJSON_IsObject(v) ? cJSON_GetObjectItemCaseSensitive(v, part) : NULL;
	}
	return v;
}

static bool truthy(const cJSON *v)
{
	if (!v || cJSON_IsFalse(v) || cJSON_IsNull(v) || cJSON_IsInvalid(v))
		return false;
	if (cJSON_IsNumber(v))
		return v->valuedouble != 0 && v->valuedouble == v->valuedouble;
	if (cJSON_IsString(v) || cJSON_IsRaw(v))
		return v->valuestring && v->valuestring[0];
	if (cJSON_IsArray(v))
		return v->child != NULL;
	return true;
}

/* Integral numbers without decimals, others in the shortest form that reads back exactly. */
static void format_number(double d, char *s, size_t size)
{
	const double two53 = 9007199254740992.0;

	if (d == 0) {
		snprintf(s, size, "0");
		return;
	}
	if ((d > -two53 && d < two53 && d == (double)(long long)d) ||
	    (d >= two53 && d < 1e21) || (d <= -two53 && d > -1e21)) {
		snprintf(s, size, "%.0f", d);
		return;
	}
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(s, size, "%.*g", prec, d);
		if (strtod(s, NULL) == d)
			break;
	}
	for (; *s; s++)
		if (*s == ',')
			*s = '.'; /* a locale's decimal comma */
}

static void emit_indent(struct rctx *r)
{
	if (r->bol && r->indent.len)
		buf_add(r->out, r->indent.s, r->indent.len);
}

static void emit_value(struct rctx *r, const cJSON *v, bool escape)
{
	char num[64];
	char *json = NULL;
	const char *s;

	if (!v || cJSON_IsNull(v) || cJSON_IsInvalid(v))
		return;
	if (cJSON_IsString(v) || cJSON_IsRaw(v)) {
		s = v->valuestring ? v->valuestring : "";
	} else if (cJSON_IsNumber(v)) {
		format_number(v->valuedouble, num, sizeof(num));
		s = num;
	} else if (cJSON_IsBool(v)) {
		s = cJSON_IsTrue(v) ? "true" : "false";
	} else {
		json = cJSON_PrintUnformatted(v);
		s = json ? json : "";
	}
	if (!*s)
		goto out;
	emit_indent(r);
	r->bol = false;
	if (!escape)
		buf_adds(r->out, s);
	else if (r->esc)
		r->esc(r->out, s);
	else
		buf_add_html(r->out, s);
out:
	if (json)
		cJSON_free(json);
}

/* Find partial n->name in the cache, loading and parsing it on first use. *pt is NULL when
 * the partial does not exist. */
static int get_partial(struct rctx *r, const struct mustache *t, const struct node *n,
		       const struct mustache **pt)
{
	struct mustache_error cerr, perr;
	struct pentry *e = pcache_get(&r->cache, n->name);
	struct mustache *parsed = NULL;
	char *src = NULL;
	size_t len = 0;
	int rc;

	if (e) {
		*pt = e->t;
		return 0;
	}
	memset(&cerr, 0, sizeof(cerr));
	rc = r->partial ? r->partial(r->partial_ctx, n->name, &src, &len, &cerr) : 1;
	if (rc < 0) {
		if (cerr.file) {
			*r->err = cerr;
			r->located = true;
		} else if (cerr.msg[0]) {
			render_error(r, t, n, "%s", cerr.msg);
		} else {
			render_error(r, t, n, "cannot load partial \"%s\"", n->name);
		}
		goto out;
	}
	if (rc == 0) {
		parsed = mustache_parse(src ? src : "", src ? len : 0, n->name, &perr);
		if (!parsed) {
			rc = render_error(r, t, n, "partial \"%s\" %u:%u: %s", n->name, perr.line,
					  perr.col, perr.msg);
			goto out;
		}
	}
	pcache_put(&r->cache, n->name, parsed);
	*pt = parsed;
	rc = 0;
out:
	free(src);
	return rc < 0 ? -1 : 0;
}

static int render_partial(struct rctx *r, const struct mustache *t, const struct node *n)
{
	const struct mustache *pt = NULL;
	size_t old_indent = r->indent.len;
	int rc = -1;

	if (r->pdepth >= MUSTACHE_MAX_PARTIAL_DEPTH) {
		render_error(r, t, n, "partials nested deeper than %d (recursive partial "
			     "\"%s\"?)", MUSTACHE_MAX_PARTIAL_DEPTH, n->name);
		goto out;
	}
	if (get_partial(r, t, n, &pt) < 0)
		goto out;
	if (n->standalone) {
		buf_add(&r->indent, n->indent, n->indent_len);
		r->bol = true;
	}
	rc = 0;
	if (pt) {
		r->pdepth++;
		r->depth++;
		rc = render_range(r, pt, 0, pt->n);
		r->depth--;
		r->pdepth--;
	}
	if (n->standalone) {
		r->indent.len = old_indent;
		if (r->indent.alloc)
			r->indent.s[old_indent] = '\0';
		r->bol = true;
	}
out:
	if (rc < 0 && t == r->top && !r->located) {
		r->err->file = r->top->file;
		r->err->line = n->line;
		r->err->col = n->col;
		r->located = true;
	}
	return rc;
}

static int render_section(struct rctx *r, const struct mustache *t, size_t i)
{
	const struct node *n = &t->nodes[i];
	const cJSON *v = lookup(r, n);
	int rc = 0;

	if (n->type == T_INVERTED) {
		if (truthy(v))
			return 0;
	} else if (!truthy(v)) {
		return 0;
	}
	if (r->depth >= MUSTACHE_MAX_DEPTH)
		return render_error(r, t, n, "sections and partials nested deeper than %d",
				    MUSTACHE_MAX_DEPTH);
	r->depth++;
	if (n->type == T_INVERTED) {
		rc = render_range(r, t, i + 1, n->end);
	} else if (cJSON_IsArray(v)) {
		for (const cJSON *e = v->child; e && rc == 0; e = e->next) {
			push(r, e);
			rc = render_range(r, t, i + 1, n->end);
			r->nstack--;
		}
	} else {
		push(r, v);
		rc = render_range(r, t, i + 1, n->end);
		r->nstack--;
	}
	r->depth--;
	return rc;
}

static int render_range(struct rctx *r, const struct mustache *t, size_t from, size_t to)
{
	size_t i = from;

	while (i < to) {
		const struct node *n = &t->nodes[i];
		size_t next = i + 1;

		if (++r->steps > MUSTACHE_MAX_STEPS)
			return render_error(r, t, n, "rendering takes more than %lu steps (sections "
					    "nested over lists?)", MUSTACHE_MAX_STEPS);
		switch (n->type) {
		case T_TEXT:
			emit_indent(r);
			buf_add(r->out, n->text, n->len);
			r->bol = n->text[n->len - 1] == '\n';
			break;
		case T_VAR:
		case T_RAW:
			emit_value(r, lookup(r, n), n->type == T_VAR);
			break;
		case T_SECTION:
		case T_INVERTED:
			if (render_section(r, t, i) < 0)
				return -1;
			next = n->end;
			break;
		case T_PARTIAL:
			if (render_partial(r, t, n) < 0)
				return -1;
			break;
		default:
			break;
		}
		if (r->out->overflow)
			return render_error(r, t, n, "output exceeds the limit of %zu bytes (sections that multiply the output?)",
					    r->out->limit);
		i = next;
	}
	return 0;
}

/* Render a template; see mustache.h. */
int mustache_render(const struct mustache *t, const cJSON *data, mustache_partial_fn partial,
		    void *partial_ctx, mustache_escape_fn esc, struct buf *out,
		    struct mustache_error *err)
{
	struct mustache_error dummy;
	struct rctx r = {
		.top = t, .partial = partial, .partial_ctx = partial_ctx, .esc = esc,
		.out = out, .bol = true,
	};
	int rc = -1;

	if (!err)
		err = &dummy;
	memset(err, 0, sizeof(*err));
	r.err = err;
	buf_init(&r.indent, 0);
	if (!t) {
		err->file = "<template>";
		set_msg(err, "no template");
		goto out;
	}
	push(&r, data);
	size_t limit = out->limit;
	if (!limit)
		out->limit = out->len + MUSTACHE_MAX_OUTPUT;
	rc = render_range(&r, t, 0, t->n);
	out->limit = limit;
out:
	free(r.stack);
	buf_release(&r.indent);
	pcache_free(&r.cache);
	return rc;
}

void mustache_each_partial(const struct mustache *t,
			   void (*fn)(void *ctx, const char *name, unsigned line, unsigned col),
			   void *ctx)
{
	for (size_t i = 0; t && i < t->n; i++)
		if (t->nodes[i].type == T_PARTIAL)
			fn(ctx, t->nodes[i].name, t->nodes[i].line, t->nodes[i].col);
}
