/* fuzz_apt.c - the apt Packages index parser and Debian version order of src/probe/parse.c.
 *
 * Each input is parsed as a Packages index for the package "signal-desktop" and for the
 * package the first stanza names. Properties: no crash, leak or undefined behaviour; 0 with a
 * version (and an empty reason), or -1 with a reason; the version returned is at least every
 * Version of a stanza of that package (checked independently, stanza by stanza, with the same
 * order); and the order itself is a total preorder on the versions seen: cmp(a, a) == 0 and
 * cmp(a, b) has the opposite sign of cmp(b, a). */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "fuzz.h"
#include "parse.h"
#include "util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static int sign(int x)
{
	return (x > 0) - (x < 0);
}

static void check_order(const char *a, const char *b)
{
	if (deb_version_cmp(a, a) != 0)
		fuzz_fail("apt: '%s' is not equal to itself", a);
	if (sign(deb_version_cmp(a, b)) != -sign(deb_version_cmp(b, a)))
		fuzz_fail("apt: '%s' and '%s' compare inconsistently", a, b);
}

/* The value of "Field:" on a line starting at s (to eol), trimmed, or NULL. */
static char *field(const char *s, const char *eol, const char *name)
{
	size_t n = strlen(name);
	if ((size_t)(eol - s) <= n || strncmp(s, name, n) != 0 || s[n] != ':')
		return NULL;
	const char *v = s + n + 1;
	while (v < eol && (*v == ' ' || *v == '\t'))
		v++;
	const char *e = eol;
	while (e > v && (e[-1] == '\r' || e[-1] == ' '))
		e--;
	return xstrndup(v, (size_t)(e - v));
}

/* Every Version of a stanza of package in body, checked against best. */
static void check_highest(const char *body, size_t size, const char *package, const char *best)
{
	const char *s = body, *end = body + size;
	char *pkg = NULL, *ver = NULL;
	for (;;) {
		const char *eol = s < end ? memchr(s, '\n', (size_t)(end - s)) : NULL;
		if (!eol)
			eol = end;
		bool blank = s >= end || eol == s || (eol == s + 1 && *s == '\r');
		if (blank) {
			if (pkg && ver && strcmp(pkg, package) == 0 && *ver) {
				check_order(ver, best);
				if (deb_version_cmp(ver, best) > 0)
					fuzz_fail("apt: '%s' of %s is above the highest found, '%s'", ver,
						  package, best);
			}
			free(pkg);
			free(ver);
			pkg = ver = NULL;
			/* as the parser does: the next stanza starts after every CR and LF */
			while (eol + 1 < end && (eol[1] == '\n' || eol[1] == '\r'))
				eol++;
		} else {
			char *v;
			if (!pkg && (v = field(s, eol, "Package")))
				pkg = v;
			else if (!ver && (v = field(s, eol, "Version")))
				ver = v;
		}
		if (s >= end)
			break;
		s = eol + 1;
	}
}

static void one(const char *body, size_t size, const char *package)
{
	struct arena a = ARENA_INIT;
	struct buf why = BUF_INIT;
	struct parsed_feed f;
	int rc = parse_apt_packages(body, size, package, &a, &f, &why);
	if (rc == 0 && (why.len != 0 || !f.version || !*f.version))
		fuzz_fail("apt: success with a reason or without a version");
	if (rc != 0 && (rc != -1 || why.len == 0))
		fuzz_fail("apt: failure %d without a reason", rc);
	if (rc == 0)
		check_highest(body, size, package, f.version);
	buf_release(&why);
	arena_release(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *body = malloc(size ? size : 1);
	if (!body)
		fuzz_fail("apt: out of memory");
	if (size)
		memcpy(body, data, size);
	else
		body[0] = '\0'; /* never read: the parsers get a length of 0 */
	one(body, size, "signal-desktop");
	const char *eol = memchr(body, '\n', size);
	char *first = field(body, eol ? eol : body + size, "Package");
	if (first && *first && !memchr(body, '\0', size))
		one(body, size, first);
	free(first);
	free(body);
	return 0;
}
