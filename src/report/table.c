/* table.c - aligned text tables, fitted to a width. */
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

/* Bytes of the UTF-8 sequence starting with c. */
static size_t seq_len(unsigned char c)
{
	return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* How many bytes of s (n bytes) fit in width columns. */
static size_t fit_bytes(const char *s, size_t n, size_t width)
{
	size_t i = 0, w = 0;
	while (i < n) {
		size_t k = seq_len((unsigned char)s[i]);
		if (i + k > n)
			k = n - i;
		char tmp[5] = {0};
		memcpy(tmp, s + i, k);
		size_t cw = utf8_width(tmp);
		if (w + cw > width)
			break;
		w += cw;
		i += k;
	}
	return i;
}

/* Display width of the n bytes at s. */
static size_t width_of(const char *s, size_t n)
{
	char *tmp = xstrndup(s, n);
	size_t w = utf8_width(tmp);
	free(tmp);
	return w;
}

void text_truncate(struct buf *out, const char *s, size_t width)
{
	size_t n = strlen(s);
	if (utf8_width(s) <= width) {
		buf_add(out, s, n);
		return;
	}
	if (width == 0)
		return;
	buf_add(out, s, fit_bytes(s, n, width - 1));
	buf_adds(out, "…");
}

size_t text_wrap(struct buf *out, const char *s, size_t width)
{
	size_t lines = 1, used = 0;
	if (width == 0)
		width = 1;
	for (;;) {
		while (*s == ' ')
			s++;
		if (!*s)
			break;
		size_t wl = strcspn(s, " ");
		size_t ww = width_of(s, wl);
		if (used && used + 1 + ww > width) {
			/* the word goes on a new line */
			buf_addc(out, '\n');
			lines++;
			used = 0;
		} else if (used) {
			buf_addc(out, ' ');
			used++;
		}
		if (ww > width) {
			/* a word longer than the line: as much as fits, and an ellipsis */
			char *word = xstrndup(s, wl);
			text_truncate(out, word, width);
			free(word);
			used = width;
		} else {
			buf_add(out, s, wl);
			used += ww;
		}
		s += wl;
	}
	return lines;
}

size_t table_width(const struct table *t)
{
	size_t *w = xcalloc(t->ncols, sizeof(*w));
	for (size_t i = 0; i < t->n; i++) {
		size_t cw = utf8_width(t->text[i]);
		if (cw > w[i % t->ncols])
			w[i % t->ncols] = cw;
	}
	size_t total = 0;
	for (size_t c = 0; c < t->ncols; c++)
		total += w[c] + (c ? 2 : 0);
	free(w);
	return total;
}

/* Narrow the widest columns until the table fits width (a column keeps at least 3). */
static void fit_columns(size_t *w, size_t ncols, size_t width)
{
	for (;;) {
		size_t total = 0, widest = 0;
		for (size_t c = 0; c < ncols; c++) {
			total += w[c] + (c ? 2 : 0);
			if (w[c] > w[widest])
				widest = c;
		}
		if (total <= width || w[widest] <= 3)
			return;
		w[widest]--;
	}
}

void table_print(const struct table *t, FILE *fp, bool color, size_t width)
{
	size_t nc = t->ncols;
	size_t *w = xcalloc(nc, sizeof(*w));
	for (size_t i = 0; i < t->n; i++) {
		size_t cw = utf8_width(t->text[i]);
		if (cw > w[i % nc])
			w[i % nc] = cw;
	}
	if (width)
		fit_columns(w, nc, width);
	/* each cell of a row as its lines, wrapped to its column */
	struct buf *cell = xcalloc(nc, sizeof(*cell));
	char **next = xcalloc(nc, sizeof(*next));
	bool *wrapped = xcalloc(nc, sizeof(*wrapped));
	struct buf line = BUF_INIT;
	for (size_t row = 0; row * nc < t->n; row++) {
		size_t first = row * nc, cells = t->n - first < nc ? t->n - first : nc, height = 1;
		for (size_t c = 0; c < cells; c++) {
			buf_reset(&cell[c]);
			const char *s = t->text[first + c];
			size_t h = 1;
			wrapped[c] = utf8_width(s) > w[c];
			if (wrapped[c])
				h = text_wrap(&cell[c], s, w[c]);
			else
				buf_adds(&cell[c], s);
			next[c] = cell[c].s;
			if (h > height)
				height = h;
		}
		for (size_t l = 0; l < height; l++) {
			for (size_t c = 0; c < cells; c++) {
				const char *s = next[c];
				size_t len = !s ? 0 : wrapped[c] ? strcspn(s, "\n") : strlen(s);
				enum tone tone = t->tone[first + c];
				bool col = color && tone != TONE_NONE && len;
				if (col)
					buf_adds(&line, tone_start(tone));
				buf_add(&line, s ? s : "", len);
				if (col)
					buf_adds(&line, TONE_END);
				if (c + 1 < cells)
					buf_addn(&line, ' ', w[c] - width_of(s ? s : "", len) + 2);
				next[c] = s && s[len] ? (char *)s + len + 1 : NULL;
			}
			/* no trailing blanks when the last cells are empty */
			while (line.len && line.s[line.len - 1] == ' ')
				line.s[--line.len] = '\0';
			buf_addc(&line, '\n');
			fwrite(line.s, 1, line.len, fp);
			buf_reset(&line);
		}
	}
	for (size_t c = 0; c < nc; c++)
		buf_release(&cell[c]);
	free(cell);
	free(next);
	free(wrapped);
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
