/* table.h - aligned text tables for the terminal, with optional colour.
 *
 * Cells are added row by row; the first row is the header. Widths are measured in terminal
 * columns (UTF-8 aware). Colour is applied per cell from its tone, only when asked. Given a
 * width, the widest columns are narrowed until the table fits, and their cells wrapped. */
#ifndef MSGVET_TABLE_H
#define MSGVET_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum tone { TONE_NONE, TONE_PASS, TONE_FAIL, TONE_UNKNOWN, TONE_NA, TONE_HEAD, TONE_DIM };

struct table {
	size_t ncols;
	char **text;
	enum tone *tone;
	size_t n, alloc_text, alloc_tone;
};

void table_init(struct table *t, size_t ncols);
/* Append a cell (text is copied; NULL prints as empty). */
void table_add(struct table *t, const char *text, enum tone tone);
/* Print the table; width 0: as wide as its cells, else at most width columns when it can be
 * (a column keeps at least 3), wrapping the cells of narrowed columns. */
void table_print(const struct table *t, FILE *fp, bool color, size_t width);
/* The table's natural width in columns (its widest cells and the gaps between columns). */
size_t table_width(const struct table *t);
void table_release(struct table *t);

struct buf;
/* Append s cut to width columns, its last column an ellipsis "…" when it was longer. */
void text_truncate(struct buf *out, const char *s, size_t width);
/* Append s wrapped at spaces into lines of at most width columns, separated by '\n' (a word
 * longer than width is truncated with "…"); returns the number of lines. */
size_t text_wrap(struct buf *out, const char *s, size_t width);

/* ANSI colour escape for a tone, "" when none. */
const char *tone_start(enum tone tone);
#define TONE_END "\033[0m"

#endif
