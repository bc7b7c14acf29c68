/* test_licence.c - licence detection: every reference licence as plain text, as Markdown, with
 * CRLF line ends, with a copyright line, without its title; with a clause added, removed or
 * changed (must be `other`); real-world copies (Debian's common-licenses, REUSE copies from
 * other projects); the BSD/MIT family's near neighbours; non-licence, binary, empty and huge
 * input; SPDX-License-Identifier lines; the normaliser itself. Runs from the top of the tree. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "buf.h"
#include "diag.h"
#include "fsutil.h"
#include "licdata.h"
#include "licence.h"
#include "util.h"

static const char *const listed[] = {
	"AGPL-3.0", "GPL-2.0", "GPL-3.0", "LGPL-2.1", "LGPL-3.0", "MPL-2.0", "Apache-2.0", "MIT",
	"BSD-2-Clause", "BSD-3-Clause", "ISC", "0BSD", "Unlicense", "CC0-1.0", "EPL-2.0", "BSL-1.0",
	"Zlib",
};

static struct licence_db db;

static int setup(void **state)
{
	(void)state;
	struct diag d = DIAG_INIT;
	int rc = licdata_load(&db, "data/licences", &d);
	diag_print(&d, stderr);
	diag_release(&d);
	return rc;
}

static int teardown(void **state)
{
	(void)state;
	licence_db_release(&db);
	return 0;
}

static char *reference(const char *id, size_t *len)
{
	char *path = xasprintf("data/licences/%s.txt", id);
	char *s = read_file(path, LICENCE_MAX_TEXT, len);
	if (!s)
		fail_msg("cannot read %s", path);
	free(path);
	return s;
}

/* Detect s and check the verdict and id (NULL: any). Prints what came out on a failure. */
static void expect(const char *what, const char *id, const char *s, size_t len,
		   enum licence_verdict verdict, const char *want)
{
	struct licence_result r;
	licence_detect(&db, s, len, &r);
	bool ok = r.verdict == verdict && (!want || (r.id && strcmp(r.id, want) == 0));
	if (!ok) {
		static const char *const names[] = {"match", "other", "unknown"};
		fail_msg("%s %s: got %s %s (confidence %.3f, %zu edits, %s), expected %s %s", id, what,
			 names[r.verdict], r.id ? r.id : "-", r.confidence, r.edits,
			 r.reason ? r.reason : "-", names[verdict], want ? want : "-");
	}
	if (verdict == LICENCE_MATCH)
		assert_true(r.confidence > 0.999);
	else
		assert_true(r.confidence < 1.0);
}

/* The text as Markdown: a heading, list items for numbered clauses, emphasis on some words. */
static void markdown(const char *s, struct buf *out)
{
	buf_adds(out, "## License\n\n");
	size_t word = 0;
	bool line_start = true;
	const char *text = s;
	while (*s) {
		if (line_start) {
			const char *p = s;
			while (*p == ' ')
				p++;
			const char *q = p;
			while (*q >= '0' && *q <= '9')
				q++;
			if (q > p && *q == '.' && q[1] == ' ') {
				buf_adds(out, "* ");
				s = q + 2;
			}
			line_start = false;
			continue;
		}
		if (*s == '\n') {
			buf_addc(out, *s++);
			line_start = true;
			continue;
		}
		if (*s == ' ' || (s > text && s[-1] != ' ' && s[-1] != '\n')) {
			buf_addc(out, *s++);
			continue;
		}
		size_t n = strcspn(s, " \n");
		word++;
		const char *mark = word % 7 == 0 ? "**" : word % 11 == 0 ? "_" : "";
		buf_adds(out, mark);
		buf_add(out, s, n);
		buf_adds(out, mark);
		s += n;
	}
}

static void crlf(const char *s, struct buf *out)
{
	for (; *s; s++) {
		if (*s == '\n')
			buf_addc(out, '\r');
		buf_addc(out, *s);
	}
}

static size_t count_words(const char *s, size_t n)
{
	size_t w = 0;
	bool in = false;
	for (size_t i = 0; i < n; i++) {
		bool sp = s[i] == ' ' || s[i] == '\n' || s[i] == '\t';
		if (!sp && !in)
			w++;
		in = !sp;
	}
	return w;
}

/* Without its first paragraph when that is short lines (the title and version). */
static const char *untitled(const char *s)
{
	const char *p = s;
	while (*p == '\n')
		p++;
	for (;;) {
		const char *nl = strchr(p, '\n');
		if (!nl || count_words(p, (size_t)(nl - p)) >= 8)
			return s;
		p = nl + 1;
		if (*p == '\n')
			return p;
	}
}

/* The sentences of s (". " or ".\n" ends one), as offsets of their starts; the text after
 * the title. Returns the start of the sentence in the middle of the body, its end in *end. */
static size_t middle_sentence(const char *s, size_t *end)
{
	const char *body = untitled(s);
	size_t starts[4096], n = 0;
	starts[n++] = (size_t)(body - s);
	for (const char *p = body; *p && n < 4096; p++)
		if (*p == '.' && (p[1] == ' ' || p[1] == '\n') && p > body &&
		    ((p[-1] >= 'a' && p[-1] <= 'z') || (p[-1] >= 'A' && p[-1] <= 'Z'))) {
			const char *q = p + 1;
			while (*q == ' ' || *q == '\n')
				q++;
			if (*q)
				starts[n++] = (size_t)(q - s);
		}
	size_t k = n / 2;
	*end = k + 1 < n ? starts[k + 1] : strlen(s);
	return starts[k];
}

static void variants(const char *id)
{
	size_t len;
	char *s = reference(id, &len);
	struct buf b = BUF_INIT;

	expect("plain", id, s, len, LICENCE_MATCH, id);

	markdown(s, &b);
	expect("as Markdown", id, b.s, b.len, LICENCE_MATCH, id);
	buf_reset(&b);

	crlf(s, &b);
	expect("with CRLF", id, b.s, b.len, LICENCE_MATCH, id);
	buf_reset(&b);

	buf_addf(&b, "Copyright (c) 2019-2024 Example Project contributors <dev@example.org>\n\n%s", s);
	expect("with a copyright line", id, b.s, b.len, LICENCE_MATCH, id);
	buf_reset(&b);

	buf_addf(&b, "%s\n\nCopyright © 2024 Example Corp.\n", untitled(s));
	expect("without its title, copyright at the end", id, b.s, b.len, LICENCE_MATCH, id);
	buf_reset(&b);

	/* a clause added in the middle */
	size_t mend, m = middle_sentence(s, &mend);
	buf_add(&b, s, m);
	buf_adds(&b, "The Software may not be used for commercial purposes without a separate written agreement. ");
	buf_adds(&b, s + m);
	expect("with a clause added", id, b.s, b.len, LICENCE_OTHER, id);
	buf_reset(&b);

	/* a clause removed */
	buf_add(&b, s, m);
	buf_adds(&b, s + mend);
	if (strcmp(id, "BSD-3-Clause") == 0) /* its middle sentence is clause 3: BSD-2's text is left */
		expect("with a clause removed", id, b.s, b.len, LICENCE_MATCH, "BSD-2-Clause");
	else
		expect("with a clause removed", id, b.s, b.len, LICENCE_OTHER, id);
	buf_reset(&b);

	/* a clause changed: its first words replaced */
	const char *p = s + m;
	for (int k = 0; k < 4 && p < s + mend; k++)
		p += strcspn(p, " \n") + 1;
	buf_add(&b, s, m);
	buf_adds(&b, "Except for commercial use by a government, ");
	buf_add(&b, p, len - (size_t)(p - s));
	expect("with a clause changed", id, b.s, b.len, LICENCE_OTHER, id);
	buf_reset(&b);

	/* one word added: "not" (no tolerance) */
	const char *verb = strstr(s, " is ");
	if (verb) {
		buf_add(&b, s, (size_t)(verb - s) + 4);
		buf_adds(&b, "not ");
		buf_adds(&b, verb + 4);
		expect("with 'not' added", id, b.s, b.len, LICENCE_OTHER, id);
		buf_reset(&b);
	}

	buf_release(&b);
	free(s);
}

static void test_references(void **state)
{
	(void)state;
	assert_int_equal(db.n, ARRAY_SIZE(listed));
	for (size_t i = 0; i < ARRAY_SIZE(listed); i++) {
		bool found = false;
		for (size_t k = 0; k < db.n; k++)
			found = found || strcmp(db.v[k].id, listed[i]) == 0;
		if (!found)
			fail_msg("no reference text for %s", listed[i]);
	}
}

static void test_variants(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(listed); i++)
		variants(listed[i]);
}

/* Copies of the licences from elsewhere: Debian's (always on Debian: base-files) and REUSE
 * copies from other projects (tests/licence/real/README.md). */
static void test_real_copies(void **state)
{
	(void)state;
	static const char *const debian[][2] = {
		{"Apache-2.0", "Apache-2.0"}, {"BSD", "BSD-3-Clause"}, {"CC0-1.0", "CC0-1.0"},
		{"GPL-2", "GPL-2.0"}, {"GPL-3", "GPL-3.0"}, {"LGPL-2.1", "LGPL-2.1"},
		{"LGPL-3", "LGPL-3.0"}, {"MPL-2.0", "MPL-2.0"},
	};
	for (size_t i = 0; i < ARRAY_SIZE(debian); i++) {
		char *path = xasprintf("/usr/share/common-licenses/%s", debian[i][0]);
		size_t len;
		char *s = read_file(path, LICENCE_MAX_TEXT, &len);
		if (!s)
			fail_msg("cannot read %s (Debian's base-files installs it)", path);
		expect("Debian's copy", debian[i][1], s, len, LICENCE_MATCH, debian[i][1]);
		free(s);
		free(path);
	}
	static const char *const real[][3] = {
		{"0BSD.cpachecker.txt", "0BSD", "m"}, {"BSD-2-Clause.qtbase.txt", "BSD-2-Clause", "m"},
		{"BSD-3-Clause.zephyr.txt", "BSD-3-Clause", "m"}, {"BSL-1.0.qtbase.txt", "BSL-1.0", "m"},
		{"ISC.zephyr.txt", "ISC", "m"}, {"Unlicense.opentitan.txt", "Unlicense", "m"},
		{"Zlib.cpachecker.txt", "Zlib", "m"}, {"MIT-variant.qtbase.txt", "MIT", "o"},
	};
	for (size_t i = 0; i < ARRAY_SIZE(real); i++) {
		char *path = xasprintf("tests/licence/real/%s", real[i][0]);
		size_t len;
		char *s = read_file(path, LICENCE_MAX_TEXT, &len);
		if (!s)
			fail_msg("cannot read %s", path);
		expect(real[i][0], real[i][1], s, len, real[i][2][0] == 'm' ? LICENCE_MATCH : LICENCE_OTHER,
		       real[i][1]);
		free(s);
		free(path);
	}
}

/* Replace the first occurrence of from by to in s (which must hold it). */
static void replaced(const char *s, const char *from, const char *to, struct buf *out)
{
	const char *p = strstr(s, from);
	if (!p)
		fail_msg("'%s' not found", from);
	buf_add(out, s, (size_t)(p - s));
	buf_adds(out, to);
	buf_adds(out, p + strlen(from));
}

static void test_neighbours(void **state)
{
	(void)state;
	size_t len;
	struct buf b = BUF_INIT;
	/* MIT with the usual "non-commercial" addition */
	char *mit = reference("MIT", &len);
	replaced(mit, "subject to the following conditions:\n",
		 "subject to the following conditions:\n\nThe Software may not be used for commercial purposes.\n", &b);
	expect("non-commercial", "MIT", b.s, b.len, LICENCE_OTHER, "MIT");
	buf_reset(&b);
	/* ... and with its grant narrowed by removing "sell" */
	replaced(mit, "sublicense, and/or sell", "and/or sublicense", &b);
	expect("without 'sell'", "MIT", b.s, b.len, LICENCE_OTHER, "MIT");
	buf_reset(&b);
	free(mit);

	/* BSD-3 without clause 3 is not BSD-3 (it is BSD-2's text) */
	char *bsd3 = reference("BSD-3-Clause", &len);
	const char *c3 = strstr(bsd3, "3. Neither");
	const char *after = strstr(bsd3, "THIS SOFTWARE");
	assert_non_null(c3);
	assert_non_null(after);
	buf_add(&b, bsd3, (size_t)(c3 - bsd3));
	buf_adds(&b, after);
	struct licence_result r;
	licence_detect(&db, b.s, b.len, &r);
	assert_true(r.verdict != LICENCE_MATCH || strcmp(r.id, "BSD-3-Clause") != 0);
	expect("without clause 3", "BSD-3-Clause", b.s, b.len, LICENCE_MATCH, "BSD-2-Clause");
	buf_reset(&b);
	/* BSD-3 with its clause 3 naming an organisation is still BSD-3 */
	replaced(bsd3, "Neither the name of the copyright holder nor", "Neither the name of Example Corp. nor", &b);
	expect("with a name in clause 3", "BSD-3-Clause", b.s, b.len, LICENCE_MATCH, "BSD-3-Clause");
	buf_reset(&b);
	/* ... but a clause 3 that says something else is not */
	replaced(bsd3, "may be used to endorse or promote products derived from\n   this software without specific prior written permission",
		 "may be used in advertising", &b);
	expect("with clause 3 changed", "BSD-3-Clause", b.s, b.len, LICENCE_OTHER, "BSD-3-Clause");
	buf_reset(&b);
	free(bsd3);

	/* ISC without its notice condition is 0BSD's text; 0BSD with it is ISC's */
	char *isc = reference("ISC", &len);
	char *zero = reference("0BSD", &len);
	licence_detect(&db, isc, strlen(isc), &r);
	assert_string_equal(r.id, "ISC");
	licence_detect(&db, zero, strlen(zero), &r);
	assert_string_equal(r.id, "0BSD");
	free(isc);
	free(zero);
	buf_release(&b);
}

static void test_not_licences(void **state)
{
	(void)state;
	size_t len;
	char *readme = read_file("README.md", 1 << 20, &len);
	assert_non_null(readme);
	expect("a README", "-", readme, len, LICENCE_UNKNOWN, NULL);
	free(readme);
	char *mk = read_file("Makefile", 1 << 20, &len);
	assert_non_null(mk);
	expect("a Makefile", "-", mk, len, LICENCE_UNKNOWN, NULL);
	free(mk);
	expect("empty", "-", "", 0, LICENCE_UNKNOWN, NULL);
	expect("one line", "-", "MIT License\n", 12, LICENCE_UNKNOWN, NULL);

	/* binary: an MIT text with a NUL byte inside */
	char *mit = reference("MIT", &len);
	mit[len / 2] = '\0';
	struct licence_result r;
	licence_detect(&db, mit, len, &r);
	assert_int_equal(r.verdict, LICENCE_UNKNOWN);
	assert_string_equal(r.reason, "binary");
	free(mit);

	/* huge: over the limit is refused without reading it; at the limit, MIT repeated */
	mit = reference("MIT", &len);
	struct buf b = BUF_INIT;
	while (b.len + len <= LICENCE_MAX_TEXT)
		buf_add(&b, mit, len);
	licence_detect(&db, b.s, b.len, &r);
	assert_int_not_equal(r.verdict, LICENCE_MATCH);
	buf_addn(&b, ' ', LICENCE_MAX_TEXT + 1 - b.len);
	licence_detect(&db, b.s, b.len, &r);
	assert_int_equal(r.verdict, LICENCE_UNKNOWN);
	assert_string_equal(r.reason, "too large for a licence text");
	buf_release(&b);
	free(mit);

	/* invalid UTF-8 is not binary: a Latin-1 copyright sign */
	mit = reference("MIT", &len);
	buf_addf(&b, "Copyright \xa9 2020 X\n\n%s", mit);
	expect("with a Latin-1 copyright line", "MIT", b.s, b.len, LICENCE_MATCH, "MIT");
	buf_release(&b);
	free(mit);
}

static void test_normalise(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	const char *in = "# The MIT Licence (MIT)\r\n\r\nCopyright (c) 2020 Jane <j@example.org>\r\n"
			 "All rights reserved.\r\n\r\nPermission is hereby granted \u2014 \u201cfree\u201d of "
			 "charge &amp; **non-infringement** at https://example.org/x, see [the site](http://x.org).\r\n"
			 "  (a) the licensor\u2019s terms;\r\n  iv. 3.1 section 12\r\n";
	licence_normalise(in, strlen(in), &b);
	assert_string_equal(b.s, "permission is hereby granted free of charge noninfringement at see "
				 "the site the licensors terms section");
	buf_reset(&b);
	/* a one-letter line ending a paragraph ("w.") is a list marker with LF and with CRLF
	 * alike (fuzzing found CRLF keeping it, and the paragraph, where LF dropped both) */
	struct buf crlf = BUF_INIT;
	in = "This software is provided as is, without any express or implied\nw.\n\nPermission is granted.\n";
	licence_normalise(in, strlen(in), &b);
	in = "This software is provided as is, without any express or implied\r\nw.\r\n\r\nPermission is granted.\r\n";
	licence_normalise(in, strlen(in), &crlf);
	assert_string_equal(b.s, crlf.s);
	buf_release(&crlf);
	buf_reset(&b);
	/* BSD names become one placeholder; the GPL appendix goes */
	in = "Neither the name of Foo Bar Inc. nor the names of its contributors. "
	     "PROVIDED BY THE REGENTS \"AS IS\". END OF TERMS AND CONDITIONS How to Apply";
	licence_normalise(in, strlen(in), &b);
	assert_string_equal(b.s, "neither the name of <name> nor the names of its contributors provided by <name> as is");
	buf_release(&b);
}

static void test_spdx_tag(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	const char *s = "/* hello\n * SPDX-License-Identifier: GPL-3.0-or-later OR MIT */\nint x;\n";
	assert_int_equal(licence_spdx_tag(s, strlen(s), &b), 0);
	assert_string_equal(b.s, "GPL-3.0-or-later OR MIT");
	buf_reset(&b);
	s = "<!-- spdx-license-identifier: AGPL-3.0-only -->\r\n";
	assert_int_equal(licence_spdx_tag(s, strlen(s), &b), 0);
	assert_string_equal(b.s, "AGPL-3.0-only");
	buf_reset(&b);
	s = "SPDX-License-Identifier:   \n";
	assert_int_equal(licence_spdx_tag(s, strlen(s), &b), -1);
	s = "no tag here";
	assert_int_equal(licence_spdx_tag(s, strlen(s), &b), -1);
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_references),
		cmocka_unit_test(test_variants),
		cmocka_unit_test(test_real_copies),
		cmocka_unit_test(test_neighbours),
		cmocka_unit_test(test_not_licences),
		cmocka_unit_test(test_normalise),
		cmocka_unit_test(test_spdx_tag),
	};
	return cmocka_run_group_tests_name("licence", tests, setup, teardown);
}
