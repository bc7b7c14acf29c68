/* store.h - the probe database: runs, observations and the HTTP cache in one SQLite file.
 *
 * The only module that sees SQLite. One file (default .msgvet/msgvet.db), WAL, foreign keys on,
 * schema versioned with PRAGMA user_version and migrated in order when opened for writing.
 * Times are seconds since the epoch (UTC). Every function returns 0 or -1 (readers: the number
 * of rows or -1); on -1, store_error() says what failed, with SQLite's message and the SQL.
 * Strings passed to the callbacks are borrowed: valid only during the call. */
#ifndef MSGVET_STORE_H
#define MSGVET_STORE_H

#include <stdbool.h>
#include <stddef.h>

struct buf;
struct store;

/* The default path under a data root. */
#define STORE_DEFAULT_PATH ".msgvet/msgvet.db"

/* Open (read_only: never created, never migrated; a missing file, a schema older than this
 * program's or newer than it are errors). Opened for writing, the file and its directory are
 * created when missing and the schema migrated. NULL on failure, with the reason in err. */
struct store *store_open(const char *path, bool read_only, struct buf *err);
/* Close; NULL is accepted. An open transaction is rolled back. */
void store_close(struct store *s);
/* The last error, "path: message (SQL: statement)"; "" when none. */
const char *store_error(const struct store *s);
/* The schema version this program writes. */
int store_schema_version(void);

/* Transactions, nested by counter: only the outermost begin/commit reach SQLite; a rollback
 * at any depth rolls the whole transaction back once the outermost level ends. */
int store_begin(struct store *s);
int store_commit(struct store *s);
void store_rollback(struct store *s);

/* A probe run: every write between store_run_begin and store_run_commit is one transaction,
 * so a run that dies before its commit leaves the database as the previous run left it. */
int store_run_begin(struct store *s, long long started, const char *version, long long *run_id);
/* Record the end (status: "completed", "interrupted", ...) and commit. */
int store_run_commit(struct store *s, long long run_id, long long finished, const char *status);
/* Abandon the run and everything written in it. */
void store_run_rollback(struct store *s);

/* A probe run as read back. */
struct store_run {
	long long id;
	long long started, finished; /* finished is 0 while unknown */
	const char *status, *version;
};
/* Every run, oldest first. Returns the number of runs or -1. fn may be NULL (count only). */
int store_runs(struct store *s, int (*fn)(const struct store_run *, void *), void *arg);

/* One thing a probe saw. NULL strings and http_status 0 are stored as NULL. */
struct store_obs {
	long long run;          /* the run that made it */
	const char *messenger;  /* messenger id */
	const char *target;     /* URL (or other address) probed */
	const char *kind;       /* probe kind: links, github, apple, ... */
	const char *fact;       /* fact path */
	const char *value;      /* observed value, as text (JSON for structured values) */
	const char *status;     /* outcome: ok, not-modified, http-error, timeout, ... */
	int http_status;
	const char *final_url, *content_hash, *etag, *last_modified;
	long long time;         /* when observed */
	const char *detail;     /* reason or note */
};
int store_obs_insert(struct store *s, const struct store_obs *o);
/* The latest observation of (messenger, fact): calls fn once when there is one. Returns 1
 * (found), 0 (none) or -1. */
int store_obs_latest(struct store *s, const char *messenger, const char *fact,
		     int (*fn)(const struct store_obs *, void *), void *arg);
/* The latest observation of every (messenger, fact), ordered by messenger then fact; only
 * those of one messenger when messenger is not NULL. Returns the count or -1; a non-zero
 * return from fn stops the walk and is returned as -1 with the store error unchanged. */
int store_obs_latest_each(struct store *s, const char *messenger,
			  int (*fn)(const struct store_obs *, void *), void *arg);

/* The observations of run `run`, ordered by messenger, fact and insertion. Returns the count
 * or -1; a non-zero return from fn stops the walk (-1). */
int store_obs_run(struct store *s, long long run, int (*fn)(const struct store_obs *, void *), void *arg);
/* Every observation (of one messenger when messenger is not NULL), ordered by messenger, fact,
 * run and insertion: the history of each fact. Returns the count or -1, as store_obs_run. */
int store_obs_history(struct store *s, const char *messenger,
		      int (*fn)(const struct store_obs *, void *), void *arg);

/* The HTTP cache: what the last answer for a URL was, for conditional requests. */
struct store_cache {
	const char *url;
	const char *etag, *last_modified; /* validators; NULL when the server sent none */
	const char *body_hash;            /* SHA-256 of the body, hex */
	int http_status;
	const void *body;                 /* stored body (may be NULL) */
	size_t body_len;
	const char *value;                /* parsed value (may be NULL) */
	long long stored;                 /* when */
};
/* Insert or replace the entry of c->url. */
int store_cache_put(struct store *s, const struct store_cache *c);
/* Returns 1 (found, fn called), 0 (none) or -1. */
int store_cache_get(struct store *s, const char *url,
		    int (*fn)(const struct store_cache *, void *), void *arg);

#endif
