/* fuzz.c - helpers shared by the harnesses (see fuzz.h). */
#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "util.h"

void fuzz_fail(const char *fmt, ...)
{
	va_list ap;
	fputs("fuzz: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

char *fuzz_cstr(const uint8_t *data, size_t size)
{
	const void *nul = memchr(data, '\0', size);
	size_t n = nul ? (size_t)((const uint8_t *)nul - data) : size;
	char *s = xmalloc(n + 1);
	memcpy(s, data, n);
	s[n] = '\0';
	return s;
}

/* The scheme a browser sees in an attribute's (decoded) URL, lower-cased into scheme; false
 * when it has none. */
bool fuzz_url_scheme(const char *url, char *scheme, size_t size)
{
	const unsigned char *p = (const unsigned char *)url;
	while (*p && *p <= 0x20)
		p++;
	size_t n = 0;
	for (; *p; p++) {
		if (*p == '\t' || *p == '\n' || *p == '\r')
			continue;
		if (*p == ':')
			break;
		bool ok = n == 0 ? isalpha(*p) : isalnum(*p) || *p == '+' || *p == '-' || *p == '.';
		if (!ok || n + 1 >= size)
			return false;
		scheme[n++] = (char)tolower(*p);
	}
	scheme[n] = '\0';
	return *p == ':' && n > 0;
}
