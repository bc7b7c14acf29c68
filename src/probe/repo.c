/* repo.c - the repository probe, on libgit2 (the only file that includes <git2.h>). */
#define _GNU_SOURCE /* nftw */
#include "repo.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <git2.h>
#include <git2/sys/stream.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fsutil.h"
#include "licexpr.h"
#include "util.h"
#include "tagversion.h"

/* ---------------------------------------------------------------- the deadline
 *
 * libgit2 1.5 has no network timeouts: a server that accepts and then says nothing holds a
 * probe forever. Every plain socket libgit2 opens (git://, http://, and under TLS for https://)
 * is therefore one of ours (git_stream_register): connect, read and write wait with poll()
 * for at most the time left until the probe's deadline, then fail. A transfer-progress
 * callback checks the deadline too. The state is per thread: probes on several threads each
 * have their own; the registration stays for the process (every use of libgit2's network is
 * here, after deadline_start). */

static _Thread_local struct timespec net_deadline;
static _Thread_local bool net_timed_out;  /* the deadline passed */
static _Thread_local bool net_eof;        /* a server closed a connection */
static _Thread_local int net_connect_errno; /* why the last connect failed */
static _Thread_local unsigned net_timeout; /* seconds, for messages */

static double now_seconds(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Milliseconds left until the deadline (0 when it passed). */
static int ms_left(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	long long ms = (long long)(net_deadline.tv_sec - t.tv_sec) * 1000 +
		       (net_deadline.tv_nsec - t.tv_nsec) / 1000000;
	return ms <= 0 ? 0 : ms > 0x7fffffff ? 0x7fffffff : (int)ms;
}

static int timed_out(void)
{
	net_timed_out = true;
	git_error_set(GIT_ERROR_NET, "timed out: no answer within %u s", net_timeout);
	return -1;
}

/* Wait until fd is ready for events, or the deadline; 0, or -1 (error set). */
static int wait_fd(int fd, short events)
{
	for (;;) {
		struct pollfd p = {fd, events, 0};
		int left = ms_left();
		if (left == 0)
			return timed_out();
		int n = poll(&p, 1, left);
		if (n > 0)
			return 0;
		if (n == 0)
			return timed_out();
		if (errno != EINTR) {
			git_error_set(GIT_ERROR_OS, "poll: %s", strerror(errno));
			return -1;
		}
	}
}

struct dstream {
	git_stream parent;
	char *host, *port;
	int fd;
};

static int ds_connect(git_stream *gs)
{
	struct dstream *s = (struct dstream *)gs;
	struct addrinfo hints = {0}, *res = NULL;
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	int rc = getaddrinfo(s->host, s->port, &hints, &res);
	if (rc != 0) {
		git_error_set(GIT_ERROR_NET, "cannot resolve '%s': %s", s->host, gai_strerror(rc));
		return -1;
	}
	int err = 0;
	for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
		int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, ai->ai_protocol);
		if (fd < 0) {
			err = errno;
			continue;
		}
		if (connect(fd, ai->ai_addr, ai->ai_addrlen) < 0) {
			if (errno != EINPROGRESS) {
				err = errno;
				close(fd);
				continue;
			}
			if (wait_fd(fd, POLLOUT) < 0) {
				close(fd);
				freeaddrinfo(res);
				return -1;
			}
			socklen_t len = sizeof(err);
			if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0)
				err = errno;
			if (err) {
				close(fd);
				continue;
			}
		}
		s->fd = fd;
		break;
	}
	freeaddrinfo(res);
	if (s->fd < 0) {
		net_connect_errno = err;
		git_error_set(GIT_ERROR_NET, "cannot connect to %s:%s: %s", s->host, s->port,
			      strerror(err ? err : ECONNREFUSED));
		return -1;
	}
	return 0;
}

static ssize_t ds_read(git_stream *gs, void *data, size_t len)
{
	struct dstream *s = (struct dstream *)gs;
	for (;;) {
		if (wait_fd(s->fd, POLLIN) < 0)
			return -1;
		ssize_t n = recv(s->fd, data, len, 0);
		if (n >= 0) {
			if (n == 0)
				net_eof = true;
			return n;
		}
		if (errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK) {
			if (errno == ECONNRESET || errno == EPIPE)
				net_eof = true;
			git_error_set(GIT_ERROR_NET, "cannot read from %s:%s: %s", s->host, s->port, strerror(errno));
			return -1;
		}
	}
}

static ssize_t ds_write(git_stream *gs, const char *data, size_t len, int flags)
{
	struct dstream *s = (struct dstream *)gs;
	(void)flags;
	size_t done = 0;
	while (done < len) {
		if (wait_fd(s->fd, POLLOUT) < 0)
			return -1;
		ssize_t n = send(s->fd, data + done, len - done, MSG_NOSIGNAL);
		if (n < 0) {
			if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK)
				continue;
			if (errno == ECONNRESET || errno == EPIPE)
				net_eof = true;
			git_error_set(GIT_ERROR_NET, "cannot write to %s:%s: %s", s->host, s->port, strerror(errno));
			return -1;
		}
		done += (size_t)n;
	}
	return (ssize_t)done;
}

static int ds_close(git_stream *gs)
{
	struct dstream *s = (struct dstream *)gs;
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
	return 0;
}

static void ds_free(git_stream *gs)
{
	struct dstream *s = (struct dstream *)gs;
	ds_close(gs);
	free(s->host);
	free(s->port);
	free(s);
}

static int ds_new(git_stream **out, const char *host, const char *port)
{
	struct dstream *s = xcalloc(1, sizeof(*s));
	s->parent.version = GIT_STREAM_VERSION;
	s->parent.connect = ds_connect;
	s->parent.read = ds_read;
	s->parent.write = ds_write;
	s->parent.close = ds_close;
	s->parent.free = ds_free;
	s->host = xstrdup(host);
	s->port = xstrdup(port);
	s->fd = -1;
	*out = &s->parent;
	return 0;
}

/* Start the clock: every network operation of this thread ends by now + seconds. */
static void deadline_start(unsigned seconds)
{
	clock_gettime(CLOCK_MONOTONIC, &net_deadline);
	net_deadline.tv_sec += seconds;
	net_timeout = seconds;
	net_timed_out = net_eof = false;
	net_connect_errno = 0;
	git_stream_registration reg = {GIT_STREAM_VERSION, ds_new, NULL};
	git_stream_register(GIT_STREAM_STANDARD, &reg);
}

static int progress_deadline(const git_indexer_progress *stats, void *payload)
{
	(void)stats;
	(void)payload;
	return ms_left() == 0 ? timed_out() : 0;
}

/* ---------------------------------------------------------------- statuses */

static const struct {
	enum repo_status status;
	const char *name, *reason;
} statuses[] = {
	{REPO_OK, "ok", "ok"},
	{REPO_NOT_FOUND, "not-found", "repository not found"},
	{REPO_AUTH, "auth-required", "authentication required"},
	{REPO_REFUSED, "refused", "connection refused"},
	{REPO_CLOSED, "closed", "the server closed the connection mid-transfer"},
	{REPO_TIMEOUT_HIT, "timeout", "timed out"},
	{REPO_NETWORK, "network", "network error"},
	{REPO_MIRROR, "mirror", "the mirror cannot be used"},
};

const char *repo_status_name(enum repo_status st)
{
	for (size_t i = 0; i < ARRAY_SIZE(statuses); i++)
		if (statuses[i].status == st)
			return statuses[i].name;
	return "?";
}

/* Why a network operation that returned code failed, from what the streams saw and libgit2's
 * message (already in err). */
static enum repo_status classify(int code, const char *msg)
{
	static const char *const not_found[] = {
		"not found", "not exported", "no such repository", "does not appear to be a git repository",
		"could not find repository", "404",
	};
	if (net_timed_out)
		return REPO_TIMEOUT_HIT;
	if (code == GIT_EAUTH || strstr(msg, "authentication") || strstr(msg, "401"))
		return REPO_AUTH;
	if (net_connect_errno == ECONNREFUSED || strstr(msg, "Connection refused"))
		return REPO_REFUSED;
	if (code == GIT_ENOTFOUND)
		return REPO_NOT_FOUND;
	for (size_t i = 0; i < ARRAY_SIZE(not_found); i++)
		if (strstr(msg, not_found[i]))
			return REPO_NOT_FOUND;
	if (net_eof || strstr(msg, "early EOF") || strstr(msg, "unexpected EOF"))
		return REPO_CLOSED;
	return REPO_NETWORK;
}

/* err = "<status reason>: <err>", r->status set, for a failed network operation. */
static int net_fail(struct repo_report *r, int code, struct buf *err)
{
	r->status = classify(code, err->s);
	char *msg = buf_detach(err, NULL);
	for (size_t i = 0; i < ARRAY_SIZE(statuses); i++)
		if (statuses[i].status == r->status)
			buf_addf(err, "%s: %s", statuses[i].reason, msg);
	free(msg);
	return -1;
}

/* Append libgit2's last error to err after what; returns -1. */
static int git_fail(struct buf *err, const char *what)
{
	const git_error *e = git_error_last();
	buf_reset(err);
	buf_addf(err, "%s: %s", what, e && e->message ? e->message : "unknown error");
	return -1;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The remote's tags and default branch, without fetching anything. */
static int list_remote(const char *url, struct repo_report *r, struct buf *err)
{
	git_remote *remote = NULL;
	int rc = 0;
	struct stat st;
	if (!strstr(url, "://") && !strchr(url, ':') && stat(url, &st) < 0) {
		r->status = REPO_NOT_FOUND;
		buf_addf(err, "repository not found: %s", strerror(errno));
		return -1;
	}
	if (git_remote_create_anonymous(&remote, NULL, url) < 0) {
		r->status = REPO_NOT_FOUND;
		return git_fail(err, "cannot use the URL");
	}
	git_remote_callbacks cb;
	git_remote_init_callbacks(&cb, GIT_REMOTE_CALLBACKS_VERSION);
	int code = git_remote_connect(remote, GIT_DIRECTION_FETCH, &cb, NULL, NULL);
	if (code < 0) {
		git_fail(err, "cannot list the repository");
		rc = net_fail(r, code, err);
		goto out;
	}
	const git_remote_head **heads;
	size_t n, alloc = 0;
	if ((code = git_remote_ls(&heads, &n, remote)) < 0) {
		git_fail(err, "cannot list the repository");
		rc = net_fail(r, code, err);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		const char *name = heads[i]->name;
		if (strncmp(name, "refs/tags/", 10) != 0 || str_has_suffix(name, "^{}"))
			continue;
		r->tags = xgrow(r->tags, sizeof(*r->tags), r->ntags + 1, &alloc);
		r->tags[r->ntags++] = xstrdup(name + 10);
	}
	if (r->ntags > 1)
		qsort(r->tags, r->ntags, sizeof(*r->tags), cmp_str);
	git_buf b = {0};
	if (git_remote_default_branch(&b, remote) == 0) {
		const char *s = b.ptr;
		if (strncmp(s, "refs/heads/", 11) == 0)
			s += 11;
		r->default_branch = xstrdup(s);
	} else {
		git_error_clear(); /* no HEAD: an empty repository */
	}
	git_buf_dispose(&b);
	git_remote_disconnect(remote);
out:
	git_remote_free(remote);
	return rc;
}

static void latest_version(const struct repo_options *o, struct repo_report *r)
{
	size_t *order = xcalloc(r->ntags + 1, sizeof(*order));
	size_t n = version_sort_tags((const char *const *)r->tags, r->ntags, o->tag_pattern,
				     o->prereleases, order);
	if (n > 0) {
		struct version v;
		version_parse(r->tags[order[0]], o->tag_pattern, &v);
		r->latest_tag = xstrdup(r->tags[order[0]]);
		r->latest_version = xstrdup(v.text);
	}
	free(order);
}

/* mkdir -p */
static int make_dirs(const char *dir)
{
	char *p = xstrdup(dir);
	int rc = 0;
	for (char *s = p + 1;; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, 0777) < 0 && errno != EEXIST) {
			rc = -1;
			break;
		}
		*s = c;
		if (!c)
			break;
	}
	free(p);
	return rc;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return (flag == FTW_DP ? rmdir(path) : unlink(path)) < 0 && errno != ENOENT ? -1 : 0;
}

static int remove_tree(const char *path)
{
	return nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS) < 0 && errno != ENOENT ? -1 : 0;
}

/* The mirror's directory for url: a readable name and a hash of the whole URL. */
static char *mirror_path(const char *cache, const char *url)
{
	uint64_t h = 14695981039346656037ull;
	for (const char *p = url; *p; p++) {
		h ^= (unsigned char)*p;
		h *= 1099511628211ull;
	}
	const char *s = strstr(url, "://");
	s = s ? s + 3 : url;
	struct buf b = BUF_INIT;
	buf_addf(&b, "%s/", cache);
	for (size_t i = 0; s[i] && i < 80; i++) {
		char c = s[i];
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
			  c == '.' || c == '-';
		buf_addc(&b, ok ? c : '_');
	}
	buf_addf(&b, "-%016llx.git", (unsigned long long)h);
	return buf_detach(&b, NULL);
}

/* Fetch every branch and tag of url into the mirror (an anonymous remote with explicit
 * refspecs: no remote configuration is read or written). */
static int fetch_mirror(git_repository *repo, const char *url, struct repo_report *r,
			struct buf *err)
{
	git_remote *remote = NULL;
	if (git_remote_create_anonymous(&remote, repo, url) < 0) {
		r->status = REPO_NOT_FOUND;
		return git_fail(err, "cannot use the URL");
	}
	char *specs[] = {(char *)"+refs/heads/*:refs/heads/*", (char *)"+refs/tags/*:refs/tags/*"};
	git_strarray refspecs = {specs, 2};
	git_fetch_options fo;
	git_fetch_options_init(&fo, GIT_FETCH_OPTIONS_VERSION);
	fo.prune = GIT_FETCH_PRUNE;
	fo.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_ALL;
	fo.callbacks.transfer_progress = progress_deadline;
	int code = git_remote_fetch(remote, &refspecs, &fo, "msgvet: fetch");
	int rc = 0;
	if (code < 0) {
		git_fail(err, "cannot fetch");
		rc = net_fail(r, code, err);
	}
	git_remote_free(remote);
	return rc;
}

/* The URL a mirror was cloned from is kept in this file inside it. */
#define MIRROR_URL_FILE "msgvet-url"

static int write_url(const char *dir, const char *url)
{
	char *path = xasprintf("%s/%s", dir, MIRROR_URL_FILE);
	FILE *fp = fopen(path, "w");
	int rc = fp && fprintf(fp, "%s\n", url) >= 0 ? 0 : -1;
	if (fp && fclose(fp) != 0)
		rc = -1;
	free(path);
	return rc;
}

static bool same_url(const char *dir, const char *url)
{
	char *path = xasprintf("%s/%s", dir, MIRROR_URL_FILE);
	size_t len;
	char *s = read_file(path, 8192, &len);
	bool same = s && len == strlen(url) + 1 && strncmp(s, url, len - 1) == 0 && s[len - 1] == '\n';
	free(s);
	free(path);
	return same;
}

/* Clone url into a new bare mirror at path (written next to it, then renamed). */
static int clone_mirror(const char *path, const char *url, struct repo_report *r,
			git_repository **out, struct buf *err)
{
	char *tmp = xasprintf("%s.tmp-%ld", path, (long)getpid());
	remove_tree(tmp);
	git_repository *repo = NULL;
	int rc = -1;
	r->status = REPO_MIRROR;
	if (git_repository_init(&repo, tmp, 1) < 0) {
		git_fail(err, "the mirror cannot be used: cannot create it");
		goto out;
	}
	if (write_url(tmp, url) < 0) {
		buf_addf(err, "the mirror cannot be used: cannot write to '%s': %s", tmp, strerror(errno));
		goto out;
	}
	r->status = REPO_OK;
	if (fetch_mirror(repo, url, r, err) < 0)
		goto out;
	git_repository_free(repo);
	repo = NULL;
	r->status = REPO_MIRROR;
	if (remove_tree(path) < 0 || rename(tmp, path) < 0) {
		buf_reset(err);
		buf_addf(err, "the mirror cannot be used: cannot put it in place at '%s': %s", path, strerror(errno));
		goto out;
	}
	if (git_repository_open_bare(&repo, path) < 0) {
		git_fail(err, "the mirror cannot be used: cannot open it");
		goto out;
	}
	r->status = REPO_OK;
	*out = repo;
	repo = NULL;
	rc = 0;
out:
	git_repository_free(repo);
	if (rc < 0)
		remove_tree(tmp);
	free(tmp);
	return rc;
}

/* Whether the mirror can be read: its default branch's commit and tree resolve. */
static int mirror_readable(git_repository *repo, const char *branch)
{
	if (!branch)
		return 0;
	char *ref = xasprintf("refs/heads/%s", branch);
	git_oid id;
	git_commit *c = NULL;
	git_tree *t = NULL;
	int rc = git_reference_name_to_id(&id, repo, ref) < 0 || git_commit_lookup(&c, repo, &id) < 0 ||
			 git_commit_tree(&t, c) < 0 ? -1 : 0;
	git_tree_free(t);
	git_commit_free(c);
	free(ref);
	if (rc < 0)
		git_error_clear();
	return rc;
}

/* Open the mirror and bring it up to date; clone it (again) when it is missing or unusable. */
static int update_mirror(const struct repo_options *o, struct repo_report *r, git_repository **out,
			 struct buf *err)
{
	if (make_dirs(o->cache_dir) < 0) {
		r->status = REPO_MIRROR;
		buf_addf(err, "the mirror cannot be used: cannot create the cache directory '%s': %s",
			 o->cache_dir, strerror(errno));
		return -1;
	}
	r->mirror = mirror_path(o->cache_dir, o->url);
	git_repository *repo = NULL;
	struct stat st;
	if (stat(r->mirror, &st) == 0) {
		bool usable = same_url(r->mirror, o->url) && git_repository_open_bare(&repo, r->mirror) == 0;
		if (usable) {
			if (fetch_mirror(repo, o->url, r, err) < 0) {
				const git_error *e = git_error_last();
				int klass = e ? e->klass : 0;
				if (klass == GIT_ERROR_NET || klass == GIT_ERROR_SSL || klass == GIT_ERROR_HTTP ||
				    klass == GIT_ERROR_SSH || r->status == REPO_TIMEOUT_HIT || r->status == REPO_AUTH ||
				    r->status == REPO_REFUSED) {
					git_repository_free(repo);
					return -1; /* the network, not the mirror */
				}
				r->status = REPO_OK;
				usable = false;
			} else if (mirror_readable(repo, r->default_branch) < 0) {
				usable = false;
			}
		}
		git_error_clear();
		if (usable) {
			*out = repo;
			return 0;
		}
		git_repository_free(repo);
		repo = NULL;
		r->recloned = true;
	}
	buf_reset(err);
	if (clone_mirror(r->mirror, o->url, r, &repo, err) < 0)
		return -1;
	r->cloned = true;
	*out = repo;
	return 0;
}

/* A name the licence of a repository is written in: LICENSE, LICENCE, COPYING, UNLICENSE,
 * alone or followed by an extension or a suffix (LICENSE.md, LICENSE-MIT, COPYING.LESSER). */
static bool licence_name(const char *name)
{
	static const char *const stems[] = {"LICENSE", "LICENCE", "COPYING", "UNLICENSE"};
	for (size_t i = 0; i < ARRAY_SIZE(stems); i++) {
		size_t n = strlen(stems[i]);
		if (strncasecmp(name, stems[i], n) == 0 &&
		    (name[n] == '\0' || name[n] == '.' || name[n] == '-' || name[n] == '_'))
			return true;
	}
	return false;
}

struct candidate {
	char *path;
	git_oid id;
	bool link;
};

/* README, README.md, readme.rst...: the notice read beside the licence files. */
static bool readme_name(const char *name)
{
	return strncasecmp(name, "README", 6) == 0 && (name[6] == '\0' || name[6] == '.');
}

struct walk {
	git_repository *repo;
	git_odb *odb;
	struct repo_report *r;
	git_oid readme;
	bool has_readme;
	struct candidate *cand;
	size_t ncand, cand_alloc, spdx_alloc;
	int security_rank; /* of r->security_policy: 0 root, 1 .github/, 2 docs/ */
};

static void count_spdx(struct walk *w, const char *expr)
{
	struct repo_report *r = w->r;
	for (size_t i = 0; i < r->nspdx; i++)
		if (strcmp(r->spdx[i].expression, expr) == 0) {
			r->spdx[i].files++;
			return;
		}
	r->spdx = xgrow(r->spdx, sizeof(*r->spdx), r->nspdx + 1, &w->spdx_alloc);
	r->spdx[r->nspdx].expression = xstrdup(expr);
	r->spdx[r->nspdx].files = 1;
	r->nspdx++;
}

static int walk_entry(const char *root, const git_tree_entry *e, void *payload)
{
	struct walk *w = payload;
	struct repo_report *r = w->r;
	const char *name = git_tree_entry_name(e);
	git_object_t type = git_tree_entry_type(e);
	if (type != GIT_OBJECT_BLOB)
		return 0; /* trees are walked into; submodules (commits) are not files here */
	bool link = git_tree_entry_filemode(e) == GIT_FILEMODE_LINK;
	char *path = xasprintf("%s%s", root, name);
	if (((*root == '\0' && licence_name(name)) || strcmp(root, "LICENSES/") == 0) &&
	    w->ncand < REPO_MAX_LICENCE_FILES) {
		w->cand = xgrow(w->cand, sizeof(*w->cand), w->ncand + 1, &w->cand_alloc);
		w->cand[w->ncand].path = xstrdup(path);
		git_oid_cpy(&w->cand[w->ncand].id, git_tree_entry_id(e));
		w->cand[w->ncand].link = link;
		w->ncand++;
	}
	bool candidate = (*root == '\0' && licence_name(name)) || strcmp(root, "LICENSES/") == 0;
	if (*root == '\0' && readme_name(name) && !link && !w->has_readme) {
		free(r->notice);
		r->notice = xstrdup(name);
		git_oid_cpy(&w->readme, git_tree_entry_id(e));
		w->has_readme = true;
	}
	if (strcasecmp(name, "SECURITY.md") == 0 && !link) {
		int rank = *root == '\0' ? 0 : strcmp(root, ".github/") == 0 ? 1 : strcmp(root, "docs/") == 0 ? 2 : -1;
		if (rank >= 0 && (!r->security_policy || rank < w->security_rank)) {
			free(r->security_policy);
			r->security_policy = xstrdup(path);
			w->security_rank = rank;
		}
	}
	free(path);
	if (link)
		return 0;
	if (r->blobs >= REPO_MAX_BLOBS) {
		r->blobs_capped = true;
		return 0;
	}
	size_t size;
	git_object_t otype;
	if (git_odb_read_header(&size, &otype, w->odb, git_tree_entry_id(e)) < 0 ||
	    size > REPO_SPDX_MAX_FILE) {
		git_error_clear();
		return 0; /* unreadable, or too large to be read whole for its first lines */
	}
	git_blob *blob = NULL;
	if (git_blob_lookup(&blob, w->repo, git_tree_entry_id(e)) < 0) {
		git_error_clear();
		return 0;
	}
	r->blobs++;
	size = (size_t)git_blob_rawsize(blob);
	const char *data = git_blob_rawcontent(blob);
	size_t head = size < REPO_SPDX_HEAD ? size : REPO_SPDX_HEAD;
	struct buf expr = BUF_INIT;
	if (!memchr(data, '\0', head)) {
		if (licence_spdx_tag(data, head, &expr) == 0) {
			r->blobs_with_spdx++;
			count_spdx(w, expr.s);
		}
		if (!candidate && !(*root == '\0' && readme_name(name)) && licexpr_grants_later(data, head))
			r->later_headers++;
	}
	buf_release(&expr);
	git_blob_free(blob);
	return 0;
}

static int cmp_spdx(const void *a, const void *b)
{
	const struct repo_spdx_count *x = a, *y = b;
	if (x->files != y->files)
		return x->files < y->files ? 1 : -1;
	return strcmp(x->expression, y->expression);
}

/* The README's text (at most REPO_NOTICE_MAX bytes), or NULL. */
static git_blob *read_notice(struct walk *w)
{
	git_blob *blob = NULL;
	if (!w->has_readme)
		return NULL;
	if (git_blob_lookup(&blob, w->repo, &w->readme) < 0) {
		git_error_clear();
		return NULL;
	}
	return blob;
}

/* Detect the licence of each candidate file, then the expression (licexpr.h). */
static void detect_files(const struct repo_options *o, struct walk *w)
{
	struct repo_report *r = w->r;
	r->files = xcalloc(w->ncand + 1, sizeof(*r->files));
	for (size_t i = 0; i < w->ncand; i++) {
		struct repo_licence_file *f = &r->files[r->nfiles++];
		f->path = w->cand[i].path;
		w->cand[i].path = NULL;
		f->edits = SIZE_MAX;
		f->licence = xstrdup("unknown");
		git_blob *blob = NULL;
		if (w->cand[i].link) {
			f->reason = "a symbolic link (not followed)";
		} else if (git_blob_lookup(&blob, w->repo, &w->cand[i].id) < 0) {
			git_error_clear();
			f->reason = "cannot be read";
		} else {
			struct licence_result lr;
			git_object_size_t size = git_blob_rawsize(blob);
			licence_detect(o->db, git_blob_rawcontent(blob),
				       size > LICENCE_MAX_TEXT ? (size_t)LICENCE_MAX_TEXT + 1 : (size_t)size, &lr);
			free(f->licence);
			f->licence = xstrdup(licence_verdict_name(&lr));
			f->closest = lr.verdict == LICENCE_OTHER ? xstrdup(lr.id) : NULL;
			f->confidence = lr.confidence;
			f->edits = lr.edits;
			f->reason = lr.reason;
			f->text = lr.verdict != LICENCE_UNKNOWN || !lr.reason ||
				  (strcmp(lr.reason, "binary") != 0 && size <= LICENCE_MAX_TEXT);
			git_blob_free(blob);
		}
	}
	struct licexpr_file *lf = xcalloc(r->nfiles + 1, sizeof(*lf));
	for (size_t i = 0; i < r->nfiles; i++)
		lf[i] = (struct licexpr_file){r->files[i].path, r->files[i].licence, r->files[i].closest,
					      r->files[i].reason, r->files[i].text};
	struct licexpr_tally *tl = xcalloc(r->nspdx + 1, sizeof(*tl));
	for (size_t i = 0; i < r->nspdx; i++)
		tl[i] = (struct licexpr_tally){r->spdx[i].expression, r->spdx[i].files};
	git_blob *notice = read_notice(w);
	struct licexpr_input in = {lf, r->nfiles, NULL, NULL, 0, tl, r->nspdx, r->later_headers};
	if (notice) {
		git_object_size_t size = git_blob_rawsize(notice);
		in.notice_path = r->notice;
		in.notice = git_blob_rawcontent(notice);
		in.notice_len = size > REPO_NOTICE_MAX ? REPO_NOTICE_MAX : (size_t)size;
	}
	struct licexpr e;
	licexpr_decide(&in, &e);
	r->license = e.expression;
	r->license_evidence = e.evidence;
	r->nevidence = e.nevidence;
	git_blob_free(notice);
	free(lf);
	free(tl);
}

/* How many of the latest release tags are signed (PGP or SSH signature in the tag object). */
static void signed_tags(const struct repo_options *o, git_repository *repo, struct repo_report *r)
{
	size_t *order = xcalloc(r->ntags + 1, sizeof(*order));
	size_t n = version_sort_tags((const char *const *)r->tags, r->ntags, o->tag_pattern,
				     o->prereleases, order);
	git_odb *odb = NULL;
	if (git_repository_odb(&odb, repo) < 0) {
		git_error_clear();
		free(order);
		return;
	}
	for (size_t i = 0; i < n && i < REPO_SIGNED_TAGS; i++) {
		char *ref = xasprintf("refs/tags/%s", r->tags[order[i]]);
		git_oid id;
		git_odb_object *obj = NULL;
		if (git_reference_name_to_id(&id, repo, ref) == 0 && git_odb_read(&obj, odb, &id) == 0) {
			r->checked_tags++;
			const char *data = git_odb_object_data(obj);
			size_t len = git_odb_object_size(obj);
			if (git_odb_object_type(obj) == GIT_OBJECT_TAG &&
			    (memmem(data, len, "-----BEGIN PGP SIGNATURE-----", 29) ||
			     memmem(data, len, "-----BEGIN SSH SIGNATURE-----", 29)))
				r->signed_tags++;
		}
		git_error_clear();
		git_odb_object_free(obj);
		free(ref);
	}
	git_odb_free(odb);
	free(order);
}

/* Everything read from the mirror at the head of the default branch. */
static int read_head(const struct repo_options *o, git_repository *repo, struct repo_report *r,
		     struct buf *err)
{
	char *ref = xasprintf("refs/heads/%s", r->default_branch);
	git_oid id;
	git_commit *c = NULL;
	git_tree *t = NULL;
	struct walk w = {0};
	w.repo = repo;
	w.r = r;
	int rc = 0;
	if (git_reference_name_to_id(&id, repo, ref) < 0 || git_commit_lookup(&c, repo, &id) < 0 ||
	    git_commit_tree(&t, c) < 0) {
		rc = git_fail(err, "cannot read the default branch in the mirror");
		goto out;
	}
	git_repository_set_head(repo, ref);
	git_error_clear();
	char hex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(hex, sizeof(hex), &id);
	r->head_commit = xstrdup(hex);
	r->head_time = (long long)git_commit_time(c);
	if (git_repository_odb(&w.odb, repo) < 0) {
		rc = git_fail(err, "cannot read the mirror's objects");
		goto out;
	}
	if (git_tree_walk(t, GIT_TREEWALK_PRE, walk_entry, &w) < 0) {
		rc = git_fail(err, "cannot walk the tree");
		goto out;
	}
	if (r->nspdx > 1)
		qsort(r->spdx, r->nspdx, sizeof(*r->spdx), cmp_spdx);
	detect_files(o, &w);
out:
	for (size_t i = 0; i < w.ncand; i++)
		free(w.cand[i].path);
	free(w.cand);
	git_odb_free(w.odb);
	git_tree_free(t);
	git_commit_free(c);
	free(ref);
	return rc;
}

int repo_probe(const struct repo_options *o, struct repo_report *r, struct buf *err)
{
	memset(r, 0, sizeof(*r));
	git_libgit2_init();
	deadline_start(o->timeout ? o->timeout : REPO_TIMEOUT);
	git_repository *repo = NULL;
	double t0 = now_seconds();
	int rc = list_remote(o->url, r, err);
	if (rc == 0)
		latest_version(o, r);
	double t1 = now_seconds();
	r->t_list = t1 - t0;
	if (rc == 0 && !o->list_only) {
		rc = update_mirror(o, r, &repo, err);
		double t2 = now_seconds();
		r->t_mirror = t2 - t1;
		if (rc == 0 && r->default_branch) {
			rc = read_head(o, repo, r, err);
			if (rc == 0)
				signed_tags(o, repo, r);
		}
		r->t_read = now_seconds() - t2;
	}
	if (rc < 0 && r->status == REPO_OK)
		r->status = REPO_MIRROR; /* reading the mirror failed */
	git_repository_free(repo);
	git_libgit2_shutdown();
	return rc;
}

void repo_report_release(struct repo_report *r)
{
	free(r->default_branch);
	for (size_t i = 0; i < r->ntags; i++)
		free(r->tags[i]);
	free(r->tags);
	free(r->latest_tag);
	free(r->latest_version);
	free(r->head_commit);
	for (size_t i = 0; i < r->nfiles; i++) {
		free(r->files[i].path);
		free(r->files[i].licence);
		free(r->files[i].closest);
	}
	free(r->files);
	free(r->license);
	for (size_t i = 0; i < r->nevidence; i++)
		free(r->license_evidence[i]);
	free(r->license_evidence);
	free(r->notice);
	for (size_t i = 0; i < r->nspdx; i++)
		free(r->spdx[i].expression);
	free(r->spdx);
	free(r->security_policy);
	free(r->mirror);
	memset(r, 0, sizeof(*r));
}
