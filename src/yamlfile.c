/* yamlfile.c - strict YAML to node trees with libyaml's event parser. */
#include "yamlfile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "buf.h"
#include "util.h"

struct reader {
	yaml_parser_t parser;
	struct arena *arena;
	struct diag *diag;
	const char *file; /* arena copy */
	const char *data;
	size_t len;
	int failed;
};

static void pos_of(const struct reader *r, size_t offset, unsigned *line, unsigned *col)
{
	unsigned l = 1, c = 1;
	for (size_t i = 0; i < offset && i < r->len; i++) {
		if (r->data[i] == '\n') {
			l++;
			c = 1;
		} else if (((unsigned char)r->data[i] & 0xC0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*col = c;
}

static void error_at_mark(struct reader *r, yaml_mark_t m, const char *fmt, const char *arg)
{
	char msg[512];
	snprintf(msg, sizeof(msg), fmt, arg);
	diag_add(r->diag, r->file, (unsigned)m.line + 1, (unsigned)m.column + 1, "%s", msg);
	r->failed = 1;
}

static void parser_error(struct reader *r)
{
	yaml_parser_t *p = &r->parser;
	unsigned line, col;
	if (p->error == YAML_READER_ERROR) {
		pos_of(r, p->problem_offset, &line, &col);
		diag_add(r->diag, r->file, line, col, "cannot read YAML: %s",
			 p->problem ? p->problem : "reader error");
	} else if (p->error == YAML_MEMORY_ERROR) {
		die(3, "out of memory");
	} else {
		line = (unsigned)p->problem_mark.line + 1;
		col = (unsigned)p->problem_mark.column + 1;
		size_t idx = p->problem_mark.index;
		if (idx < r->len && r->data[idx] == '\t') {
			diag_add(r->diag, r->file, line, col,
				 "tab character where YAML expects spaces: indent with spaces");
		} else if (p->context) {
			diag_add(r->diag, r->file, line, col, "YAML syntax error: %s %s (line %u)",
				 p->problem ? p->problem : "", p->context,
				 (unsigned)p->context_mark.line + 1);
		} else {
			diag_add(r->diag, r->file, line, col, "YAML syntax error: %s",
				 p->problem ? p->problem : "unexpected input");
		}
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

/* Refuse the YAML features this format does not use. */
static int check_props(struct reader *r, const yaml_event_t *ev, const yaml_char_t *anchor,
		       const yaml_char_t *tag, int implicit)
{
	if (anchor) {
		error_at_mark(r, ev->start_mark,
			      "YAML anchor '&%s' is not allowed: write the value out", (const char *)anchor);
		return -1;
	}
	if (tag && !implicit) {
		error_at_mark(r, ev->start_mark, "YAML tag '%s' is not allowed", (const char *)tag);
		return -1;
	}
	return 0;
}

static struct node *parse_node(struct reader *r, yaml_event_t *ev, unsigned depth);

static struct node *parse_scalar(struct reader *r, yaml_event_t *ev)
{
	if (check_props(r, ev, ev->data.scalar.anchor, ev->data.scalar.tag,
			ev->data.scalar.plain_implicit || ev->data.scalar.quoted_implicit) < 0)
		return NULL;
	size_t len = ev->data.scalar.length;
	if (len > YAML_MAX_SCALAR) {
		char what[64];
		snprintf(what, sizeof(what), "%zu", len);
		error_at_mark(r, ev->start_mark, "scalar of %s bytes is too long (at most 65536)",
			      what);
		return NULL;
	}
	const char *v = (const char *)ev->data.scalar.value;
	if (memchr(v, '\0', len)) {
		error_at_mark(r, ev->start_mark, "%s", "scalar contains a NUL character");
		return NULL;
	}
	struct node *n = new_node(r, NODE_SCALAR, ev->start_mark);
	n->str = arena_strndup(r->arena, v, len);
	n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	return n;
}

static struct node *parse_seq(struct reader *r, yaml_event_t *start, unsigned depth)
{
	if (check_props(r, start, start->data.sequence_start.anchor,
			start->data.sequence_start.tag, start->data.sequence_start.implicit) < 0)
		return NULL;
	struct node *n = new_node(r, NODE_SEQ, start->start_mark);
	struct node **items = NULL;
	size_t count = 0, alloc = 0;
	for (;;) {
		yaml_event_t ev;
		if (next(r, &ev) < 0)
			goto fail;
		if (ev.type == YAML_SEQUENCE_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		if (count >= YAML_MAX_ITEMS) {
			error_at_mark(r, ev.start_mark, "%s", "sequence has too many items (at most 100000)");
			yaml_event_delete(&ev);
			goto fail;
		}
		struct node *item = parse_node(r, &ev, depth + 1);
		yaml_event_delete(&ev);
		if (!item)
			goto fail;
		items = xgrow(items, sizeof(*items), count + 1, &alloc);
		items[count++] = item;
	}
	n->n = (uint32_t)count;
	n->kids = arena_alloc(r->arena, count * sizeof(*items));
	if (count)
		memcpy(n->kids, items, count * sizeof(*items));
	free(items);
	return n;
fail:
	free(items);
	return NULL;
}

static struct node *parse_map(struct reader *r, yaml_event_t *start, unsigned depth)
{
	if (check_props(r, start, start->data.mapping_start.anchor, start->data.mapping_start.tag,
			start->data.mapping_start.implicit) < 0)
		return NULL;
	struct node *n = new_node(r, NODE_MAP, start->start_mark);
	struct node **vals = NULL;
	const char **keys = NULL;
	size_t count = 0, valloc = 0, kalloc = 0;
	for (;;) {
		yaml_event_t ev;
		if (next(r, &ev) < 0)
			goto fail;
		if (ev.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		if (ev.type != YAML_SCALAR_EVENT) {
			error_at_mark(r, ev.start_mark, "%s",
				      ev.type == YAML_ALIAS_EVENT
					      ? "YAML alias is not allowed: write the value out"
					      : "mapping key must be a plain string, found a collection");
			yaml_event_delete(&ev);
			goto fail;
		}
		struct node *key = parse_scalar(r, &ev);
		yaml_mark_t kmark = ev.start_mark;
		yaml_event_delete(&ev);
		if (!key)
			goto fail;
		if (count >= YAML_MAX_KEYS) {
			error_at_mark(r, kmark, "%s", "mapping has too many keys (at most 1000)");
			goto fail;
		}
		for (size_t i = 0; i < count; i++) {
			if (strcmp(keys[i], key->str) == 0) {
				char msg[128];
				snprintf(msg, sizeof(msg), "duplicate key '%.60s' (first at line %u)",
					 key->str, (unsigned)vals[i]->line);
				error_at_mark(r, kmark, "%s", msg);
				goto fail;
			}
		}
		if (next(r, &ev) < 0)
			goto fail;
		struct node *val = parse_node(r, &ev, depth + 1);
		yaml_event_delete(&ev);
		if (!val)
			goto fail;
		/* A map value's position is its key's when the value is a collection on
		 * the next lines: point errors about the value there. */
		keys = xgrow(keys, sizeof(*keys), count + 1, &kalloc);
		vals = xgrow(vals, sizeof(*vals), count + 1, &valloc);
		keys[count] = key->str;
		vals[count] = val;
		count++;
	}
	n->n = (uint32_t)count;
	n->keys = arena_alloc(r->arena, count * sizeof(*keys));
	n->kids = arena_alloc(r->arena, count * sizeof(*vals));
	if (count) {
		memcpy(n->keys, keys, count * sizeof(*keys));
		memcpy(n->kids, vals, count * sizeof(*vals));
	}
	free(keys);
	free(vals);
	return n;
fail:
	free(keys);
	free(vals);
	return NULL;
}

static struct node *parse_node(struct reader *r, yaml_event_t *ev, unsigned depth)
{
	if (depth > YAML_MAX_DEPTH) {
		error_at_mark(r, ev->start_mark, "%s", "nesting is too deep (at most 32 levels)");
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

struct node *yaml_read_mem(struct arena *a, const char *name, const char *data, size_t len,
			   struct diag *d)
{
	struct reader r = {0};
	r.arena = a;
	r.diag = d;
	r.file = arena_strdup(a, name);
	r.data = data;
	r.len = len;
	struct node *root = NULL;

	if (len > YAML_MAX_FILE) {
		diag_add(d, r.file, 0, 0, "file is too large (%zu bytes, at most %u)", len,
			 YAML_MAX_FILE);
		return NULL;
	}
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
		diag_add(d, r.file, 1, 1, "file is empty: expected a mapping");
		goto out;
	}
	yaml_event_delete(&ev); /* document start */
	if (next(&r, &ev) < 0)
		goto out;
	root = parse_node(&r, &ev, 0);
	yaml_event_delete(&ev);
	if (!root)
		goto out;
	if (next(&r, &ev) < 0) { /* document end */
		root = NULL;
		goto out;
	}
	yaml_event_delete(&ev);
	if (next(&r, &ev) < 0) {
		root = NULL;
		goto out;
	}
	if (ev.type != YAML_STREAM_END_EVENT) {
		error_at_mark(&r, ev.start_mark, "%s",
			      "a second YAML document: expected one document per file");
		root = NULL;
	}
	yaml_event_delete(&ev);
out:
	yaml_parser_delete(&r.parser);
	return r.failed ? NULL : root;
}

struct node *yaml_read_file(struct arena *a, const char *path, struct diag *d)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		diag_add(d, path, 0, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	struct buf b = BUF_INIT;
	buf_init(&b, YAML_MAX_FILE + 1);
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		if (buf_add(&b, chunk, n) < 0)
			break;
	}
	int rerr = ferror(fp);
	fclose(fp);
	struct node *root = NULL;
	if (rerr)
		diag_add(d, path, 0, 0, "cannot read: %s", strerror(errno));
	else if (b.overflow)
		diag_add(d, path, 0, 0, "file is too large (more than %u bytes)", YAML_MAX_FILE);
	else
		root = yaml_read_mem(a, path, b.s, b.len, d);
	buf_release(&b);
	return root;
}

void yaml_cleanup(void)
{
}
