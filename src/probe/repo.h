/* repo.h - the repository probe: what a git repository itself says, read with libgit2.
 *
 * The remote's refs (tags, HEAD and the default branch) are listed without fetching history;
 * the latest version is the highest release tag in version order. Everything else is read
 * from a bare mirror in a cache directory, cloned once and fetched incrementally afterwards,
 * never checked out: the licence files at the head of the default branch (detected with the
 * licence detector), the SPDX-License-Identifier lines of the tree's files, the security
 * policy, the last commit's date, and how many of the latest release tags are signed. A mirror
 * that cannot be opened or read is removed and cloned again. This is the only module that
 * includes <git2.h>. */
#ifndef MSGVET_REPO_H
#define MSGVET_REPO_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "licence.h"

#define REPO_MAX_BLOBS 50000        /* files whose SPDX-License-Identifier lines are read */
#define REPO_SPDX_HEAD (16 * 1024)  /* bytes of each file searched for the line */
#define REPO_SPDX_MAX_FILE (4 * 1024 * 1024) /* larger files are not read for it */
#define REPO_SIGNED_TAGS 20         /* latest release tags checked for a signature */
#define REPO_MAX_LICENCE_FILES 64

struct repo_options {
	const char *url;         /* https://, git://, file:// or a local path */
	const char *cache_dir;   /* where mirrors live (created when missing) */
	const char *tag_pattern; /* NULL, or a glob with one '*' where the version is */
	bool prereleases;        /* count pre-release tags as versions */
	const struct licence_db *db;
	unsigned timeout;        /* seconds the network part may take in all (0: REPO_TIMEOUT) */
	bool list_only;          /* list the refs and choose the latest version; no mirror */
};

#define REPO_TIMEOUT 300        /* default bound of the network part, seconds */
#define REPO_NOTICE_MAX (256 * 1024) /* bytes of the README read as the licence notice */

/* Why a probe failed: the recorded status. */
enum repo_status {
	REPO_OK,
	REPO_NOT_FOUND,     /* no repository at the URL */
	REPO_AUTH,          /* the server asks for credentials */
	REPO_REFUSED,       /* connection refused */
	REPO_CLOSED,        /* the server closed the connection mid-transfer */
	REPO_TIMEOUT_HIT,   /* the deadline passed */
	REPO_NETWORK,       /* another network or protocol failure (name resolution, TLS...) */
	REPO_MIRROR,        /* the mirror cannot be written or read (after cloning it again) */
};

struct repo_licence_file {
	char *path;
	char *licence;   /* SPDX id, "other" or "unknown" */
	char *closest;   /* for other: the licence it resembles; else NULL */
	double confidence;
	size_t edits;    /* SIZE_MAX when not counted */
	const char *reason; /* static; NULL for a licence */
	bool text;          /* read as text (not a link, binary, too large or unreadable) */
};

struct repo_spdx_count {
	char *expression;
	size_t files;
};

/* What the probe found; every pointer owned, NULL when not known. */
struct repo_report {
	char *default_branch;
	char **tags;             /* every tag name, sorted */
	size_t ntags;
	char *latest_tag, *latest_version;
	char *head_commit;       /* hex id of the default branch's head */
	long long head_time;     /* its committer time, seconds since the epoch (0: none) */
	struct repo_licence_file *files;
	size_t nfiles;
	char *license;           /* the SPDX expression (licexpr.h), NULL without licence files */
	char **license_evidence; /* why, one sentence each */
	size_t nevidence;
	char *notice;            /* path of the README read as the licence notice, or NULL */
	size_t later_headers;    /* files whose first lines grant "any later version" */
	struct repo_spdx_count *spdx; /* by expression */
	size_t nspdx;
	size_t blobs, blobs_with_spdx; /* files read for SPDX lines, and those that had one */
	bool blobs_capped;       /* REPO_MAX_BLOBS reached */
	char *security_policy;   /* path of SECURITY.md, or NULL */
	size_t signed_tags, checked_tags;
	bool cloned;             /* the mirror was cloned (or cloned again) by this run */
	bool recloned;           /* ... because the one in the cache was unusable */
	char *mirror;            /* its path */
	enum repo_status status; /* REPO_OK, or why the probe failed */
	double t_list, t_mirror, t_read; /* seconds spent listing, updating the mirror, reading */
};

/* Run the probe; 0, or -1 with r->status set and the reason in err. With o->list_only only
 * the refs are listed (default_branch, tags, latest_*). */
int repo_probe(const struct repo_options *o, struct repo_report *r, struct buf *err);
/* "not-found", "auth-required", "refused", "closed", "timeout", "network", "mirror" ("ok"). */
const char *repo_status_name(enum repo_status s);
void repo_report_release(struct repo_report *r);

#endif
