/* repo.c - `msgvet repo URL`: the repository probe on one repository. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "cli.h"
#include "diag.h"
#include "jsonw.h"
#include "licdata.h"
#include "licence.h"
#include "repo.h"
#include "util.h"
#include "tagversion.h"

static void iso_time(long long t, char out[32])
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (!gmtime_r(&tt, &tm) || strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		strcpy(out, "?");
}

static const char *mirror_state(const struct repo_report *r)
{
	return r->recloned ? "cloned again (the cached mirror was unusable)" : r->cloned ? "cloned" : "updated";
}

/* --list-only: the refs and the latest version. */
static void put_list(const char *url, const struct repo_report *r, bool json)
{
	if (!json) {
		printf("url               %s\n", url);
		printf("default_branch    %s\n", r->default_branch ? r->default_branch : "- (no commits)");
		printf("tags              %zu\n", r->ntags);
		printf("latest_tag        %s\n", r->latest_tag ? r->latest_tag : "-");
		printf("latest_version    %s\n", r->latest_version ? r->latest_version : "-");
		return;
	}
	struct jsonw w;
	jw_init(&w, stdout);
	jw_obj(&w);
	jw_kstr(&w, "default_branch", r->default_branch);
	jw_kstr(&w, "latest_tag", r->latest_tag);
	jw_kstr(&w, "latest_version", r->latest_version);
	jw_key(&w, "tags");
	jw_arr(&w);
	for (size_t i = 0; i < r->ntags; i++)
		jw_str(&w, r->tags[i]);
	jw_arr_end(&w);
	jw_kstr(&w, "url", url);
	jw_obj_end(&w);
	jw_finish(&w);
}

static void put_text(const char *url, const struct repo_report *r)
{
	char when[32] = "-";
	if (r->head_commit)
		iso_time(r->head_time, when);
	printf("url               %s\n", url);
	printf("default_branch    %s\n", r->default_branch ? r->default_branch : "- (no commits)");
	printf("tags              %zu\n", r->ntags);
	printf("latest_tag        %s\n", r->latest_tag ? r->latest_tag : "-");
	printf("latest_version    %s\n", r->latest_version ? r->latest_version : "-");
	printf("head_commit       %s\n", r->head_commit ? r->head_commit : "-");
	printf("head_commit_date  %s\n", when);
	printf("license           %s\n", r->license ? r->license :
				   r->nfiles ? "- (no licence text: see the files below)" : "- (no licence file)");
	printf("license_files     %zu\n", r->nfiles);
	for (size_t i = 0; i < r->nfiles; i++) {
		const struct repo_licence_file *f = &r->files[i];
		printf("  %-30s %-14s %.3f", f->path, f->licence, f->confidence);
		if (f->closest)
			printf("  closest %s", f->closest);
		if (f->reason && !f->closest)
			printf("  %s", f->reason);
		putchar('\n');
	}
	printf("license_evidence  %zu\n", r->nevidence);
	for (size_t i = 0; i < r->nevidence; i++)
		printf("  %s\n", r->license_evidence[i]);
	printf("spdx_identifiers  %zu of %zu files read%s\n", r->blobs_with_spdx, r->blobs,
	       r->blobs_capped ? " (capped)" : "");
	for (size_t i = 0; i < r->nspdx; i++)
		printf("  %s: %zu file%s\n", r->spdx[i].expression, r->spdx[i].files, r->spdx[i].files == 1 ? "" : "s");
	printf("security_policy   %s\n", r->security_policy ? r->security_policy : "-");
	printf("signed_tags       %zu of %zu\n", r->signed_tags, r->checked_tags);
	printf("mirror            %s\n", mirror_state(r));
}

static void put_json(const char *url, const struct repo_report *r)
{
	struct jsonw w;
	char when[32];
	jw_init(&w, stdout);
	jw_obj(&w);
	jw_kstr(&w, "default_branch", r->default_branch);
	jw_kstr(&w, "head_commit", r->head_commit);
	if (r->head_commit)
		iso_time(r->head_time, when);
	jw_kstr(&w, "head_commit_date", r->head_commit ? when : NULL);
	jw_kstr(&w, "latest_tag", r->latest_tag);
	jw_kstr(&w, "latest_version", r->latest_version);
	jw_kstr(&w, "license", r->license);
	jw_key(&w, "license_evidence");
	jw_arr(&w);
	for (size_t i = 0; i < r->nevidence; i++)
		jw_str(&w, r->license_evidence[i]);
	jw_arr_end(&w);
	jw_key(&w, "license_files");
	jw_arr(&w);
	for (size_t i = 0; i < r->nfiles; i++) {
		const struct repo_licence_file *f = &r->files[i];
		jw_obj(&w);
		jw_kstr(&w, "closest", f->closest);
		jw_key(&w, "confidence");
		jw_fixed(&w, f->confidence, 3);
		jw_key(&w, "edits");
		if (f->edits == SIZE_MAX)
			jw_null(&w);
		else
			jw_int(&w, (long)f->edits);
		jw_kstr(&w, "file", f->path);
		jw_kstr(&w, "license", f->licence);
		jw_kstr(&w, "reason", f->reason);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_kstr(&w, "mirror", mirror_state(r));
	jw_kstr(&w, "notice", r->notice);
	jw_kstr(&w, "security_policy", r->security_policy);
	jw_key(&w, "signed_tags");
	jw_obj(&w);
	jw_key(&w, "checked");
	jw_int(&w, (long)r->checked_tags);
	jw_key(&w, "signed");
	jw_int(&w, (long)r->signed_tags);
	jw_obj_end(&w);
	jw_key(&w, "spdx_identifiers");
	jw_obj(&w);
	jw_key(&w, "capped");
	jw_bool(&w, r->blobs_capped);
	jw_key(&w, "counts");
	jw_arr(&w);
	for (size_t i = 0; i < r->nspdx; i++) {
		jw_obj(&w);
		jw_kstr(&w, "expression", r->spdx[i].expression);
		jw_key(&w, "files");
		jw_int(&w, (long)r->spdx[i].files);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_key(&w, "files_read");
	jw_int(&w, (long)r->blobs);
	jw_key(&w, "files_granting_later_versions");
	jw_int(&w, (long)r->later_headers);
	jw_key(&w, "files_with_identifier");
	jw_int(&w, (long)r->blobs_with_spdx);
	jw_obj_end(&w);
	jw_key(&w, "tags");
	jw_arr(&w);
	for (size_t i = 0; i < r->ntags; i++)
		jw_str(&w, r->tags[i]);
	jw_arr_end(&w);
	jw_kstr(&w, "url", url);
	jw_obj_end(&w);
	jw_finish(&w);
}

int cmd_repo(struct ctx *ctx, int argc, char **argv)
{
	if (argc != 1)
		return usage_error(ctx, argc ? "one URL, not %d arguments" : "no URL given", argc);
	const char *pattern = ctx->opt[OPT_TAG_PATTERN];
	if (pattern && !version_pattern_ok(pattern))
		return usage_error(ctx, "--tag-pattern '%s' must hold exactly one '*' where the version is", pattern);
	unsigned timeout = 0;
	if (ctx->opt[OPT_TIMEOUT]) {
		char *end;
		unsigned long t = strtoul(ctx->opt[OPT_TIMEOUT], &end, 10);
		if (*ctx->opt[OPT_TIMEOUT] < '1' || *ctx->opt[OPT_TIMEOUT] > '9' || *end || t > 86400)
			return usage_error(ctx, "--timeout '%s' must be a number of seconds from 1 to 86400",
					   ctx->opt[OPT_TIMEOUT]);
		timeout = (unsigned)t;
	}
	bool list_only = ctx->opt[OPT_LIST_ONLY] != NULL;
	char *cache = ctx_cache_dir(ctx);
	if (!cache && !list_only)
		return usage_error(ctx, "no cache directory: set XDG_CACHE_HOME or HOME, or give --cache");
	struct licence_db db = {0};
	struct diag d = DIAG_INIT;
	char *dir = xasprintf("%s/%s", ctx->root, LICDATA_DIR);
	int rc = EXIT_OK;
	struct repo_report r;
	memset(&r, 0, sizeof(r));
	struct buf err = BUF_INIT;
	if (licdata_load(&db, dir, &d) < 0) {
		diag_print(&d, stderr);
		rc = EXIT_USAGE;
		goto out;
	}
	struct repo_options o = {argv[0], cache, pattern, ctx->opt[OPT_PRERELEASES] != NULL, &db,
				 timeout, list_only};
	int prc = repo_probe(&o, &r, &err);
	const char *timing = getenv("MSGVET_REPO_TIMING");
	if (timing && *timing)
		fprintf(stderr, "repo timing: list %.4f s, mirror %.4f s, read %.4f s\n", r.t_list,
			r.t_mirror, r.t_read);
	if (prc < 0) {
		fprintf(stderr, "%s repo: %s: %s (status %s)\n", progname, argv[0], err.s,
			repo_status_name(r.status));
		rc = EXIT_RUNTIME;
		goto out;
	}
	if (list_only)
		put_list(argv[0], &r, ctx->format == FMT_JSON);
	else if (ctx->format == FMT_JSON)
		put_json(argv[0], &r);
	else
		put_text(argv[0], &r);
out:
	repo_report_release(&r);
	buf_release(&err);
	diag_release(&d);
	licence_db_release(&db);
	free(dir);
	free(cache);
	return rc;
}
