/* diag.h - diagnostics collected while loading and validating data files.
 *
 * Every problem is recorded as "file:line:col: message" so that one run reports them all;
 * diag_print sorts them by file and position. A diag owns copies of its strings. An entry is
 * an error unless recorded as a warning: warnings never make data invalid. */
#ifndef MSGVET_DIAG_H
#define MSGVET_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct node;

struct diag_entry {
	char *file;
	unsigned line, col; /* 0 when unknown */
	char *msg;
	bool warning; /* a warning: reported, but the data stays valid */
};

struct diag {
	struct diag_entry *v;
	size_t n, alloc;
	size_t max; /* stop recording after this many (0 = 200) */
	size_t dropped;
	size_t nwarn; /* how many of the n entries are warnings */
};

#define DIAG_INIT { NULL, 0, 0, 0, 0, 0 }

void diag_add(struct diag *d, const char *file, unsigned line, unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* An error located at a node. */
void diag_at(struct diag *d, const struct node *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A warning located at a node ("file:line:col: warning: message"). */
void diag_warn_at(struct diag *d, const struct node *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Copy an entry (from another diag), keeping its severity. */
void diag_copy(struct diag *d, const struct diag_entry *e);
/* How many errors were recorded (warnings and dropped entries excluded / included). */
size_t diag_errors(const struct diag *d);
/* Sort the entries by file and position. */
void diag_sort(struct diag *d);
/* Sort and print every entry, one per line. */
void diag_print(struct diag *d, FILE *fp);
void diag_release(struct diag *d);
/* Write s to fp with every control character (C0, DEL, C1), line separator and bidirectional
 * control shown as an escape (\x1B, \u0085, \u202E): data never drives the terminal. */
void diag_fputs_inert(const char *s, FILE *fp);
/* Print one "file:line:col: message" line at once, inertly (for errors not collected in a diag). */
void diag_report(FILE *fp, const char *file, unsigned line, unsigned col, const char *msg);

#endif
