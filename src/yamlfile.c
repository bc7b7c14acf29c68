/* yamlfile.c - strict YAML to node trees with libyaml's event parser.
 *
 * Beyond what yamlfile.h lists, this also refuses any tag (even the non-specific '!', which
 * would make `! true` a string), empty keys and control characters produced by escapes (tab,
 * LF and CR excepted), and skips a leading UTF-8 byte order mark.
 *
 * Positions: lines as libyaml counts them (LF, CRLF, CR, NEL, LS, PS), columns in characters.
 * A map value that is a collection starting on a later line than its key takes the key's
 * position, so errors about it point at the key. libyaml's syntax errors are reworded to say
 * what was found and what was expected, at the place to fix (an unclosed quote points at the
 * opening quote). */
#include "yamlfile.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

#include "buf.h"
#include "util.h"

#define INTERN_SLOTS 1024 /* a power of two */
#define INTERN_MAX 32     /* bytes: longer strings are copied each time */

struct reader {
	yaml_parser_t parser;
	struct arena *arena;
	struct diag *diag;
	struct yaml_limits lim;
	const char *file; /* arena copy */
	const char *data;
	size_t len;
	int failed;
	/* scratch stacks shared by nested collections: a collection pushes its items above
	 * the current top and pops them when it copies them into the arena */
	struct node **items;
	size_t nitems, items_alloc;
	struct key *keys;
	size_t nkeys, keys_alloc;
	/* the short strings of this file, each copied into the arena once: keys and values
	 * repeat (value, source, checked, true, a date) */
	const char *interned[INTERN_SLOTS];
	size_t ninterned;
};

/* Length of the line break at s (YAML 1.1: LF, CR LF, CR, NEL, LS, PS), 0 when none. */
static size_t break_len(const char *s, size_t left)
{
	const unsigned char *u = (const unsigned char *)s;
	if (u[0] == '\n')
		return 1;
	if (u[0] == '\r')
		return left > 1 && u[1] == '\n' ? 2 : 1;
	if (left > 1 && u[0] == 0xC2 && u[1] == 0x85)
		return 2;
	if (left > 2 && u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0xA8 || u[2] == 0xA9))
		return 3;
	return 0;
}

/* Line and column (1-based, columns in characters, lines as libyaml counts them) of a byte
 * offset. */
static void pos_of(const struct reader *r, size_t offset, unsigned *line, unsigned *col)
{
	unsigned l = 1, c = 1;
	size_t i = 0;
	while (i < offset && i < r->len) {
		size_t b = break_len(r->data + i, r->len - i);
		if (b) {
			l++;
			c = 1;
			i += b;
			continue;
		}
		if (((unsigned char)r->data[i] & 0xC0) != 0x80)
			c++;
		i++;
	}
	*line = l;
	*col = c;
}

/* Byte offset of a libyaml mark (whose index counts characters, not bytes); len at the end. */
static size_t offset_of(const struct reader *r, yaml_mark_t m)
{
	size_t i = 0, line = 0;
	while (line < m.line && i < r->len) {
		size_t b = break_len(r->data + i, r->len - i);
		if (b) {
			line++;
			i += b;
		} else {
			i++;
		}
	}
	for (size_t c = 0; c < m.column && i < r->len; c++) {
		i++;
		while (i < r->len && ((unsigned char)r->data[i] & 0xC0) == 0x80)
			i++;
	}
	return i;
}

/* What the file holds at a mark, for "found ..." in messages: "the end of the file", "a list
 * item '-'" or a short quoted excerpt. */
static const char *found_at(const struct reader *r, yaml_mark_t m, char *out, size_t outlen)
{
	size_t i = offset_of(r, m);
	while (i < r->len && r->data[i] == ' ')
		i++;
	if (i >= r->len) {
		snprintf(out, outlen, "the end of the file");
		return out;
	}
	const char *s = r->data + i;
	size_t left = r->len - i;
	if (break_len(s, left)) {
		snprintf(out, outlen, "the end of the line");
		return out;
	}
	if (s[0] == '-' && (left == 1 || s[1] == ' ' || break_len(s + 1, left - 1))) {
		snprintf(out, outlen, "a list item '-'");
		return out;
	}
	size_t n = 0;
	if (strchr(",[]{}:#&*!|>'\"%@`?", s[0])) {
		n = 1;
	} else {
		while (n < left && n < 30 && s[n] != ' ' && s[n] != '\t' && !break_len(s + n, left - n) &&
		       !strchr(",[]{}", s[n]) && !(s[n] == ':' && (n + 1 == left || s[n + 1] == ' ')))
			n++;
		while (n < left && ((unsigned char)s[n] & 0xC0) == 0x80) /* whole characters */
			n++;
	}
	snprintf(out, outlen, "'%.*s'", (int)n, s);
	return out;
}

static void error_at_mark(struct reader *r, yaml_mark_t m, const char *fmt, const char *arg)
{
	char msg[512];
	snprintf(msg, sizeof(msg), fmt, arg);
	diag_add(r->diag, r->file, (unsigned)m.line + 1, (unsigned)m.column + 1, "%s", msg);
	r->failed = 1;
}

static bool has(const char *s, const char *what)
{
	return s && strstr(s, what);
}

/* Turn libyaml's scanner and parser errors into messages that say what was found and what
 * was expected, at the place to fix. */
static void syntax_error(struct reader *r)
{
	yaml_parser_t *p = &r->parser;
	yaml_mark_t pm = p->problem_mark, cm = p->context_mark;
	unsigned pl = (unsigned)pm.line + 1, pc = (unsigned)pm.column + 1;
	unsigned cl = (unsigned)cm.line + 1, cc = (unsigned)cm.column + 1;
	const char *problem = p->problem ? p->problem : "unexpected input";
	const char *context = p->context;
	char found[64];
	size_t off = offset_of(r, pm);
	if (off < r->len && r->data[off] == '\t') {
		diag_add(r->diag, r->file, pl, pc,
			 "tab character where YAML expects spaces: indent with spaces");
	} else if (has(context, "scanning a quoted scalar")) {
		/* point at the opening quote: the string runs on to where libyaml gave up */
		size_t qo = offset_of(r, cm);
		const char *q = qo < r->len && r->data[qo] == '\'' ? "\"'\"" : "'\"'";
		if (has(problem, "end of stream"))
			diag_add(r->diag, r->file, cl, cc,
				 "YAML syntax error: quoted string is not closed: expected a closing %s, found the end of the file",
				 q);
		else if (has(problem, "document indicator"))
			diag_add(r->diag, r->file, cl, cc,
				 "YAML syntax error: quoted string is not closed: expected a closing %s, found a document marker at line %u",
				 q, pl);
		else
			diag_add(r->diag, r->file, cl, cc,
				 "YAML syntax error: quoted string is not closed: %s at line %u, column %u",
				 problem, pl, pc);
	} else if (has(problem, "unknown escape character")) {
		diag_add(r->diag, r->file, pl, pc,
			 "YAML syntax error: unknown escape sequence in a double-quoted string (write \\\\ for a backslash, or use single quotes)");
	} else if (has(problem, "invalid Unicode character escape")) {
		diag_add(r->diag, r->file, pl, pc,
			 "YAML syntax error: escape sequence is not a Unicode character (surrogates and values above U+10FFFF are not allowed)");
	} else if (has(problem, "expected ',' or '}'") || has(problem, "expected ',' or ']'")) {
		bool map = has(problem, "'}'");
		diag_add(r->diag, r->file, pl, pc,
			 "YAML syntax error: expected ',' or '%c' in the flow %s '%c' opened at line %u, column %u, found %s",
			 map ? '}' : ']', map ? "mapping" : "sequence", map ? '{' : '[', cl, cc,
			 found_at(r, pm, found, sizeof(found)));
	} else if (has(problem, "did not find expected key") && has(context, "block mapping")) {
		if (pc != cc)
			diag_add(r->diag, r->file, pl, pc,
				 "YAML syntax error: bad indentation: expected a key at column %u like the mapping that starts at line %u, found %s at column %u",
				 cc, cl, found_at(r, pm, found, sizeof(found)), pc);
		else
			diag_add(r->diag, r->file, pl, pc,
				 "YAML syntax error: expected a key of the mapping that starts at line %u, found %s",
				 cl, found_at(r, pm, found, sizeof(found)));
	} else if (has(problem, "expected '-' indicator")) {
		diag_add(r->diag, r->file, pl, pc,
			 "YAML syntax error: expected a list item '-' at column %u like the list that starts at line %u, found %s%s",
			 cc, cl, found_at(r, pm, found, sizeof(found)),
			 pc != cc ? " (check the indentation)" : "");
	} else if (has(problem, "mapping values are not allowed")) {
		diag_add(r->diag, r->file, pl, pc,
			 "YAML syntax error: found ':' where no key can start (is the line indented too far, or does a value containing ': ' need quotes?)");
	} else if (has(problem, "block sequence entries are not allowed")) {
		diag_add(r->diag, r->file, pl, pc,
			 "YAML syntax error: found a list item '-' where none can start (check the indentation)");
	} else if (has(problem, "could not find expected ':'")) {
		diag_add(r->diag, r->file, cl, cc,
			 "YAML syntax error: expected 'key: value', found %s without ':'",
			 found_at(r, cm, found, sizeof(found)));
	} else if (has(problem, "cannot start any token")) {
		diag_add(r->diag, r->file, pl, pc,
			 "YAML syntax error: found %s, which cannot start a plain value (put the value in quotes)",
			 found_at(r, pm, found, sizeof(found)));
	} else if (has(problem, "expected node content")) {
		diag_add(r->diag, r->file, pl, pc, "YAML syntax error: expected a value, found %s",
			 found_at(r, pm, found, sizeof(found)));
	} else if (has(problem, "expected <document start>")) {
		diag_add(r->diag, r->file, pl, pc,
			 "YAML syntax error: found %s after the end of the top-level value (expected the end of the file)",
			 found_at(r, pm, found, sizeof(found)));
	} else if (has(problem, "incompatible YAML document")) {
		diag_add(r->diag, r->file, pl, pc,
			 "YAML syntax error: unsupported YAML version directive (expected %%YAML 1.1 or none)");
	} else if (context) {
		diag_add(r->diag, r->file, pl, pc, "YAML syntax error: %s %s at line %u, column %u",
			 problem, context, cl, cc);
	} else {
		diag_add(r->diag, r->file, pl, pc, "YAML syntax error: %s", problem);
	}
}

static void parser_error(struct reader *r)
{
	yaml_parser_t *p = &r->parser;
	unsigned line, col;
	if (p->error == YAML_READER_ERROR) {
		pos_of(r, p->problem_offset, &line, &col);
		if (has(p->problem, "control characters") && p->problem_value >= 0)
			diag_add(r->diag, r->file, line, col,
				 "control character U+%04X in file: expected printable text (remove it)",
				 (unsigned)p->problem_value);
		else
			diag_add(r->diag, r->file, line, col, "cannot read YAML: %s",
				 p->problem ? p->problem : "reader error");
	} else if (p->error == YAML_MEMORY_ERROR) {
		die(3, "out of memory");
	} else {
		syntax_error(r);
	}
	r->failed = 1;
}

static int next(struct reader *r, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&r->parser, ev)) {
		parser_error(r);
		return -1;
	}
	return 0;
}

static struct node *new_node(struct reader *r, enum node_type t, yaml_mark_t m)
{
	struct node *n = arena_alloc(r->arena, sizeof(*n));
	n->type = (uint8_t)t;
	n->file = r->file;
	n->line = (uint32_t)m.line + 1;
	n->col = (uint32_t)m.column + 1;
	return n;
}

/* The arena copy of s[0..len): one per distinct short string of the file. */
static const char *intern(struct reader *r, const char *s, size_t len)
{
	if (len > INTERN_MAX || r->ninterned >= INTERN_SLOTS / 2)
		return arena_strndup(r->arena, s, len);
	uint32_t h = 2166136261u; /* FNV-1a */
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	for (size_t i = h & (INTERN_SLOTS - 1);; i = (i + 1) & (INTERN_SLOTS - 1)) {
		const char *x = r->interned[i];
		if (!x) {
			r->ninterned++;
			return r->interned[i] = arena_strndup(r->arena, s, len);
		}
		if (strncmp(x, s, len) == 0 && x[len] == '\0')
			return x;
	}
}

/* Refuse the YAML features this format does not use. Any tag is refused, even the
 * non-specific '!' (which would turn `! true` into a string that reads as a bool). */
static int check_props(struct reader *r, const yaml_event_t *ev, const yaml_char_t *anchor,
		       const yaml_char_t *tag)
{
	if (anchor) {
		error_at_mark(r, ev->start_mark,
			      "YAML anchor '&%s' is not allowed: write the value out", (const char *)anchor);
		return -1;
	}
	if (tag) {
		error_at_mark(r, ev->start_mark,
			      "YAML tag '%s' is not allowed: remove it and write the value plainly",
			      (const char *)tag);
		return -1;
	}
	return 0;
}

static struct node *parse_node(struct reader *r, yaml_event_t *ev, unsigned depth);

/* A mapping key while its mapping is read: text and position, no node. */
struct key {
	const char *str;
	uint32_t line, col;
};

/* Refuse what a scalar may not hold; 0 or -1 after an error. */
static int check_scalar(struct reader *r, yaml_event_t *ev)
{
	if (check_props(r, ev, ev->data.scalar.anchor, ev->data.scalar.tag) < 0)
		return -1;
	size_t len = ev->data.scalar.length;
	if (len > YAML_MAX_SCALAR) {
		char what[64];
		snprintf(what, sizeof(what), "%zu", len);
		error_at_mark(r, ev->start_mark, "scalar of %s bytes is too long (at most 65536)",
			      what);
		return -1;
	}
	const char *v = (const char *)ev->data.scalar.value;
	if (memchr(v, '\0', len)) {
		error_at_mark(r, ev->start_mark, "%s",
			      "scalar contains a NUL character (from an escape): expected text without NUL");
		return -1;
	}
	int cc = text_control_char(v, len);
	if (cc >= 0) {
		char what[16];
		snprintf(what, sizeof(what), "U+%04X", (unsigned)cc);
		error_at_mark(r, ev->start_mark,
			      "scalar contains the control character %s (from an escape): expected printable text",
			      what);
		return -1;
	}
	return 0;
}

static struct node *parse_scalar(struct reader *r, yaml_event_t *ev)
{
	if (check_scalar(r, ev) < 0)
		return NULL;
	struct node *n = new_node(r, NODE_SCALAR, ev->start_mark);
	n->str = intern(r, (const char *)ev->data.scalar.value, ev->data.scalar.length);
	n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	n->literal = ev->data.scalar.style == YAML_LITERAL_SCALAR_STYLE;
	return n;
}

static void push_item(struct reader *r, struct node *n)
{
	r->items = xgrow(r->items, sizeof(*r->items), r->nitems + 1, &r->items_alloc);
	r->items[r->nitems++] = n;
}

/* Move the items above base into the arena as n's children, with room for extra pointers
 * after them (a map's keys). */
static void pop_items(struct reader *r, struct node *n, size_t base, size_t extra)
{
	size_t count = r->nitems - base;
	n->n = (uint32_t)count;
	n->kids = arena_alloc(r->arena, (count + extra) * sizeof(*n->kids));
	if (count)
		memcpy(n->kids, r->items + base, count * sizeof(*n->kids));
	r->nitems = base;
}

static struct node *parse_seq(struct reader *r, yaml_event_t *start, unsigned depth)
{
	if (check_props(r, start, start->data.sequence_start.anchor,
			start->data.sequence_start.tag) < 0)
		return NULL;
	struct node *n = new_node(r, NODE_SEQ, start->start_mark);
	size_t base = r->nitems;
	for (;;) {
		yaml_event_t ev;
		if (next(r, &ev) < 0)
			goto fail;
		if (ev.type == YAML_SEQUENCE_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		if (r->nitems - base >= r->lim.max_items) {
			char lim[64];
			snprintf(lim, sizeof(lim), "%u", r->lim.max_items);
			error_at_mark(r, ev.start_mark, "sequence has too many items (at most %s)", lim);
			yaml_event_delete(&ev);
			goto fail;
		}
		struct node *item = parse_node(r, &ev, depth + 1);
		yaml_event_delete(&ev);
		if (!item)
			goto fail;
		push_item(r, item);
	}
	pop_items(r, n, base, 0);
	return n;
fail:
	r->nitems = base;
	return NULL;
}

static struct node *parse_map(struct reader *r, yaml_event_t *start, unsigned depth)
{
	if (check_props(r, start, start->data.mapping_start.anchor,
			start->data.mapping_start.tag) < 0)
		return NULL;
	struct node *n = new_node(r, NODE_MAP, start->start_mark);
	size_t base = r->nitems, kbase = r->nkeys;
	for (;;) {
		yaml_event_t ev;
		if (next(r, &ev) < 0)
			goto fail;
		if (ev.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		if (ev.type != YAML_SCALAR_EVENT) {
			if (ev.type == YAML_ALIAS_EVENT)
				error_at_mark(r, ev.start_mark,
					      "YAML alias '*%s' is not allowed: write the value out",
					      (const char *)ev.data.alias.anchor);
			else
				error_at_mark(r, ev.start_mark,
					      "mapping key must be a plain string, found %s",
					      ev.type == YAML_SEQUENCE_START_EVENT ? "a list" : "a mapping");
			yaml_event_delete(&ev);
			goto fail;
		}
		yaml_mark_t kmark = ev.start_mark;
		if (check_scalar(r, &ev) < 0) {
			yaml_event_delete(&ev);
			goto fail;
		}
		const char *kv = (const char *)ev.data.scalar.value;
		size_t klen = ev.data.scalar.length;
		if (klen == 0) {
			yaml_event_delete(&ev);
			error_at_mark(r, kmark, "%s", "mapping key is empty: expected a name");
			goto fail;
		}
		size_t count = r->nkeys - kbase;
		if (count >= YAML_MAX_KEYS) {
			yaml_event_delete(&ev);
			error_at_mark(r, kmark, "%s", "mapping has too many keys (at most 1000)");
			goto fail;
		}
		for (size_t i = 0; i < count; i++) {
			/* indexed, not r->keys + kbase: r->keys is NULL before the first key */
			const struct key *k = &r->keys[kbase + i];
			if (strlen(k->str) == klen && memcmp(k->str, kv, klen) == 0) {
				char msg[128];
				size_t kl = klen;
				if (kl > 60) { /* cut at a character boundary */
					kl = 60;
					while (kl > 0 && ((unsigned char)kv[kl] & 0xC0) == 0x80)
						kl--;
				}
				snprintf(msg, sizeof(msg), "duplicate key '%.*s' (first at line %u)",
					 (int)kl, kv, (unsigned)k->line);
				yaml_event_delete(&ev);
				error_at_mark(r, kmark, "%s", msg);
				goto fail;
			}
		}
		struct key key = {intern(r, kv, klen), (uint32_t)kmark.line + 1,
				  (uint32_t)kmark.column + 1};
		yaml_event_delete(&ev);
		if (next(r, &ev) < 0)
			goto fail;
		struct node *val = parse_node(r, &ev, depth + 1);
		yaml_event_delete(&ev);
		if (!val)
			goto fail;
		/* A map value's position is its key's when the value is a collection on the
		 * next lines: point errors about the value there. */
		if (val->type != NODE_SCALAR && val->line > key.line) {
			val->line = key.line;
			val->col = key.col;
		}
		r->keys = xgrow(r->keys, sizeof(*r->keys), r->nkeys + 1, &r->keys_alloc);
		r->keys[r->nkeys++] = key;
		push_item(r, val);
	}
	size_t count = r->nkeys - kbase;
	pop_items(r, n, base, count); /* room for the keys after the kids */
	const char **keys = node_keys(n);
	for (size_t i = 0; i < count; i++)
		keys[i] = r->keys[kbase + i].str;
	r->nkeys = kbase;
	return n;
fail:
	r->nitems = base;
	r->nkeys = kbase;
	return NULL;
}

static struct node *parse_node(struct reader *r, yaml_event_t *ev, unsigned depth)
{
	if (depth > YAML_MAX_DEPTH) {
		error_at_mark(r, ev->start_mark, "%s",
			      "nesting is too deep (at most 32 levels of lists and mappings)");
		return NULL;
	}
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		return parse_scalar(r, ev);
	case YAML_SEQUENCE_START_EVENT:
		return parse_seq(r, ev, depth);
	case YAML_MAPPING_START_EVENT:
		return parse_map(r, ev, depth);
	case YAML_ALIAS_EVENT:
		error_at_mark(r, ev->start_mark, "YAML alias '*%s' is not allowed: write the value out",
			      (const char *)ev->data.alias.anchor);
		return NULL;
	default:
		error_at_mark(r, ev->start_mark, "%s", "unexpected YAML event");
		return NULL;
	}
}

/* Find the first byte that is not valid UTF-8, or a NUL; returns its offset or len. */
static size_t bad_byte(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		if (i + 8 <= len && text_printable8(s + i)) {
			i += 8;
			continue;
		}
		unsigned char c = (unsigned char)s[i];
		if (c == 0)
			return i;
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t n = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
		if (n == 0 || i + n > len || !utf8_valid(s + i, n))
			return i;
		i += n;
	}
	return len;
}

/* Whether a document's root is nothing at all: "---" alone, or a document of comments. */
static bool empty_root(const struct node *n)
{
	return n->type == NODE_SCALAR && n->plain && !*n->str;
}

const struct yaml_limits yaml_limits_data = {YAML_MAX_FILE, YAML_MAX_ITEMS};

static struct node *read_mem(struct arena *a, const char *name, const char *data, size_t len,
			     const struct yaml_limits *lim, struct diag *d)
{
	struct reader r = {0};
	r.arena = a;
	r.diag = d;
	r.lim = *lim;
	r.file = arena_strdup(a, name);
	struct node *root = NULL;

	if (len > lim->max_file) {
		diag_add(d, r.file, 1, 1, "file is too large (%zu bytes, at most %zu)", len,
			 lim->max_file);
		return NULL;
	}
	/* A UTF-8 byte order mark is harmless: skip it (libyaml would choke on it with the
	 * encoding fixed, and columns on line 1 would count it). */
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	r.data = data;
	r.len = len;
	size_t bad = bad_byte(data, len);
	if (bad < len) {
		unsigned line, col;
		pos_of(&r, bad, &line, &col);
		if (data[bad] == '\0')
			diag_add(d, r.file, line, col, "NUL byte in file: expected UTF-8 text");
		else
			diag_add(d, r.file, line, col,
				 "invalid UTF-8 (byte 0x%02X): expected UTF-8 text",
				 (unsigned char)data[bad]);
		return NULL;
	}
	if (!yaml_parser_initialize(&r.parser))
		die(3, "out of memory");
	yaml_parser_set_input_string(&r.parser, (const unsigned char *)data, len);
	yaml_parser_set_encoding(&r.parser, YAML_UTF8_ENCODING);

	yaml_event_t ev;
	if (next(&r, &ev) < 0)
		goto out;
	yaml_event_delete(&ev); /* stream start */
	if (next(&r, &ev) < 0)
		goto out;
	if (ev.type == YAML_STREAM_END_EVENT) {
		yaml_event_delete(&ev);
		error_at_mark(&r, (yaml_mark_t){0, 0, 0}, "%s", "file is empty: expected a mapping");
		goto out;
	}
	yaml_event_delete(&ev); /* document start */
	if (next(&r, &ev) < 0)
		goto out;
	root = parse_node(&r, &ev, 0);
	yaml_event_delete(&ev);
	if (!root)
		goto out;
	if (empty_root(root)) {
		error_at_mark(&r, (yaml_mark_t){0, 0, 0}, "%s",
			      "file is empty (a document without content): expected a mapping");
		goto out;
	}
	if (next(&r, &ev) < 0) /* document end */
		goto out;
	yaml_event_delete(&ev);
	if (next(&r, &ev) < 0)
		goto out;
	if (ev.type != YAML_STREAM_END_EVENT)
		error_at_mark(&r, ev.start_mark, "%s",
			      "a second YAML document: expected one document per file");
	yaml_event_delete(&ev);
out:
	yaml_parser_delete(&r.parser);
	free(r.items);
	free(r.keys);
	return r.failed ? NULL : root;
}

struct node *yaml_read_mem(struct arena *a, const char *name, const char *data, size_t len,
			   struct diag *d)
{
	return read_mem(a, name, data, len, &yaml_limits_data, d);
}

struct node *yaml_read_file(struct arena *a, const char *path, struct diag *d)
{
	return yaml_read_file_limits(a, path, &yaml_limits_data, d);
}

struct node *yaml_read_file_limits(struct arena *a, const char *path,
				   const struct yaml_limits *lim, struct diag *d)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		diag_add(d, path, 0, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	/* refuse a big file before reading it */
	struct stat st;
	if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode) &&
	    (unsigned long long)st.st_size > lim->max_file) {
		fclose(fp);
		diag_add(d, path, 1, 1, "file is too large (%llu bytes, at most %zu)",
			 (unsigned long long)st.st_size, lim->max_file);
		return NULL;
	}
	struct buf b = BUF_INIT;
	buf_init(&b, lim->max_file + 1);
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		if (buf_add(&b, chunk, n) < 0)
			break;
	}
	int rerr = ferror(fp) ? errno : 0;
	fclose(fp);
	struct node *root = NULL;
	if (rerr)
		diag_add(d, path, 0, 0, "cannot read: %s", strerror(rerr));
	else if (b.overflow)
		diag_add(d, path, 1, 1, "file is too large (more than %zu bytes)", lim->max_file);
	else
		root = read_mem(a, path, b.s, b.len, lim, d);
	buf_release(&b);
	return root;
}
