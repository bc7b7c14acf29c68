/* util.h - allocation wrappers, small string helpers, dates, diagnostics. */
#ifndef MSGVET_UTIL_H
#define MSGVET_UTIL_H

#include <stddef.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Allocation: out of memory is fatal (prints and exits 3). Never return NULL. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Grow *p (holding *alloc elements of size) so that it can hold at least need elements. */
void *xgrow(void *p, size_t size, size_t need, size_t *alloc);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The program name used as prefix by die()/warnx-style messages. */
extern const char *progname;
/* Print "msgvet: message" to stderr and exit with code. */
void die(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3), noreturn));
/* Print "msgvet: message" to stderr. */
void warnmsg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Dates are days since 1970-01-01 (may be negative). */
/* Parse exactly "YYYY-MM-DD" into *days; returns 0 or -1 when malformed or not a real date. */
int date_parse(const char *s, long *days);
/* Format days as YYYY-MM-DD into out (at least 11 bytes). */
void date_format(long days, char out[static 11]);
/* The last second of 9999-12-31: --now and SOURCE_DATE_EPOCH accept 1970-01-01 to 9999-12-31. */
#define DATE_MAX_EPOCH 253402300799LL
/* Current date honouring SOURCE_DATE_EPOCH (exits 2 when it is not a number in range);
 * returns days since the epoch. */
long date_today(void);

/* Levenshtein distance, capped: returns a value > cap when further than cap. */
size_t edit_distance(const char *a, const char *b, size_t cap);
/* The candidate closest to s (distance at most a third of its length + 2), or NULL. */
const char *closest_match(const char *s, const char *const *candidates, size_t n);

/* A "did you mean" candidate that is really close, or NULL: one differing only in letter case,
 * else closest_match's, but a short word must be one edit away (or one of the two must start
 * with the other, both at least 3 characters long), a longer one a third of its length. Every
 * suggestion uses this. */
const char *suggest(const char *s, const char *const *candidates, size_t n);

/* The width to fit text into: COLUMNS when set to a number, else the width of the terminal
 * on fd; 0 (no limit) for a pipe or a file. */
size_t term_width(int fd);

bool str_has_suffix(const char *s, const char *suffix);
/* FNV-1a of s[0..len), for hash tables of strings. */
uint32_t str_hash(const char *s, size_t len);
/* Whether the 8 bytes at s are all printable ASCII (0x20 to 0x7E). */
bool text_printable8(const char *s);
/* The first control character in s[0..len) other than tab, LF and CR (C0, DEL or C1 in UTF-8),
 * or -1: what no text of the data may hold (the YAML reader and the observations refuse it). */
int text_control_char(const char *s, size_t len);

#endif
