/* test_parse.c - the probes' response parsers on answers recorded in the shapes
 * reference/endpoints.md gives, and on hostile ones beside them: invalid JSON, the wrong root
 * type, a missing field, a field of the wrong type. A bad shape is an error with a reason. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "arena.h"
#include "buf.h"
#include "parse.h"

#define LEN(s) (s), strlen(s)

/* Run a parser expected to fail; its reason must contain want. */
#define EXPECT_FAIL(call, want)                                                                  \
	do {                                                                                     \
		buf_reset(&why);                                                                 \
		assert_int_equal((call), -1);                                                    \
		if (!strstr(why.s, (want)))                                                      \
			fail_msg("reason '%s' lacks '%s'", why.s, (want));                       \
	} while (0)

static void test_github(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct buf why = BUF_INIT;
	struct parsed_repo r;
	assert_int_equal(parse_github_repo(LEN("{\"full_name\":\"signalapp/Signal-Android\",\"archived\":false,"
		"\"fork\":false,\"pushed_at\":\"2025-07-19T22:10:11Z\",\"default_branch\":\"main\",\"license\":"
		"{\"key\":\"agpl-3.0\",\"spdx_id\":\"AGPL-3.0\",\"name\":\"GNU Affero General Public License v3.0\"}}"),
		&a, &r, &why), 0);
	assert_string_equal(r.full_name, "signalapp/Signal-Android");
	assert_false(r.archived);
	assert_string_equal(r.pushed, "2025-07-19T22:10:11Z");
	assert_string_equal(r.licence, "AGPL-3.0");
	/* no licence found: null */
	assert_int_equal(parse_github_repo(LEN("{\"full_name\":\"a/b\",\"archived\":true,\"license\":null}"),
					   &a, &r, &why), 0);
	assert_null(r.licence);
	assert_true(r.archived);
	EXPECT_FAIL(parse_github_repo(LEN("{\"full_name\":\"a/b\",\"archived\":\"no\"}"), &a, &r, &why),
		    "github repository: 'archived' is not a boolean");
	EXPECT_FAIL(parse_github_repo(LEN("{\"archived\":false}"), &a, &r, &why), "'full_name' is missing");
	EXPECT_FAIL(parse_github_repo(LEN("[1,2]"), &a, &r, &why), "expected a JSON object");
	EXPECT_FAIL(parse_github_repo(LEN("{\"full_name\":"), &a, &r, &why), "not valid JSON");
	EXPECT_FAIL(parse_github_repo(LEN("{\"full_name\":\"a/b\",\"archived\":false,\"license\":\"MIT\"}"), &a, &r,
				      &why), "'license' is not an object");

	struct parsed_release rel;
	assert_int_equal(parse_github_release(LEN("{\"tag_name\":\"v7.0.0\",\"published_at\":\"2025-07-01T13:00:00Z\","
		"\"prerelease\":false,\"draft\":false,\"assets\":[{\"name\":\"app-7.0.0.apk\",\"size\":123,"
		"\"browser_download_url\":\"https://github.com/o/r/releases/download/v7.0.0/app-7.0.0.apk\"}]}"),
		&a, &rel, &why), 0);
	assert_string_equal(rel.tag, "v7.0.0");
	assert_string_equal(rel.published, "2025-07-01T13:00:00Z");
	assert_int_equal(rel.nassets, 1);
	assert_string_equal(rel.assets[0].name, "app-7.0.0.apk");
	assert_int_equal(rel.assets[0].size, 123);
	EXPECT_FAIL(parse_github_release(LEN("{\"message\":\"Not Found\"}"), &a, &rel, &why), "'tag_name' is missing");
	EXPECT_FAIL(parse_github_release(LEN("{\"tag_name\":\"v1\",\"assets\":[{\"name\":\"x\"}]}"), &a, &rel, &why),
		    "release asset: 'browser_download_url' is missing");
	EXPECT_FAIL(parse_github_release(LEN("{\"tag_name\":\"v1\",\"assets\":[7]}"), &a, &rel, &why),
		    "release asset: not an object");
	EXPECT_FAIL(parse_github_release(LEN("{\"tag_name\":\"v1\",\"assets\":[{\"name\":\"x\",\"size\":1.5,"
					     "\"browser_download_url\":\"u\"}]}"), &a, &rel, &why), "'size' is not an integer");
	arena_release(&a);
	buf_release(&why);
}

static void test_gitlab_gitea(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct buf why = BUF_INIT;
	struct parsed_repo r;
	assert_int_equal(parse_gitlab_project(LEN("{\"path_with_namespace\":\"briar/briar\",\"default_branch\":\"master\","
		"\"archived\":false,\"last_activity_at\":\"2025-07-18T09:12:33.456Z\",\"license\":{\"key\":\"gpl-3.0\","
		"\"name\":\"GNU General Public License v3.0\"}}"), &a, &r, &why), 0);
	assert_string_equal(r.full_name, "briar/briar");
	assert_string_equal(r.licence, "gpl-3.0");
	assert_string_equal(r.pushed, "2025-07-18T09:12:33.456Z");
	EXPECT_FAIL(parse_gitlab_project(LEN("{\"path_with_namespace\":7,\"archived\":false}"), &a, &r, &why),
		    "gitlab project: 'path_with_namespace' is not a string");

	struct parsed_release rel;
	assert_int_equal(parse_gitlab_releases(LEN("[{\"tag_name\":\"release-1.5.10\",\"released_at\":"
		"\"2025-06-02T10:00:00.000Z\",\"assets\":{\"links\":[{\"name\":\"briar.apk\",\"url\":\"https://x/briar.apk\"}]}},"
		"{\"tag_name\":\"release-1.5.9\"}]"), &a, &rel, &why), 0);
	assert_string_equal(rel.tag, "release-1.5.10");
	assert_int_equal(rel.nassets, 1);
	assert_string_equal(rel.assets[0].url, "https://x/briar.apk");
	assert_int_equal(parse_gitlab_releases(LEN("[]"), &a, &rel, &why), 0);
	assert_null(rel.tag);
	EXPECT_FAIL(parse_gitlab_releases(LEN("{\"tag_name\":\"x\"}"), &a, &rel, &why), "expected a JSON array");
	EXPECT_FAIL(parse_gitlab_releases(LEN("[{\"tag_name\":\"x\",\"assets\":{\"links\":{}}}]"), &a, &rel, &why),
		    "'links' is not an array");

	assert_int_equal(parse_gitea_repo(LEN("{\"full_name\":\"o/r\",\"archived\":false,\"default_branch\":\"main\","
					      "\"updated_at\":\"2025-07-19T00:00:00Z\"}"), &a, &r, &why), 0);
	assert_string_equal(r.pushed, "2025-07-19T00:00:00Z");
	EXPECT_FAIL(parse_gitea_repo(LEN("{\"full_name\":\"o/r\"}"), &a, &r, &why), "'archived' is missing");
	arena_release(&a);
	buf_release(&why);
}

static void test_stores(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct buf why = BUF_INIT;
	struct parsed_app app;
	assert_int_equal(parse_apple_lookup(LEN("{\"resultCount\":1,\"results\":[{\"trackId\":874139669,\"trackName\":"
		"\"Signal - Private Messenger\",\"bundleId\":\"org.whispersystems.signal\",\"version\":\"7.60\","
		"\"currentVersionReleaseDate\":\"2025-07-15T16:00:00Z\",\"sellerName\":\"Signal Messenger, LLC\","
		"\"kind\":\"software\"}]}\n"), &a, &app, &why), 0);
	assert_true(app.found);
	assert_string_equal(app.id, "874139669");
	assert_string_equal(app.version, "7.60");
	assert_string_equal(app.developer, "Signal Messenger, LLC");
	assert_int_equal(parse_apple_lookup(LEN("{\"resultCount\":0,\"results\":[]}"), &a, &app, &why), 0);
	assert_false(app.found);
	EXPECT_FAIL(parse_apple_lookup(LEN("{\"resultCount\":2,\"results\":[]}"), &a, &app, &why),
		    "resultCount 2 but 0 results");
	EXPECT_FAIL(parse_apple_lookup(LEN("{\"resultCount\":1,\"results\":[{\"trackId\":\"874139669\"}]}"), &a, &app,
				       &why), "'trackId' is not an integer");

	assert_int_equal(parse_fdroid_package(LEN("{\"packageName\":\"org.briarproject.briar.android\","
		"\"suggestedVersionCode\":1000,\"packages\":[{\"versionName\":\"1.5.11-beta\",\"versionCode\":1001},"
		"{\"versionName\":\"1.5.10\",\"versionCode\":1000}]}"), &a, &app, &why), 0);
	assert_string_equal(app.version, "1.5.10");
	EXPECT_FAIL(parse_fdroid_package(LEN("{\"packageName\":\"p\",\"suggestedVersionCode\":\"1000\",\"packages\":[]}"),
					 &a, &app, &why), "'suggestedVersionCode' is not an integer");
	EXPECT_FAIL(parse_fdroid_package(LEN("{\"packageName\":\"p\",\"suggestedVersionCode\":5,\"packages\":[]}"),
					 &a, &app, &why), "no package has the suggested version code 5");

	assert_int_equal(parse_flathub_appstream(LEN("{\"id\":\"org.briarproject.Briar\",\"name\":\"Briar\","
		"\"project_license\":\"GPL-3.0-or-later\",\"is_free_license\":true,\"releases\":[{\"version\":\"0.5.0\","
		"\"timestamp\":\"1582070400\"}],\"urls\":{\"homepage\":\"https://briarproject.org\"}}"), &a, &app, &why), 0);
	assert_string_equal(app.version, "0.5.0");
	assert_string_equal(app.released, "1582070400");
	assert_string_equal(app.licence, "GPL-3.0-or-later");
	EXPECT_FAIL(parse_flathub_appstream(LEN("{\"id\":\"x\",\"name\":\"X\",\"releases\":[{\"version\":\"1\","
						"\"timestamp\":\"yesterday\"}]}"), &a, &app, &why), "is not epoch seconds");
	EXPECT_FAIL(parse_flathub_appstream(LEN("{\"id\":\"x\",\"name\":\"X\",\"releases\":[{\"version\":\"1\","
						"\"timestamp\":1582070400}]}"), &a, &app, &why), "'timestamp' is not a string");
	arena_release(&a);
	buf_release(&why);
}

static void test_feeds(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct buf why = BUF_INIT;
	struct parsed_feed f;
	const char *yml = "version: 7.10\n"
			  "files:\n"
			  "  - url: signal-desktop-win-7.10.exe\n"
			  "    sha512: 3Jc9==\n"
			  "    size: 161234567\n"
			  "path: signal-desktop-win-7.10.exe\n"
			  "sha512: 3Jc9==\n"
			  "releaseDate: '2025-07-16T18:00:00.000Z'\n";
	assert_int_equal(parse_signal_desktop_yaml(LEN(yml), &a, &f, &why), 0);
	assert_string_equal(f.version, "7.10"); /* a string, not the number 7.1 */
	assert_string_equal(f.released, "2025-07-16T18:00:00.000Z");
	assert_string_equal(f.file, "signal-desktop-win-7.10.exe");
	EXPECT_FAIL(parse_signal_desktop_yaml(LEN("path: x.exe\n"), &a, &f, &why), "'version' is missing");
	EXPECT_FAIL(parse_signal_desktop_yaml(LEN("version: [1, 2]\n"), &a, &f, &why), "'version' is not a scalar");
	EXPECT_FAIL(parse_signal_desktop_yaml(LEN("version: &a 1\nx: *a\n"), &a, &f, &why), "not valid YAML");

	assert_int_equal(parse_element_releases(LEN("{\"currentRelease\":\"1.11.106\",\"releases\":[{\"version\":"
		"\"1.11.106\",\"updateTo\":{\"version\":\"1.11.106\",\"pub_date\":\"2025-07-15T12:00:00Z\",\"url\":"
		"\"https://packages.element.io/desktop/update/macos/Element-1.11.106-universal-mac.zip\"}}]}"), &a, &f, &why), 0);
	assert_string_equal(f.version, "1.11.106");
	assert_string_equal(f.released, "2025-07-15T12:00:00Z");
	EXPECT_FAIL(parse_element_releases(LEN("{\"currentRelease\":\"1\",\"releases\":[{\"version\":\"1\"}]}"), &a, &f,
					   &why), "'updateTo' is missing");

	const char *apt = "Package: signal-desktop\nVersion: 7.9.0\nFilename: pool/s/signal-desktop_7.9.0_amd64.deb\n"
			  "SHA256: ab\n\n"
			  "Package: signal-desktop-beta\nVersion: 7.64.0-beta.1\nFilename: pool/b.deb\n\n"
			  "Package: signal-desktop\nVersion: 7.63.0\nFilename: pool/s/signal-desktop_7.63.0_amd64.deb\n"
			  "SHA256: cd\n\n"
			  "Package: signal-desktop\nVersion: 7.10.0\nFilename: pool/s/signal-desktop_7.10.0_amd64.deb\n";
	assert_int_equal(parse_apt_packages(LEN(apt), "signal-desktop", &a, &f, &why), 0);
	assert_string_equal(f.version, "7.63.0");
	assert_string_equal(f.file, "pool/s/signal-desktop_7.63.0_amd64.deb");
	EXPECT_FAIL(parse_apt_packages(LEN(apt), "element-desktop", &a, &f, &why), "no package 'element-desktop'");
	EXPECT_FAIL(parse_apt_packages(LEN("Package: x\nFilename: y\n"), "x", &a, &f, &why), "has no Version");
	EXPECT_FAIL(parse_apt_packages("Package: x\0", 11, "x", &a, &f, &why), "NUL byte");

	/* Debian version order, as dpkg --compare-versions */
	assert_true(deb_version_cmp("7.10.0", "7.9.0") > 0);
	assert_true(deb_version_cmp("1.0~rc1", "1.0") < 0);
	assert_true(deb_version_cmp("1:0.1", "9.9") > 0);
	assert_true(deb_version_cmp("1.0-2", "1.0-10") < 0);
	assert_true(deb_version_cmp("1.0a", "1.0") > 0);
	assert_true(deb_version_cmp("1.0+b1", "1.0.1") < 0);
	assert_int_equal(deb_version_cmp("01.2", "1.02"), 0);
	arena_release(&a);
	buf_release(&why);
}

static void test_matrix(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct buf why = BUF_INIT;
	struct parsed_matrix_versions v;
	assert_int_equal(parse_matrix_versions(LEN("{\"versions\":[\"r0.6.1\",\"v1.1\",\"v1.11\"],\"unstable_features\":"
						    "{\"org.matrix.msc3882\":true}}"), &a, &v, &why), 0);
	assert_int_equal(v.n, 3);
	assert_string_equal(v.versions[2], "v1.11");
	EXPECT_FAIL(parse_matrix_versions(LEN("{\"versions\":[]}"), &a, &v, &why), "no version");
	EXPECT_FAIL(parse_matrix_versions(LEN("{\"versions\":[1.1]}"), &a, &v, &why), "a version is not a string");
	EXPECT_FAIL(parse_matrix_versions(LEN("<html>502 Bad Gateway</html>"), &a, &v, &why), "not valid JSON");
	struct parsed_app s;
	assert_int_equal(parse_matrix_server_version(LEN("{\"server\":{\"name\":\"Synapse\",\"version\":\"1.135.0\"}}"),
						     &a, &s, &why), 0);
	assert_string_equal(s.name, "Synapse");
	assert_string_equal(s.version, "1.135.0");
	EXPECT_FAIL(parse_matrix_server_version(LEN("{\"server\":\"Synapse\"}"), &a, &s, &why),
		    "'server' is not an object");
	arena_release(&a);
	buf_release(&why);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_github),
		cmocka_unit_test(test_gitlab_gitea),
		cmocka_unit_test(test_stores),
		cmocka_unit_test(test_feeds),
		cmocka_unit_test(test_matrix),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
