/* table.h - aligned text tables for the terminal, with optional colour.
 *
 * Cells are added row by row; the first row is the header. Widths are measured in terminal
 * columns (UTF-8 aware). Colour is applied per cell from its tone, only when asked. */
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
void table_print(const struct table *t, FILE *fp, bool color);
void table_release(struct table *t);

/* ANSI colour escape for a tone, "" when none. */
const char *tone_start(enum tone tone);
#define TONE_END "\033[0m"

#endif
