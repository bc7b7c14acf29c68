/* table.c - aligned text tables. */
#include "table.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "util.h"

void table_init(struct table *t, size_t ncols)
{
	memset(t, 0, sizeof(*t));
	t->ncols = ncols;
}

void table_add(struct table *t, const char *text, enum tone tone)
{
	t->text = xgrow(t->text, sizeof(*t->text), t->n + 1, &t->alloc_text);
	t->tone = xgrow(t->tone, sizeof(*t->tone), t->n + 1, &t->alloc_tone);
	t->text[t->n] = xstrdup(text ? text : "");
	t->tone[t->n] = tone;
	t->n++;
}

const char *tone_start(enum tone tone)
{
	switch (tone) {
	case TONE_PASS: return "\033[32m";
	case TONE_FAIL: return "\033[31m";
	case TONE_UNKNOWN: return "\033[33m";
	case TONE_NA: return "\033[2m";
	case TONE_DIM: return "\033[2m";
	case TONE_HEAD: return "\033[1m";
	default: return "";
	}
}

void table_print(const struct table *t, FILE *fp, bool color)
{
	size_t *w = xcalloc(t->ncols, sizeof(*w));
	for (size_t i = 0; i < t->n; i++) {
		size_t cw = utf8_width(t->text[i]);
		if (cw > w[i % t->ncols])
			w[i % t->ncols] = cw;
	}
	struct buf line = BUF_INIT;
	for (size_t i = 0; i < t->n; i++) {
		size_t col = i % t->ncols;
		bool last = col + 1 == t->ncols || i + 1 == t->n;
		bool c = color && t->tone[i] != TONE_NONE && *t->text[i];
		if (c)
			buf_adds(&line, tone_start(t->tone[i]));
		buf_adds(&line, t->text[i]);
		if (c)
			buf_adds(&line, TONE_END);
		if (last) {
			/* no trailing blanks when the last cells are empty */
			while (line.len && line.s[line.len - 1] == ' ')
				line.s[--line.len] = '\0';
			buf_addc(&line, '\n');
			fwrite(line.s, 1, line.len, fp);
			buf_reset(&line);
		} else {
			buf_addn(&line, ' ', w[col] - utf8_width(t->text[i]) + 2);
		}
	}
	buf_release(&line);
	free(w);
}

void table_release(struct table *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->text[i]);
	free(t->text);
	free(t->tone);
	memset(t, 0, sizeof(*t));
}
