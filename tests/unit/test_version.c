/* test_version.c - versions in tag names: schemes, pre-releases, version order (not name
 * order), tag patterns. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "util.h"
#include "tagversion.h"

static void test_parse(void **state)
{
	(void)state;
	struct version v;
	assert_int_equal(version_parse("v1.10.2", NULL, &v), 0);
	assert_int_equal(v.n, 3);
	assert_int_equal(v.part[1], 10);
	assert_false(v.pre);
	assert_string_equal(v.text, "1.10.2");
	assert_int_equal(version_parse("7.60.3", NULL, &v), 0);
	assert_int_equal(version_parse("v2.0.0-rc1", NULL, &v), 0);
	assert_true(v.pre);
	assert_int_equal(version_parse("1.2.0beta2", NULL, &v), 0);
	assert_true(v.pre);
	assert_int_equal(version_parse("v3.0-nightly.20260101", NULL, &v), 0);
	assert_true(v.pre);
	assert_int_equal(version_parse("v1.2.3+build.7", NULL, &v), 0);
	assert_false(v.pre);
	assert_string_equal(v.text, "1.2.3");
	/* not versions */
	const char *bad[] = {"latest", "v", "", "release-1.5.10", "1.2.3-hotfix", "deadbeefcafe1234",
			     "20260101123456", "v1..2", "x1.2"};
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		if (version_parse(bad[i], NULL, &v) == 0)
			fail_msg("'%s' parsed as a version", bad[i]);
	/* a pattern */
	assert_int_equal(version_parse("release-1.5.10", "release-*", &v), 0);
	assert_string_equal(v.text, "1.5.10");
	assert_int_equal(version_parse("v1.5.10", "release-*", &v), -1);
	assert_int_equal(version_parse("app-1.2-final", "app-*-final", &v), 0);
	assert_string_equal(v.text, "1.2");
	assert_int_equal(version_parse("release-1.5.10", "release-**", &v), -1);
	assert_false(version_pattern_ok("no-star"));
}

static void test_order(void **state)
{
	(void)state;
	const char *tags[] = {"v1.9.5", "v1.10.0", "v2.0.0-rc1", "v1.2", "nightly", "v2.0.0-beta",
			      "v1.10", "v0.9.99", "1.10.0.1"};
	size_t order[ARRAY_SIZE(tags)];
	size_t n = version_sort_tags(tags, ARRAY_SIZE(tags), NULL, false, order);
	assert_int_equal(n, 6);
	/* by version, not by name: 1.10.0.1 > 1.10.0 > 1.10 > 1.9.5 > 1.2 > 0.9.99 */
	const char *want[] = {"1.10.0.1", "v1.10.0", "v1.10", "v1.9.5", "v1.2", "v0.9.99"};
	for (size_t i = 0; i < n; i++)
		assert_string_equal(tags[order[i]], want[i]);
	n = version_sort_tags(tags, ARRAY_SIZE(tags), NULL, true, order);
	assert_int_equal(n, 8);
	assert_string_equal(tags[order[0]], "v2.0.0-rc1"); /* rc above beta, both above 1.x */
	assert_string_equal(tags[order[1]], "v2.0.0-beta");
	const char *briar[] = {"release-1.5.9", "release-1.5.10", "release-1.4.12", "beta-1.6.0"};
	n = version_sort_tags(briar, 4, "release-*", false, order);
	assert_int_equal(n, 3);
	assert_string_equal(briar[order[0]], "release-1.5.10");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_order),
	};
	return cmocka_run_group_tests_name("version", tests, NULL, NULL);
}
