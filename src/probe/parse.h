/* parse.h - the probes' response parsers: a body in, a plain struct out.
 *
 * Each parser checks the answer's shape as reference/endpoints.md describes it: a missing
 * required field or a field of the wrong type is an error with a reason, never a crash or a
 * guessed value. Every parser returns 0, or -1 with the reason appended to why. Strings live in
 * the arena a; optional fields are NULL when absent or null. Bodies need not be NUL-terminated. */
#ifndef MSGVET_PARSE_H
#define MSGVET_PARSE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "buf.h"

/* A release asset: a file attached to a release. */
struct parsed_asset {
	const char *name, *url;
	long long size;          /* -1 when not given */
};

/* A forge release. */
struct parsed_release {
	const char *tag;         /* NULL when the forge has no release */
	const char *published;   /* ISO 8601 */
	bool prerelease, draft;
	struct parsed_asset *assets;
	size_t nassets;
};

/* A forge repository. */
struct parsed_repo {
	const char *full_name, *default_branch;
	const char *pushed;      /* last push or activity, ISO 8601 */
	bool archived, fork;
	const char *licence;     /* GitHub's spdx_id (may be "NOASSERTION"), GitLab's key; NULL when none */
};

/* GitHub GET /repos/{o}/{r}. */
int parse_github_repo(const char *body, size_t len, struct arena *a, struct parsed_repo *out, struct buf *why);
/* GitHub and Gitea GET /repos/{o}/{r}/releases/latest (the same shape). */
int parse_github_release(const char *body, size_t len, struct arena *a, struct parsed_release *out,
			 struct buf *why);
/* Gitea/Codeberg GET /api/v1/repos/{o}/{r}. */
int parse_gitea_repo(const char *body, size_t len, struct arena *a, struct parsed_repo *out, struct buf *why);
/* GitLab GET /api/v4/projects/:id?license=true. */
int parse_gitlab_project(const char *body, size_t len, struct arena *a, struct parsed_repo *out,
			 struct buf *why);
/* GitLab GET /api/v4/projects/:id/releases (newest first): the newest; tag NULL when none. */
int parse_gitlab_releases(const char *body, size_t len, struct arena *a, struct parsed_release *out,
			  struct buf *why);

/* An app in a store or package index. */
struct parsed_app {
	bool found;              /* false: not offered there (Apple's resultCount 0) */
	const char *id, *name, *version;
	const char *released;    /* ISO 8601 or epoch seconds as the store gives it; NULL if unknown */
	const char *developer, *licence;
};

/* Apple GET /lookup?id=N (Content-Type text/javascript, parsed as JSON). */
int parse_apple_lookup(const char *body, size_t len, struct arena *a, struct parsed_app *out, struct buf *why);
/* F-Droid GET /api/v1/packages/{package}: the suggested version. */
int parse_fdroid_package(const char *body, size_t len, struct arena *a, struct parsed_app *out,
			 struct buf *why);
/* Flathub GET /api/v2/appstream/{app-id}: the newest release. */
int parse_flathub_appstream(const char *body, size_t len, struct arena *a, struct parsed_app *out,
			    struct buf *why);

/* An update feed's latest version. */
struct parsed_feed {
	const char *version, *released, *file;
};

/* Signal Desktop's latest.yml / latest-mac.yml (electron-builder; every scalar a string). */
int parse_signal_desktop_yaml(const char *body, size_t len, struct arena *a, struct parsed_feed *out,
			      struct buf *why);
/* Signal Android's latest.json: versionName (required) and the APK's url. */
int parse_signal_android_json(const char *body, size_t len, struct arena *a, struct parsed_feed *out,
			      struct buf *why);
/* Element Desktop's releases.json: the current release and its date. */
int parse_element_releases(const char *body, size_t len, struct arena *a, struct parsed_feed *out,
			   struct buf *why);
/* An apt Packages index: the highest Version of package (Debian version order); file is its
 * Filename. Not finding the package is an error. */
int parse_apt_packages(const char *body, size_t len, const char *package, struct arena *a,
		       struct parsed_feed *out, struct buf *why);
/* Debian version comparison (epoch, upstream, revision): <0, 0, >0. */
int deb_version_cmp(const char *a, const char *b);

/* Matrix GET /_matrix/client/versions. */
struct parsed_matrix_versions {
	const char **versions;
	size_t n;
};
int parse_matrix_versions(const char *body, size_t len, struct arena *a, struct parsed_matrix_versions *out,
			  struct buf *why);
/* Matrix GET /_matrix/federation/v1/version: server software name and version. */
int parse_matrix_server_version(const char *body, size_t len, struct arena *a, struct parsed_app *out,
				struct buf *why);
/* Matrix GET /.well-known/matrix/server: the delegated "host[:port]" (m.server). */
int parse_matrix_well_known(const char *body, size_t len, struct arena *a, const char **server,
			    struct buf *why);

#endif
