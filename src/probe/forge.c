/* forge.c - the forge adapter: GitHub, GitLab (gitlab.com and self-hosted instances such as
 * Briar's) and Gitea/Codeberg REST APIs, for every declared client and server repository.
 *
 * Each repository's answer gives the licence of that client or server where the API names it
 * with an SPDX id (GitHub's spdx_id; GitLab's key and Gitea's answer name none). The first
 * client in the messenger's file stands for the messenger: its repository gives
 * repository.archived and repository.last-commit, its latest release release.latest.version
 * and release.latest.date. */
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "probe.h"
#include "spdx.h"
#include "tagversion.h"
#include "util.h"

enum forge_api { API_GITHUB, API_GITLAB, API_GITEA };

/* Forges by host; a repository elsewhere has no forge target. */
static const struct {
	const char *host;
	enum forge_api api;
} forges[] = {
	{"github.com", API_GITHUB},
	{"gitlab.com", API_GITLAB},
	{"code.briarproject.org", API_GITLAB},
	{"codeberg.org", API_GITEA},
};

enum { ROLE_REPO, ROLE_RELEASE };

#define GITHUB_ACCEPT "application/vnd.github+json"

/* The request URLs of a repository on a forge. */
static char *api_url(enum forge_api api, const char *host, const char *owner_repo, int role)
{
	if (api == API_GITHUB)
		return xasprintf("https://api.github.com/repos/%s%s", owner_repo,
				 role == ROLE_RELEASE ? "/releases/latest" : "");
	if (api == API_GITEA)
		return xasprintf("https://%s/api/v1/repos/%s%s", host, owner_repo,
				 role == ROLE_RELEASE ? "/releases/latest" : "");
	struct buf enc = BUF_INIT; /* GitLab: the path URL-encoded */
	for (const char *p = owner_repo; *p; p++)
		if (*p == '/')
			buf_adds(&enc, "%2F");
		else
			buf_addc(&enc, *p);
	char *u = xasprintf("https://%s/api/v4/projects/%s%s", host, enc.s,
			    role == ROLE_RELEASE ? "/releases" : "?license=true");
	buf_release(&enc);
	return u;
}

/* "https://HOST/OWNER/REPO[.git][/]" into host and "OWNER/REPO" (GitLab: groups too). */
static int split_repo(const char *url, char **host, char **path)
{
	if (strncmp(url, "https://", 8) != 0)
		return -1;
	const char *h = url + 8, *slash = strchr(h, '/');
	if (!slash || slash == h)
		return -1;
	size_t len = strlen(slash + 1);
	while (len && slash[1 + len - 1] == '/')
		len--;
	if (len > 4 && strncmp(slash + 1 + len - 4, ".git", 4) == 0)
		len -= 4;
	char *p = xstrndup(slash + 1, len);
	if (!strchr(p, '/') || strpbrk(p, "?#%") || strstr(p, "//")) {
		free(p);
		return -1;
	}
	*host = xstrndup(h, (size_t)(slash - h));
	*path = p;
	return 0;
}

static void forge_targets(struct probe_plan *p, const struct messenger *m, const struct fact *f)
{
	const char *list;
	char *key;
	bool primary;
	if (!probe_repository_fact(m, f, &list, &key, &primary))
		return;
	char *host = NULL, *path = NULL;
	if (split_repo(f->declared->str, &host, &path) < 0)
		goto out;
	size_t i;
	for (i = 0; i < ARRAY_SIZE(forges); i++)
		if (strcmp(forges[i].host, host) == 0)
			break;
	if (i == ARRAY_SIZE(forges))
		goto out;
	enum forge_api api = forges[i].api;
	char *licence = xasprintf("%s[%s].licence", list, key);
	const char *facts[4] = {NULL};
	size_t nf = 0;
	if (api == API_GITHUB)
		facts[nf++] = licence;
	if (primary) {
		facts[nf++] = "repository.archived";
		facts[nf++] = "repository.last-commit";
	}
	if (nf) {
		char *u = api_url(api, host, path, ROLE_REPO);
		probe_target_add(p, m, &probe_forge, u, f->declared->str, ROLE_REPO, facts)->accept =
			api == API_GITHUB ? GITHUB_ACCEPT : NULL;
		free(u);
	}
	if (primary) {
		static const char *const rel[] = {"release.latest.version", "release.latest.date", NULL};
		char *u = api_url(api, host, path, ROLE_RELEASE);
		probe_target_add(p, m, &probe_forge, u, f->declared->str, ROLE_RELEASE, rel)->accept =
			api == API_GITHUB ? GITHUB_ACCEPT : NULL;
		free(u);
	}
	free(licence);
out:
	free(host);
	free(path);
	free(key);
}

/* The version a tag names: "v7.0.0" and "release-1.5.10" say 7.0.0 and 1.5.10; a tag that
 * names none is kept as it is. */
static void tag_version(const char *tag, char *out, size_t size)
{
	struct version v;
	const char *digit = strpbrk(tag, "0123456789");
	if (version_parse(tag, NULL, &v) == 0 || (digit && version_parse(digit, NULL, &v) == 0))
		snprintf(out, size, "%s", v.text);
	else
		snprintf(out, size, "%s", tag);
}

/* The licence fact of the target, when it has one (GitHub only). */
static void emit_licence(const struct probe_target *t, const char *spdx, struct probe_out *out)
{
	const char *fact = NULL;
	for (size_t k = 0; k < t->nfacts; k++)
		if (str_has_suffix(t->facts[k], "].licence"))
			fact = t->facts[k];
	if (!fact || !spdx || strcmp(spdx, "NOASSERTION") == 0)
		return; /* the API names no licence: the repo probe reads the files */
	char err[256], warn[256];
	if (spdx_check(spdx, err, sizeof(err), warn, sizeof(warn)) < 0) {
		struct buf why = BUF_INIT;
		buf_adds(&why, "the forge names the licence ");
		buf_add_json(&why, spdx);
		buf_addf(&why, ", which is not an SPDX expression: %s", err);
		probe_emit(out, fact, NULL, why.s);
		buf_release(&why);
	} else if (*warn) {
		/* GitHub's AGPL-3.0 and GPL-3.0 do not tell -only from -or-later */
		struct buf why = BUF_INIT;
		buf_addf(&why, "the forge names the licence %s: %s", spdx, warn);
		probe_emit(out, fact, NULL, why.s);
		buf_release(&why);
	} else {
		probe_emit_str(out, fact, spdx);
	}
}

static enum forge_api api_of(const char *url)
{
	if (strncmp(url, "https://api.github.com/", 23) == 0)
		return API_GITHUB;
	return strstr(url, "/api/v4/") ? API_GITLAB : API_GITEA;
}

static int forge_answer(const struct probe_target *t, const struct probe_answer *a,
			struct probe_out *out, struct buf *why)
{
	struct arena ar = ARENA_INIT;
	enum forge_api api = api_of(t->url);
	int rc = -1;
	if (t->role == ROLE_REPO) {
		struct parsed_repo r;
		int prc = api == API_GITHUB ? parse_github_repo(a->body, a->len, &ar, &r, why)
			  : api == API_GITLAB ? parse_gitlab_project(a->body, a->len, &ar, &r, why)
					      : parse_gitea_repo(a->body, a->len, &ar, &r, why);
		if (prc < 0)
			goto out;
		if (api == API_GITHUB)
			emit_licence(t, r.licence, out);
		for (size_t k = 0; k < t->nfacts; k++) {
			if (strcmp(t->facts[k], "repository.archived") == 0)
				probe_emit_bool(out, t->facts[k], r.archived);
			else if (strcmp(t->facts[k], "repository.last-commit") == 0)
				probe_emit_date(out, t->facts[k], r.pushed);
		}
	} else {
		struct parsed_release r;
		int prc = api == API_GITLAB ? parse_gitlab_releases(a->body, a->len, &ar, &r, why)
					    : parse_github_release(a->body, a->len, &ar, &r, why);
		if (prc < 0)
			goto out;
		if (!r.tag) {
			probe_fail_all(out, t, "the repository has no release");
		} else {
			char v[80];
			tag_version(r.tag, v, sizeof(v));
			probe_emit_str(out, "release.latest.version", v);
			probe_emit_date(out, "release.latest.date", r.published);
		}
	}
	rc = 0;
out:
	arena_release(&ar);
	return rc;
}

const struct probe_adapter probe_forge = {
	.kind = "forge",
	.summary = "GitHub, GitLab and Gitea/Codeberg APIs: licence, archived, last commit, latest release",
	.accept = "application/json",
	.targets = forge_targets,
	.answer = forge_answer,
	.tells = NULL,
};
