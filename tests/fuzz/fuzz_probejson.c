/* fuzz_probejson.c - the probes' JSON response parsers of src/probe/parse.c: GitHub, Gitea and
 * GitLab repositories and releases, Apple's lookup, F-Droid's package API, Flathub's appstream,
 * Signal Android's latest.json and Element Desktop's releases.json.
 *
 * Every input goes through every parser (bodies need not be NUL-terminated: the input is passed
 * as it is, without a terminator). Properties: no crash, leak or undefined behaviour; a parser
 * returns 0 with an empty reason, or -1 with a reason; on success the fields it promises are
 * set (a release's tag unless GitLab has none, an offered app's id, and its name and version
 * where the store gives them, assets with names and URLs). */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "fuzz.h"
#include "parse.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

/* rc and why agree; returns whether the parse succeeded. */
static bool agree(const char *what, int rc, const struct buf *why)
{
	if (rc != 0 && rc != -1)
		fuzz_fail("probejson: %s returned %d", what, rc);
	if (rc == 0 && why->len != 0)
		fuzz_fail("probejson: %s succeeded with a reason: %s", what, why->s);
	if (rc < 0 && why->len == 0)
		fuzz_fail("probejson: %s failed without a reason", what);
	return rc == 0;
}

static void check_release(const char *what, const struct parsed_release *r, bool tag_required)
{
	if (tag_required && !r->tag)
		fuzz_fail("probejson: %s: no tag", what);
	for (size_t i = 0; i < r->nassets; i++)
		if (!r->assets[i].name || !r->assets[i].url)
			fuzz_fail("probejson: %s: asset %zu without a name or URL", what, i);
}

static void check_app(const char *what, const struct parsed_app *app, bool name_required,
		      bool version_required)
{
	if (app->found && (!app->id || (name_required && !app->name) || (version_required && !app->version)))
		fuzz_fail("probejson: %s: an offered app without an id, name or version", what);
}

typedef int (*repo_fn)(const char *, size_t, struct arena *, struct parsed_repo *, struct buf *);
typedef int (*release_fn)(const char *, size_t, struct arena *, struct parsed_release *, struct buf *);
typedef int (*app_fn)(const char *, size_t, struct arena *, struct parsed_app *, struct buf *);
typedef int (*feed_fn)(const char *, size_t, struct arena *, struct parsed_feed *, struct buf *);

static const struct {
	const char *name;
	repo_fn fn;
} repos[] = {
	{"parse_github_repo", parse_github_repo},
	{"parse_gitea_repo", parse_gitea_repo},
	{"parse_gitlab_project", parse_gitlab_project},
};
static const struct {
	const char *name;
	release_fn fn;
	bool tag_required;
} releases[] = {
	{"parse_github_release", parse_github_release, true},
	{"parse_gitlab_releases", parse_gitlab_releases, false},
};
static const struct {
	const char *name;
	app_fn fn;
	bool name_required, version_required; /* F-Droid's API names no app; Flathub may list no release */
} apps[] = {
	{"parse_apple_lookup", parse_apple_lookup, true, true},
	{"parse_fdroid_package", parse_fdroid_package, false, true},
	{"parse_flathub_appstream", parse_flathub_appstream, true, false},
};
static const struct {
	const char *name;
	feed_fn fn;
} feeds[] = {
	{"parse_signal_android_json", parse_signal_android_json},
	{"parse_element_releases", parse_element_releases},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* a copy of exactly size bytes: a parser reading past the end is caught by ASan */
	char *body = malloc(size ? size : 1);
	if (!body)
		fuzz_fail("probejson: out of memory");
	if (size)
		memcpy(body, data, size);
	else
		body[0] = '\0'; /* never read: the parsers get a length of 0 */
	struct arena a = ARENA_INIT;
	struct buf why = BUF_INIT;
	for (size_t i = 0; i < sizeof(repos) / sizeof(repos[0]); i++) {
		struct parsed_repo r;
		buf_reset(&why);
		if (agree(repos[i].name, repos[i].fn(body, size, &a, &r, &why), &why) && !r.full_name)
			fuzz_fail("probejson: %s: no name", repos[i].name);
	}
	for (size_t i = 0; i < sizeof(releases) / sizeof(releases[0]); i++) {
		struct parsed_release r;
		buf_reset(&why);
		if (agree(releases[i].name, releases[i].fn(body, size, &a, &r, &why), &why))
			check_release(releases[i].name, &r, releases[i].tag_required);
	}
	for (size_t i = 0; i < sizeof(apps) / sizeof(apps[0]); i++) {
		struct parsed_app app;
		buf_reset(&why);
		if (agree(apps[i].name, apps[i].fn(body, size, &a, &app, &why), &why))
			check_app(apps[i].name, &app, apps[i].name_required, apps[i].version_required);
	}
	for (size_t i = 0; i < sizeof(feeds) / sizeof(feeds[0]); i++) {
		struct parsed_feed f;
		buf_reset(&why);
		if (agree(feeds[i].name, feeds[i].fn(body, size, &a, &f, &why), &why) &&
		    !f.version)
			fuzz_fail("probejson: %s: no version", feeds[i].name);
	}
	buf_release(&why);
	arena_release(&a);
	free(body);
	return 0;
}
