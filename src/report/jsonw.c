/* jsonw.c - streaming JSON writer. */
#include "jsonw.h"

#include <string.h>

#include "util.h"

#define FLUSH_AT (64u * 1024)

void jw_init(struct jsonw *w, FILE *fp)
{
	memset(w, 0, sizeof(*w));
	w->fp = fp;
	buf_init(&w->b, 0);
	w->first[0] = true;
}

void jw_init_fragment(struct jsonw *w, int depth, bool first)
{
	jw_init(w, NULL);
	w->depth = depth;
	w->first[depth] = first;
}

static void flush(struct jsonw *w)
{
	if (!w->fp)
		return;
	if (w->b.len)
		fwrite(w->b.s, 1, w->b.len, w->fp);
	buf_reset(&w->b);
}

static void indent(struct jsonw *w)
{
	if (w->fp && w->b.len >= FLUSH_AT)
		flush(w);
	buf_addc(&w->b, '\n');
	buf_addn(&w->b, ' ', 2 * (size_t)w->depth);
}

/* Separator and indentation before a value or a key. */
static void pre(struct jsonw *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (w->depth == 0)
		return;
	if (!w->first[w->depth])
		buf_addc(&w->b, ',');
	w->first[w->depth] = false;
	indent(w);
}

static void open(struct jsonw *w, char c)
{
	pre(w);
	buf_addc(&w->b, c);
	if (w->depth + 1 >= JSONW_MAX_DEPTH)
		die(3, "JSON output nested too deeply");
	w->depth++;
	w->first[w->depth] = true;
}

static void close_(struct jsonw *w, char c)
{
	bool empty = w->first[w->depth];
	w->depth--;
	if (!empty)
		indent(w);
	buf_addc(&w->b, c);
}

void jw_obj(struct jsonw *w) { open(w, '{'); }
void jw_obj_end(struct jsonw *w) { close_(w, '}'); }
void jw_arr(struct jsonw *w) { open(w, '['); }
void jw_arr_end(struct jsonw *w) { close_(w, ']'); }

/* A JSON string literal: runs of plain bytes are copied in one go. */
static void put_string(struct jsonw *w, const char *s)
{
	buf_addc(&w->b, '"');
	const char *run = s;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p >= 0x20 && *p != '"' && *p != '\\')
			continue;
		buf_add(&w->b, run, (size_t)((const char *)p - run));
		switch (*p) {
		case '"': buf_adds(&w->b, "\\\""); break;
		case '\\': buf_adds(&w->b, "\\\\"); break;
		case '\n': buf_adds(&w->b, "\\n"); break;
		case '\r': buf_adds(&w->b, "\\r"); break;
		case '\t': buf_adds(&w->b, "\\t"); break;
		default: buf_addf(&w->b, "\\u%04x", *p);
		}
		run = (const char *)p + 1;
	}
	buf_adds(&w->b, run);
	buf_addc(&w->b, '"');
}

void jw_key(struct jsonw *w, const char *key)
{
	pre(w);
	put_string(w, key);
	buf_adds(&w->b, ": ");
	w->after_key = true;
}

void jw_str(struct jsonw *w, const char *s)
{
	pre(w);
	if (s)
		put_string(w, s);
	else
		buf_adds(&w->b, "null");
}

void jw_int(struct jsonw *w, long v)
{
	pre(w);
	buf_addf(&w->b, "%ld", v);
}

void jw_fixed(struct jsonw *w, double v, int decimals)
{
	pre(w);
	buf_addf(&w->b, "%.*f", decimals < 0 ? 0 : decimals > 9 ? 9 : decimals, v);
}

void jw_bool(struct jsonw *w, bool v)
{
	pre(w);
	buf_adds(&w->b, v ? "true" : "false");
}

void jw_null(struct jsonw *w)
{
	pre(w);
	buf_adds(&w->b, "null");
}

void jw_kstr(struct jsonw *w, const char *key, const char *s)
{
	jw_key(w, key);
	jw_str(w, s);
}

void jw_finish(struct jsonw *w)
{
	buf_addc(&w->b, '\n');
	flush(w);
	buf_release(&w->b);
}

void jw_finish_buf(struct jsonw *w, struct buf *out)
{
	buf_addc(&w->b, '\n');
	buf_release(out);
	*out = w->b;
	buf_init(&w->b, 0);
}
