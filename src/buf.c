/* buf.c - growable string buffer and escapers. */
#include "buf.h"

#include <ctype.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

char buf_empty[1];

void buf_init(struct buf *b, size_t limit)
{
	b->s = buf_empty;
	b->len = 0;
	b->alloc = 0;
	b->limit = limit;
	b->overflow = false;
}

void buf_release(struct buf *b)
{
	if (b->alloc)
		free(b->s);
	b->s = buf_empty;
	b->len = 0;
	b->alloc = 0;
	b->overflow = false;
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->alloc)
		b->s[0] = '\0';
	b->overflow = false;
}

char *buf_detach(struct buf *b, size_t *len)
{
	char *s = b->alloc ? b->s : xstrdup("");
	if (len)
		*len = b->len;
	b->s = buf_empty;
	b->len = 0;
	b->alloc = 0;
	return s;
}

static int buf_reserve(struct buf *b, size_t n)
{
	if (b->limit && (n > b->limit || b->len > b->limit - n)) {
		b->overflow = true;
		return -1;
	}
	if (n >= (size_t)-1 / 2 - b->len)
		die(3, "out of memory");
	size_t need = b->len + n + 1;
	if (need > b->alloc) {
		size_t na = b->alloc ? b->alloc : 64;
		while (na < need)
			na *= 2;
		if (b->alloc) {
			b->s = xrealloc(b->s, na);
		} else {
			b->s = xmalloc(na);
			b->s[0] = '\0';
		}
		b->alloc = na;
	}
	return 0;
}

int buf_add(struct buf *b, const void *data, size_t n)
{
	if (n == 0)
		return 0;
	if (buf_reserve(b, n) < 0)
		return -1;
	memcpy(b->s + b->len, data, n);
	b->len += n;
	b->s[b->len] = '\0';
	return 0;
}

int buf_adds(struct buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

int buf_addc(struct buf *b, char c)
{
	return buf_add(b, &c, 1);
}

int buf_addn(struct buf *b, char c, size_t n)
{
	if (n == 0)
		return 0;
	if (buf_reserve(b, n) < 0)
		return -1;
	memset(b->s + b->len, c, n);
	b->len += n;
	b->s[b->len] = '\0';
	return 0;
}

int buf_addf(struct buf *b, const char *fmt, ...)
{
	char small[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		die(3, "formatting failed");
	if ((size_t)n < sizeof(small))
		return buf_add(b, small, (size_t)n);
	char *big = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	int rc = buf_add(b, big, (size_t)n);
	free(big);
	return rc;
}

void buf_rtrim(struct buf *b)
{
	while (b->len && (b->s[b->len - 1] == ' ' || b->s[b->len - 1] == '\n' ||
			  b->s[b->len - 1] == '\t' || b->s[b->len - 1] == '\r'))
		b->s[--b->len] = '\0';
}

static void add_html(struct buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': buf_adds(b, "&amp;"); break;
		case '<': buf_adds(b, "&lt;"); break;
		case '>': buf_adds(b, "&gt;"); break;
		case '"': buf_adds(b, "&quot;"); break;
		case '\'': buf_adds(b, "&#39;"); break;
		default: buf_addc(b, *s);
		}
	}
}

void buf_add_html(struct buf *b, const char *s)
{
	add_html(b, s);
}

void buf_add_url(struct buf *b, const char *s)
{
	const char *colon = strchr(s, ':');
	const char *slash = strchr(s, '/');
	bool has_scheme = colon && (!slash || colon < slash);
	if (has_scheme && strncmp(s, "https:", 6) != 0 && strncmp(s, "http:", 5) != 0 &&
	    strncmp(s, "mailto:", 7) != 0) {
		buf_addc(b, '#');
		return;
	}
	add_html(b, s);
}

size_t buf_linebreak(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	if (*p && (*p < 0x20 || *p == 0x7F))
		return 1;
	if (p[0] == 0xC2 && (p[1] == 0x85 || (p[1] >= 0x80 && p[1] < 0xA0)))
		return 2; /* NEL and the other C1 controls */
	if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9))
		return 3; /* LINE SEPARATOR, PARAGRAPH SEPARATOR */
	return 0;
}

void buf_add_md(struct buf *b, const char *s)
{
	/* leading blanks and line breaks could make an indented code block or hide a block
	 * marker after them; at the start of a block Markdown drops them anyway */
	for (;;) {
		size_t lb = buf_linebreak(s); /* every control character and line separator */
		if (lb)
			s += lb;
		else if (*s == ' ' || *s == '\t')
			s++;
		else
			break;
	}
	bool digits = true; /* only digits so far: "1." would start a list */
	for (const char *p = s; *p; p++) {
		char c = *p;
		size_t lb = buf_linebreak(p);
		if (lb) {
			buf_addc(b, ' ');
			p += lb - 1;
			digits = false;
			continue;
		}
		switch (c) {
		/* not Markdown escapes for Python-Markdown: entities render the character */
		case '<': buf_adds(b, "&lt;"); break;
		case '>': buf_adds(b, "&gt;"); break;
		case '&': buf_adds(b, "&amp;"); break;
		case '|': buf_adds(b, "&#124;"); break;
		case ':':
			/* :name: would be an emoji shortcode (an icon the template did not write) */
			if (isalnum((unsigned char)p[1]) || p[1] == '+' || p[1] == '-' || p[1] == '_')
				buf_adds(b, "&#58;");
			else
				buf_addc(b, c);
			break;
		case '=':
		case '~':
			if (p == s)
				buf_addf(b, "&#%d;", c);
			else
				buf_addc(b, c);
			break;
		case '.':
		case ')':
			if (digits && p != s)
				buf_addc(b, '\\');
			buf_addc(b, c);
			break;
		default:
			if (strchr("\\`*_[]{}", c) || (p == s && strchr("#+-!", c)))
				buf_addc(b, '\\');
			buf_addc(b, c);
		}
		digits = digits && c >= '0' && c <= '9';
	}
}

void buf_add_csv(struct buf *b, const char *s)
{
	/* a cell a spreadsheet would read as a formula is made text with a leading quote
	 * (OWASP, CSV injection) */
	bool formula = strchr("=+-@\t\r", *s) && *s;
	if (!formula && !strpbrk(s, ",\"\r\n")) {
		buf_adds(b, s);
		return;
	}
	buf_addc(b, '"');
	if (formula)
		buf_addc(b, '\'');
	for (; *s; s++) {
		if (*s == '"')
			buf_addc(b, '"');
		buf_addc(b, *s);
	}
	buf_addc(b, '"');
}

void buf_add_json(struct buf *b, const char *s)
{
	buf_addc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': buf_adds(b, "\\\""); break;
		case '\\': buf_adds(b, "\\\\"); break;
		case '\n': buf_adds(b, "\\n"); break;
		case '\r': buf_adds(b, "\\r"); break;
		case '\t': buf_adds(b, "\\t"); break;
		default:
			if (*p < 0x20)
				buf_addf(b, "\\u%04x", *p);
			else
				buf_addc(b, (char)*p);
		}
	}
	buf_addc(b, '"');
}

size_t utf8_width(const char *s)
{
	size_t w = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned c = *p;
		size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
		unsigned cp = c;
		if (n == 2 && p[1])
			cp = ((c & 0x1F) << 6) | (p[1] & 0x3F);
		else if (n == 3 && p[1] && p[2])
			cp = ((c & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
		/* combining diacritical marks take no column */
		if (!(cp >= 0x300 && cp <= 0x36F))
			w++;
		for (size_t i = 0; i < n && *p; i++)
			p++;
	}
	return w;
}

bool utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	while (p < end) {
		unsigned c = *p;
		size_t len;
		unsigned min;
		if (c < 0x80) {
			p++;
			continue;
		} else if ((c & 0xE0) == 0xC0) {
			len = 2; min = 0x80; c &= 0x1F;
		} else if ((c & 0xF0) == 0xE0) {
			len = 3; min = 0x800; c &= 0x0F;
		} else if ((c & 0xF8) == 0xF0) {
			len = 4; min = 0x10000; c &= 0x07;
		} else {
			return false;
		}
		if ((size_t)(end - p) < len)
			return false;
		for (size_t i = 1; i < len; i++) {
			if ((p[i] & 0xC0) != 0x80)
				return false;
			c = (c << 6) | (p[i] & 0x3F);
		}
		if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
			return false;
		p += len;
	}
	return true;
}
