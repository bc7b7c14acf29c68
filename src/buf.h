/* buf.h - the one string type: a growable byte buffer, never NULL, always NUL-terminated.
 *
 * A zeroed or BUF_INIT buffer is empty and valid; buf->s always points at a NUL-terminated
 * string (a static "" until the first append). An optional limit caps the length: appends that
 * would exceed it are refused, the buffer keeps what it had, and buf->overflow is set.
 * Escapers append text escaped for one output context. */
#ifndef MSGVET_BUF_H
#define MSGVET_BUF_H

#include <stdbool.h>
#include <stddef.h>

struct buf {
	char *s;       /* contents, NUL-terminated; never NULL */
	size_t len;    /* bytes used, not counting the NUL */
	size_t alloc;  /* bytes allocated, 0 while s is the static empty string */
	size_t limit;  /* 0 = unlimited, else maximum len */
	bool overflow; /* set when an append was refused because of limit */
};

extern char buf_empty[];
#define BUF_INIT { buf_empty, 0, 0, 0, false }

void buf_init(struct buf *b, size_t limit);
/* Free the contents and reset to empty (keeps the limit). */
void buf_release(struct buf *b);
/* Empty the buffer, keeping the allocation. */
void buf_reset(struct buf *b);
/* Take the contents as a malloc'ed string; the buffer becomes empty. */
char *buf_detach(struct buf *b, size_t *len);

/* Appends return 0, or -1 when the limit refused them. */
int buf_add(struct buf *b, const void *data, size_t n);
int buf_adds(struct buf *b, const char *s);
int buf_addc(struct buf *b, char c);
int buf_addf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append n copies of c. */
int buf_addn(struct buf *b, char c, size_t n);
/* Remove trailing whitespace. */
void buf_rtrim(struct buf *b);

/* HTML text or a double-quoted attribute value: & < > " ' escaped. */
void buf_add_html(struct buf *b, const char *s);
/* A URL inside an attribute: only http(s), mailto and relative URLs pass, others become "#". */
void buf_add_url(struct buf *b, const char *s);
/* Inline Markdown text owned by a template (the Mustache escaper for Markdown pages, table
 * cells, headings): escaped so that both CommonMark and Python-Markdown (mkdocs) read it as
 * the same text: \ ` * _ [ ] { } with a backslash (escapes both know), # + - ! at the start,
 * "1." as "1\."; < > & | as entities (Python-Markdown has no backslash escape for them), a
 * ':' that could start an emoji shortcode, and = ~ at the start, as entities too. Line
 * breaks and control characters (CR, LF, NEL, U+2028, U+2029, C0, C1) become spaces so data
 * cannot start a new block; leading blanks and line breaks are dropped (four blanks would
 * start a code block). */
void buf_add_md(struct buf *b, const char *s);
/* A CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF. A field starting
 * with = + - @ tab or CR, which a spreadsheet would run as a formula, is quoted and starts
 * with an apostrophe (OWASP's advice against CSV injection). */
void buf_add_csv(struct buf *b, const char *s);
/* The length of the line break or control character at s (CR, LF, any C0 or C1 control,
 * DEL, U+2028, U+2029), 0 when there is none. */
size_t buf_linebreak(const char *s);
/* A JSON string literal including the quotes. */
void buf_add_json(struct buf *b, const char *s);

/* Display width of a UTF-8 string in terminal columns (1 per code point, 0 for combining). */
size_t utf8_width(const char *s);
/* Whether s (n bytes) is valid UTF-8. */
bool utf8_valid(const char *s, size_t n);

#endif
