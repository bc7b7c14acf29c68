/* util.c - allocation wrappers, dates, edit distance. */
#include "util.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

const char *progname = "msgvet";

static void oom(void)
{
	fprintf(stderr, "%s: out of memory\n", progname);
	exit(3);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *xgrow(void *p, size_t size, size_t need, size_t *alloc)
{
	if (need <= *alloc)
		return p;
	size_t na = *alloc ? *alloc : 4;
	while (na < need) {
		if (na > SIZE_MAX / 2 / size)
			oom();
		na *= 2;
	}
	*alloc = na;
	return xrealloc(p, na * size);
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		die(3, "formatting failed");
	char *p = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void die(int code, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(code);
}

void warnmsg(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* Howard Hinnant's days_from_civil. */
static long days_from_civil(long y, unsigned m, unsigned d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

static int is_leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_parse(const char *s, long *days)
{
	for (int i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return -1;
		} else if (s[i] < '0' || s[i] > '9') {
			return -1;
		}
	}
	if (s[10] != '\0')
		return -1;
	long y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	unsigned m = (unsigned)((s[5] - '0') * 10 + (s[6] - '0'));
	unsigned d = (unsigned)((s[8] - '0') * 10 + (s[9] - '0'));
	static const unsigned mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1970 || m < 1 || m > 12 || d < 1)
		return -1;
	unsigned max = mdays[m - 1] + (m == 2 && is_leap(y));
	if (d > max)
		return -1;
	*days = days_from_civil(y, m, d);
	return 0;
}

void date_format(long z, char out[static 11])
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = (long)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	unsigned d = doy - (153 * mp + 2) / 5 + 1;
	unsigned m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	y = y < 0 ? 0 : y % 10000;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

long date_today(void)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	time_t t;
	if (sde && *sde) {
		char *end;
		errno = 0;
		long long v = strtoll(sde, &end, 10);
		if (errno == ERANGE || *end || end == sde || sde[0] == '+' || sde[0] == ' ')
			die(2, "SOURCE_DATE_EPOCH '%s' is not a number of seconds", sde);
		/* the range of --now: 1970-01-01 to 9999-12-31 */
		if (v < 0 || v > DATE_MAX_EPOCH)
			die(2, "SOURCE_DATE_EPOCH '%s' is out of range (0 to %lld, 1970-01-01 to 9999-12-31, as for --now)",
			    sde, (long long)DATE_MAX_EPOCH);
		t = (time_t)v;
	} else {
		t = time(NULL);
	}
	return (long)(t / 86400);
}

size_t edit_distance(const char *a, const char *b, size_t cap)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 256 || lb > 256)
		return cap + 1;
	size_t prev[257], cur[257];
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		size_t rowmin = cur[0];
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t v = prev[j - 1] + cost;
			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			cur[j] = v;
			if (v < rowmin)
				rowmin = v;
		}
		if (rowmin > cap)
			return cap + 1;
		memcpy(prev, cur, (lb + 1) * sizeof(size_t));
	}
	return prev[lb];
}

const char *closest_match(const char *s, const char *const *cand, size_t n)
{
	size_t cap = strlen(s) / 3 + 2, best = cap + 1;
	const char *match = NULL;
	for (size_t i = 0; i < n; i++) {
		/* a prefix counts as close: "simple" -> "simplex" */
		size_t d = strncmp(cand[i], s, strlen(s)) == 0 ? 1 : edit_distance(s, cand[i], cap);
		if (d < best) {
			best = d;
			match = cand[i];
		}
	}
	return match;
}

const char *suggest(const char *s, const char *const *cand, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(cand[i], s) == 0)
			return cand[i];
	const char *near = closest_match(s, cand, n);
	if (!near)
		return NULL;
	size_t ls = strlen(s), ln = strlen(near), allowed = ls / 3 > 1 ? ls / 3 : 1;
	/* one starts with the other: "simple" -> "simplex", "simplexchat" -> "simplex" */
	if (ls >= 3 && ln >= 3 && strncmp(near, s, ls < ln ? ls : ln) == 0)
		return near;
	return edit_distance(s, near, allowed) <= allowed ? near : NULL;
}

size_t term_width(int fd)
{
	const char *cols = getenv("COLUMNS");
	if (cols && *cols) {
		char *end;
		errno = 0;
		long v = strtol(cols, &end, 10);
		if (!errno && !*end && v > 0 && v < 10000)
			return (size_t)v;
	}
	struct winsize ws;
	if (isatty(fd) && ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 0;
}

bool str_has_suffix(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);
	return ls >= lx && memcmp(s + ls - lx, suffix, lx) == 0;
}

uint32_t str_hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}
#define ONES UINT64_C(0x0101010101010101)
#define HIGH UINT64_C(0x8080808080808080)

/* Whether the 8 bytes at s are all printable ASCII (0x20 to 0x7E): most of a file, skipped a
 * word at a time. */
bool text_printable8(const char *s)
{
	uint64_t w;
	memcpy(&w, s, sizeof(w));
	uint64_t del = w ^ (0x7F * ONES);
	return !(w & HIGH) && !((w - 0x20 * ONES) & ~w & HIGH) && !((del - ONES) & ~del & HIGH);
}

/* The first control character in s (other than tab, LF, CR): C0, DEL or C1. Escapes in
 * double-quoted strings can produce them although the file itself may not hold them. */
int text_control_char(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (i + 8 <= len && text_printable8(s + i)) {
			i += 7;
			continue;
		}
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
			return c;
		if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9F)
			return (unsigned char)s[i + 1];
	}
	return -1;
}

