/* jsonw.c - streaming JSON writer. */
#include "jsonw.h"

#include <string.h>

#include "util.h"

void jw_init(struct jsonw *w, FILE *fp)
{
	memset(w, 0, sizeof(*w));
	w->fp = fp;
	w->first[0] = true;
}

static void indent(struct jsonw *w)
{
	fputc('\n', w->fp);
	for (int i = 0; i < w->depth; i++)
		fputs("  ", w->fp);
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
		fputc(',', w->fp);
	w->first[w->depth] = false;
	indent(w);
}

static void open(struct jsonw *w, char c)
{
	pre(w);
	fputc(c, w->fp);
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
	fputc(c, w->fp);
}

void jw_obj(struct jsonw *w) { open(w, '{'); }
void jw_obj_end(struct jsonw *w) { close_(w, '}'); }
void jw_arr(struct jsonw *w) { open(w, '['); }
void jw_arr_end(struct jsonw *w) { close_(w, ']'); }

/* A JSON string literal: runs of plain bytes are written in one go. */
static void put_string(struct jsonw *w, const char *s)
{
	fputc('"', w->fp);
	const char *run = s;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p >= 0x20 && *p != '"' && *p != '\\')
			continue;
		fwrite(run, 1, (size_t)((const char *)p - run), w->fp);
		switch (*p) {
		case '"': fputs("\\\"", w->fp); break;
		case '\\': fputs("\\\\", w->fp); break;
		case '\n': fputs("\\n", w->fp); break;
		case '\r': fputs("\\r", w->fp); break;
		case '\t': fputs("\\t", w->fp); break;
		default: fprintf(w->fp, "\\u%04x", *p);
		}
		run = (const char *)p + 1;
	}
	fputs(run, w->fp);
	fputc('"', w->fp);
}

void jw_key(struct jsonw *w, const char *key)
{
	pre(w);
	put_string(w, key);
	fputs(": ", w->fp);
	w->after_key = true;
}

void jw_str(struct jsonw *w, const char *s)
{
	pre(w);
	if (s)
		put_string(w, s);
	else
		fputs("null", w->fp);
}

void jw_int(struct jsonw *w, long v)
{
	pre(w);
	fprintf(w->fp, "%ld", v);
}

void jw_bool(struct jsonw *w, bool v)
{
	pre(w);
	fputs(v ? "true" : "false", w->fp);
}

void jw_null(struct jsonw *w)
{
	pre(w);
	fputs("null", w->fp);
}

void jw_kstr(struct jsonw *w, const char *key, const char *s)
{
	jw_key(w, key);
	jw_str(w, s);
}

void jw_finish(struct jsonw *w)
{
	fputc('\n', w->fp);
}
