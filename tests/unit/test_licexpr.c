/* test_licexpr.c - the licence expression of a repository (src/probe/licexpr.c): terms from
 * the files, LicenseRef names, alternatives, AND/OR from the notice, -only/-or-later from the
 * notice or the headers, disagreements kept visible, and the prose grant of later versions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "licexpr.h"

#define F(path, lic) {path, lic, NULL, NULL, true}

/* Decide and return the expression (static copy); *ev gets the evidence joined by '|'. */
static const char *decide(const struct licexpr_file *f, size_t n, const char *notice,
			  const struct licexpr_tally *t, size_t nt, size_t later, char *ev, size_t evlen)
{
	static char expr[512];
	struct licexpr_input in = {f, n, notice ? "README.md" : NULL, notice, notice ? strlen(notice) : 0,
				   t, nt, later};
	struct licexpr e;
	licexpr_decide(&in, &e);
	snprintf(expr, sizeof(expr), "%s", e.expression ? e.expression : "(null)");
	ev[0] = '\0';
	for (size_t i = 0; i < e.nevidence; i++) {
		strncat(ev, e.evidence[i], evlen - strlen(ev) - 1);
		strncat(ev, "|", evlen - strlen(ev) - 1);
	}
	licexpr_release(&e);
	return expr;
}

static void test_terms(void **state)
{
	(void)state;
	char ev[4096];
	struct licexpr_file one[] = {F("LICENSE", "MIT")};
	assert_string_equal(decide(one, 1, NULL, NULL, 0, 0, ev, sizeof(ev)), "MIT");
	struct licexpr_file two[] = {F("LICENSE", "MIT"), F("LICENSES/MIT.txt", "MIT"),
				     F("LICENSES/Apache-2.0.txt", "Apache-2.0")};
	assert_string_equal(decide(two, 3, NULL, NULL, 0, 0, ev, sizeof(ev)), "MIT AND Apache-2.0");
	assert_non_null(strstr(ev, "LICENSES/MIT.txt: MIT again"));
	assert_string_equal(decide(two, 3, "Dual-licensed under MIT and Apache 2.0.", NULL, 0, 0, ev, sizeof(ev)),
			    "MIT OR Apache-2.0");
	assert_string_equal(decide(two, 3, "Choose *either* of them: your choice of MIT or Apache", NULL, 0, 0,
				   ev, sizeof(ev)), "MIT OR Apache-2.0");
	assert_string_equal(decide(two, 3, "Neither of the authors may be named.", NULL, 0, 0, ev, sizeof(ev)),
			    "MIT AND Apache-2.0");
	/* LicenseRef names */
	struct licexpr_file refs[] = {F("LICENSE.proprietary.md", "unknown"), F("LICENSES/LicenseRef-Foo.txt", "other"),
				      F("LICENSE", "unknown"), F("COPYING-third_party", "unknown")};
	assert_string_equal(decide(refs, 4, NULL, NULL, 0, 0, ev, sizeof(ev)),
			    "(LicenseRef-Foo AND LicenseRef-LICENSE AND LicenseRef-Third-Party) OR LicenseRef-Proprietary");
	/* no text: no term */
	struct licexpr_file link[] = {{"COPYING", "unknown", NULL, "a symbolic link (not followed)", false}};
	assert_string_equal(decide(link, 1, NULL, NULL, 0, 0, ev, sizeof(ev)), "(null)");
	assert_string_equal(ev, "COPYING: left out: a symbolic link (not followed)|");
	assert_string_equal(decide(NULL, 0, NULL, NULL, 0, 0, ev, sizeof(ev)), "(null)");
	assert_string_equal(ev, "no licence file|");
}

static void test_alternatives(void **state)
{
	(void)state;
	char ev[4096];
	struct licexpr_file f[] = {F("LICENSE", "AGPL-3.0"), F("LICENSE-COMMERCIAL", "unknown")};
	assert_string_equal(decide(f, 2, "Released under the AGPL-3.0-only.", NULL, 0, 0, ev, sizeof(ev)),
			    "AGPL-3.0-only OR LicenseRef-Commercial");
	struct licexpr_file g[] = {F("LICENSE", "MIT"), F("LICENSE-APACHE", "Apache-2.0"),
				   F("LICENSE-ENTERPRISE.txt", "unknown")};
	assert_string_equal(decide(g, 3, NULL, NULL, 0, 0, ev, sizeof(ev)),
			    "(MIT AND Apache-2.0) OR LicenseRef-Enterprise");
}

static void test_gnu_suffix(void **state)
{
	(void)state;
	char ev[4096];
	struct licexpr_file f[] = {F("COPYING", "GPL-2.0")};
	/* the notice decides */
	assert_string_equal(decide(f, 1, "either version 2 of the License, or (at your option)\nany later version.",
				   NULL, 0, 0, ev, sizeof(ev)), "GPL-2.0-or-later");
	assert_string_equal(decide(f, 1, "Licensed under the GPL version 2 only.", NULL, 0, 0, ev, sizeof(ev)),
			    "GPL-2.0-only");
	assert_string_equal(decide(f, 1, "GPLv2 only", NULL, 0, 0, ev, sizeof(ev)), "GPL-2.0-only");
	/* "only" not after a version is no grant */
	assert_string_equal(decide(f, 1, "Use only for good.", NULL, 0, 0, ev, sizeof(ev)), "GPL-2.0");
	assert_non_null(strstr(ev, "the plain identifier is kept"));
	/* requirements are no grants; SPDX ids in the notice count */
	assert_string_equal(decide(f, 1, "Needs Android 8 only.", NULL, 0, 0, ev, sizeof(ev)), "GPL-2.0");
	assert_string_equal(decide(f, 1, "Needs Python 3.8 or later.", NULL, 0, 0, ev, sizeof(ev)), "GPL-2.0");
	assert_string_equal(decide(f, 1, "GPL-2.0-or-later", NULL, 0, 0, ev, sizeof(ev)), "GPL-2.0-or-later");
	assert_string_equal(decide(f, 1, "SPDX: GPL-2.0-only", NULL, 0, 0, ev, sizeof(ev)), "GPL-2.0-only");
	/* the headers decide when the notice is silent */
	struct licexpr_tally only[] = {{"GPL-2.0-only", 1115}, {"MIT", 3}};
	assert_string_equal(decide(f, 1, "A messenger.", only, 2, 0, ev, sizeof(ev)), "GPL-2.0-only");
	assert_non_null(strstr(ev, "1115 files say GPL-2.0-only"));
	struct licexpr_tally later[] = {{"(GPL-2.0+ OR MIT)", 4}};
	assert_string_equal(decide(f, 1, NULL, later, 1, 0, ev, sizeof(ev)), "GPL-2.0-or-later");
	assert_string_equal(decide(f, 1, NULL, NULL, 0, 2, ev, sizeof(ev)), "GPL-2.0-or-later");
	/* disagreement: both reported, plain identifier */
	assert_string_equal(decide(f, 1, "or (at your option) any later version", only, 2, 0, ev, sizeof(ev)),
			    "GPL-2.0");
	assert_non_null(strstr(ev, "README.md says \"any later version\" (GPL-2.0-or-later) but the headers disagree (1115 files say GPL-2.0-only)"));
	assert_string_equal(decide(f, 1, NULL, only, 1, 1, ev, sizeof(ev)), "GPL-2.0");
	assert_non_null(strstr(ev, "the headers disagree (1115 files say GPL-2.0-only, 1 file grants later versions"));
	assert_string_equal(decide(f, 1, "version 2 only; or any later version", NULL, 0, 0, ev, sizeof(ev)), "GPL-2.0");
	assert_non_null(strstr(ev, "says both"));
	/* a header for another id does not count */
	struct licexpr_tally other[] = {{"LGPL-2.1-only", 9}, {"GPL-2.0-only-ish", 1}};
	assert_string_equal(decide(f, 1, NULL, other, 2, 0, ev, sizeof(ev)), "GPL-2.0");
}

static void test_grants_later(void **state)
{
	(void)state;
	const char *s = "/* either version 3 of the License, or\n * (at your option) any\n * later version. */";
	assert_true(licexpr_grants_later(s, strlen(s)));
	s = "any later version";
	assert_true(licexpr_grants_later(s, strlen(s)));
	s = "a later version will fix this";
	assert_false(licexpr_grants_later(s, strlen(s)));
	s = "TERMS AND CONDITIONS ... or (at your option) any later version";
	assert_false(licexpr_grants_later(s, strlen(s)));
	s = "later version";
	assert_false(licexpr_grants_later(s, strlen(s)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_terms),
		cmocka_unit_test(test_alternatives),
		cmocka_unit_test(test_gnu_suffix),
		cmocka_unit_test(test_grants_later),
	};
	return cmocka_run_group_tests_name("licexpr", tests, NULL, NULL);
}
