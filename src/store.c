/* store.c - the probe database on SQLite (the only file that includes <sqlite3.h>).
 *
 * Statements go through a small wrapper that keeps their SQL, so every error message carries
 * SQLite's message and the statement that failed; parameters are bound by name. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sqlite3.h>

#include "buf.h"
#include "store.h"
#include "util.h"

/* "msgv": marks the file as ours, so a foreign SQLite database is refused. */
#define STORE_APPLICATION_ID 0x6d736776

/* The schema, one step per version: migrations[i] takes user_version i to i + 1. Never edit a
 * step once released; append a new one. */
static const char *const migrations[] = {
	/* 1: runs, observations, http cache */
	"CREATE TABLE runs (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  started INTEGER NOT NULL,\n"
	"  finished INTEGER,\n"
	"  status TEXT NOT NULL,\n"
	"  version TEXT NOT NULL\n"
	");\n"
	"CREATE TABLE observations (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,\n"
	"  messenger TEXT NOT NULL,\n"
	"  target TEXT NOT NULL,\n"
	"  kind TEXT NOT NULL,\n"
	"  fact TEXT NOT NULL,\n"
	"  value TEXT,\n"
	"  status TEXT NOT NULL,\n"
	"  http_status INTEGER,\n"
	"  final_url TEXT,\n"
	"  content_hash TEXT,\n"
	"  etag TEXT,\n"
	"  last_modified TEXT,\n"
	"  time INTEGER NOT NULL,\n"
	"  detail TEXT\n"
	");\n"
	"CREATE INDEX observations_fact ON observations(messenger, fact, time);\n"
	"CREATE INDEX observations_run ON observations(run);\n"
	"CREATE TABLE http_cache (\n"
	"  url TEXT PRIMARY KEY,\n"
	"  etag TEXT,\n"
	"  last_modified TEXT,\n"
	"  body_hash TEXT,\n"
	"  http_status INTEGER,\n"
	"  body BLOB,\n"
	"  value TEXT,\n"
	"  stored INTEGER NOT NULL\n"
	");\n",
};

struct store {
	sqlite3 *db;
	char *path;
	bool read_only;
	int depth;          /* transaction nesting */
	bool doomed;        /* an inner level rolled back */
	struct buf err;
};

/* A prepared statement and its SQL, for error messages. */
struct stmt {
	struct store *s;
	sqlite3_stmt *st;
	const char *sql;
	bool failed;        /* a bind failed: step refuses */
};

int store_schema_version(void)
{
	return (int)ARRAY_SIZE(migrations);
}

const char *store_error(const struct store *s)
{
	return s ? s->err.s : "";
}

/* Record SQLite's current error for sql; returns -1. */
static int sql_fail(struct store *s, const char *sql)
{
	buf_reset(&s->err);
	buf_addf(&s->err, "%s: %s", s->path, sqlite3_errmsg(s->db));
	if (sql)
		buf_addf(&s->err, " (SQL: %s)", sql);
	return -1;
}

static int stmt_prepare(struct store *s, struct stmt *q, const char *sql)
{
	q->s = s;
	q->sql = sql;
	q->failed = false;
	if (sqlite3_prepare_v2(s->db, sql, -1, &q->st, NULL) != SQLITE_OK) {
		q->st = NULL;
		return sql_fail(s, sql);
	}
	return 0;
}

static void stmt_finalize(struct stmt *q)
{
	sqlite3_finalize(q->st);
	q->st = NULL;
}

static int param(struct stmt *q, const char *name)
{
	int i = sqlite3_bind_parameter_index(q->st, name);
	if (i == 0 && !q->failed) {
		q->failed = true;
		buf_reset(&q->s->err);
		buf_addf(&q->s->err, "%s: no parameter %s (SQL: %s)", q->s->path, name, q->sql);
	}
	return i;
}

static void bind_rc(struct stmt *q, int rc)
{
	if (rc != SQLITE_OK && !q->failed) {
		q->failed = true;
		sql_fail(q->s, q->sql);
	}
}

/* Bind text by name; NULL binds SQL NULL. */
static void bind_text(struct stmt *q, const char *name, const char *v)
{
	int i = param(q, name);
	if (i > 0)
		bind_rc(q, v ? sqlite3_bind_text(q->st, i, v, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(q->st, i));
}

static void bind_int(struct stmt *q, const char *name, long long v)
{
	int i = param(q, name);
	if (i > 0)
		bind_rc(q, sqlite3_bind_int64(q->st, i, v));
}

/* An integer where 0 means unknown: bound as NULL. */
static void bind_int_or_null(struct stmt *q, const char *name, long long v)
{
	int i = param(q, name);
	if (i > 0)
		bind_rc(q, v ? sqlite3_bind_int64(q->st, i, v) : sqlite3_bind_null(q->st, i));
}

static void bind_blob(struct stmt *q, const char *name, const void *v, size_t n)
{
	int i = param(q, name);
	if (i > 0)
		bind_rc(q, v ? sqlite3_bind_blob64(q->st, i, v, n, SQLITE_TRANSIENT) : sqlite3_bind_null(q->st, i));
}

/* 1: a row, 0: done, -1: error. */
static int stmt_step(struct stmt *q)
{
	if (q->failed)
		return -1;
	int rc = sqlite3_step(q->st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return sql_fail(q->s, q->sql);
}

static const char *col_text(struct stmt *q, int i)
{
	return (const char *)sqlite3_column_text(q->st, i);
}

static long long col_int(struct stmt *q, int i)
{
	return sqlite3_column_int64(q->st, i);
}

/* Run one or more statements without parameters. */
static int exec_sql(struct store *s, const char *sql)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return sql_fail(s, sql);
	return 0;
}

/* A single integer result. */
static int query_int(struct store *s, const char *sql, long long *out)
{
	struct stmt q;
	if (stmt_prepare(s, &q, sql) < 0)
		return -1;
	int rc = stmt_step(&q);
	if (rc == 1)
		*out = col_int(&q, 0);
	else if (rc == 0)
		*out = 0;
	stmt_finalize(&q);
	return rc < 0 ? -1 : 0;
}

int store_begin(struct store *s)
{
	if (s->depth == 0) {
		if (exec_sql(s, "BEGIN IMMEDIATE") < 0)
			return -1;
		s->doomed = false;
	}
	s->depth++;
	return 0;
}

int store_commit(struct store *s)
{
	if (s->depth <= 0) {
		buf_reset(&s->err);
		buf_addf(&s->err, "%s: commit without a transaction", s->path);
		return -1;
	}
	if (--s->depth > 0)
		return 0;
	if (s->doomed) {
		exec_sql(s, "ROLLBACK");
		buf_reset(&s->err);
		buf_addf(&s->err, "%s: transaction rolled back by an inner level", s->path);
		return -1;
	}
	if (exec_sql(s, "COMMIT") < 0) {
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return 0;
}

void store_rollback(struct store *s)
{
	if (s->depth <= 0)
		return;
	if (--s->depth > 0) {
		s->doomed = true;
		return;
	}
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Bring the schema from user_version `have` to the newest, in one transaction. */
static int migrate(struct store *s, int have)
{
	if (store_begin(s) < 0)
		return -1;
	for (int v = have; v < store_schema_version(); v++) {
		if (exec_sql(s, migrations[v]) < 0)
			goto fail;
		char pragma[64];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
		if (exec_sql(s, pragma) < 0)
			goto fail;
	}
	char app[64];
	snprintf(app, sizeof app, "PRAGMA application_id = %d", STORE_APPLICATION_ID);
	if (exec_sql(s, app) < 0)
		goto fail;
	return store_commit(s);
fail:
	store_rollback(s);
	return -1;
}

/* Check that the file is ours and at a version we can use; migrate when writable. */
static int check_schema(struct store *s)
{
	long long app, version, tables;
	if (query_int(s, "PRAGMA application_id", &app) < 0 ||
	    query_int(s, "PRAGMA user_version", &version) < 0 ||
	    query_int(s, "SELECT count(*) FROM sqlite_master", &tables) < 0)
		return -1;
	buf_reset(&s->err);
	if (app != STORE_APPLICATION_ID && (app != 0 || tables > 0)) {
		buf_addf(&s->err, "%s: not a msgvet database (application id %lld, %lld schema objects)",
			 s->path, app, tables);
		return -1;
	}
	if (version > store_schema_version()) {
		buf_addf(&s->err, "%s: database schema version %lld is newer than this msgvet knows (%d): "
			 "use a newer msgvet", s->path, version, store_schema_version());
		return -1;
	}
	if (version == store_schema_version())
		return 0;
	if (s->read_only) {
		buf_addf(&s->err, "%s: database schema version %lld is older than this msgvet's (%d): "
			 "run 'msgvet probe' to upgrade it", s->path, version, store_schema_version());
		return -1;
	}
	return migrate(s, (int)version);
}

/* Create the directory holding path when it is missing (one level, as for .msgvet/). */
static int make_parent(const char *path, struct buf *err)
{
	const char *slash = strrchr(path, '/');
	if (!slash || slash == path)
		return 0;
	char *dir = xstrndup(path, (size_t)(slash - path));
	int rc = 0;
	if (mkdir(dir, 0777) < 0 && errno != EEXIST) {
		buf_addf(err, "%s: cannot create directory '%s': %s", path, dir, strerror(errno));
		rc = -1;
	}
	free(dir);
	return rc;
}

struct store *store_open(const char *path, bool read_only, struct buf *err)
{
	struct stat st;
	if (read_only && stat(path, &st) < 0) {
		buf_addf(err, "%s: cannot open database: %s", path, strerror(errno));
		return NULL;
	}
	if (!read_only && make_parent(path, err) < 0)
		return NULL;
	struct store *s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	s->read_only = read_only;
	buf_init(&s->err, 0);
	int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
		buf_addf(err, "%s: cannot open database: %s", path,
			 s->db ? sqlite3_errmsg(s->db) : "out of memory");
		goto fail;
	}
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, 5000);
	if (exec_sql(s, "PRAGMA foreign_keys = ON") < 0)
		goto fail_msg;
	if (!read_only) {
		/* the journal mode is a property of the file: set it once the file is known to be ours */
		if (check_schema(s) < 0 || exec_sql(s, "PRAGMA journal_mode = WAL") < 0)
			goto fail_msg;
	} else if (exec_sql(s, "PRAGMA query_only = ON") < 0 || check_schema(s) < 0) {
		goto fail_msg;
	}
	return s;
fail_msg:
	buf_adds(err, s->err.s);
fail:
	store_close(s);
	return NULL;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	if (s->depth > 0)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(s->db);
	free(s->path);
	buf_release(&s->err);
	free(s);
}

int store_run_begin(struct store *s, long long started, const char *version, long long *run_id)
{
	static const char sql[] =
		"INSERT INTO runs (started, status, version) VALUES (:started, 'running', :version)";
	struct stmt q;
	if (store_begin(s) < 0)
		return -1;
	if (stmt_prepare(s, &q, sql) < 0)
		goto fail;
	bind_int(&q, ":started", started);
	bind_text(&q, ":version", version);
	int rc = stmt_step(&q);
	stmt_finalize(&q);
	if (rc < 0)
		goto fail;
	*run_id = sqlite3_last_insert_rowid(s->db);
	return 0;
fail:
	store_rollback(s);
	return -1;
}

int store_run_commit(struct store *s, long long run_id, long long finished, const char *status)
{
	static const char sql[] = "UPDATE runs SET finished = :finished, status = :status WHERE id = :id";
	struct stmt q;
	if (stmt_prepare(s, &q, sql) < 0)
		goto fail;
	bind_int(&q, ":finished", finished);
	bind_text(&q, ":status", status);
	bind_int(&q, ":id", run_id);
	int rc = stmt_step(&q);
	stmt_finalize(&q);
	if (rc < 0)
		goto fail;
	return store_commit(s);
fail:
	store_rollback(s);
	return -1;
}

void store_run_rollback(struct store *s)
{
	store_rollback(s);
}

int store_runs(struct store *s, int (*fn)(const struct store_run *, void *), void *arg)
{
	static const char sql[] = "SELECT id, started, finished, status, version FROM runs ORDER BY id";
	struct stmt q;
	int n = 0, rc;
	if (stmt_prepare(s, &q, sql) < 0)
		return -1;
	while ((rc = stmt_step(&q)) == 1) {
		struct store_run r = {
			.id = col_int(&q, 0), .started = col_int(&q, 1), .finished = col_int(&q, 2),
			.status = col_text(&q, 3), .version = col_text(&q, 4),
		};
		n++;
		if (fn && fn(&r, arg) != 0) {
			rc = -1;
			break;
		}
	}
	stmt_finalize(&q);
	return rc < 0 ? -1 : n;
}

int store_obs_insert(struct store *s, const struct store_obs *o)
{
	static const char sql[] =
		"INSERT INTO observations (run, messenger, target, kind, fact, value, status, http_status,"
		" final_url, content_hash, etag, last_modified, time, detail) VALUES (:run, :messenger,"
		" :target, :kind, :fact, :value, :status, :http_status, :final_url, :content_hash, :etag,"
		" :last_modified, :time, :detail)";
	struct stmt q;
	if (stmt_prepare(s, &q, sql) < 0)
		return -1;
	bind_int(&q, ":run", o->run);
	bind_text(&q, ":messenger", o->messenger);
	bind_text(&q, ":target", o->target);
	bind_text(&q, ":kind", o->kind);
	bind_text(&q, ":fact", o->fact);
	bind_text(&q, ":value", o->value);
	bind_text(&q, ":status", o->status);
	bind_int_or_null(&q, ":http_status", o->http_status);
	bind_text(&q, ":final_url", o->final_url);
	bind_text(&q, ":content_hash", o->content_hash);
	bind_text(&q, ":etag", o->etag);
	bind_text(&q, ":last_modified", o->last_modified);
	bind_int(&q, ":time", o->time);
	bind_text(&q, ":detail", o->detail);
	int rc = stmt_step(&q);
	stmt_finalize(&q);
	return rc < 0 ? -1 : 0;
}

#define OBS_COLUMNS \
	"o.run, o.messenger, o.target, o.kind, o.fact, o.value, o.status, o.http_status, o.final_url," \
	" o.content_hash, o.etag, o.last_modified, o.time, o.detail"

static int obs_rows(struct stmt *q, int (*fn)(const struct store_obs *, void *), void *arg)
{
	int n = 0, rc;
	while ((rc = stmt_step(q)) == 1) {
		struct store_obs o = {
			.run = col_int(q, 0), .messenger = col_text(q, 1), .target = col_text(q, 2),
			.kind = col_text(q, 3), .fact = col_text(q, 4), .value = col_text(q, 5),
			.status = col_text(q, 6), .http_status = (int)col_int(q, 7),
			.final_url = col_text(q, 8), .content_hash = col_text(q, 9), .etag = col_text(q, 10),
			.last_modified = col_text(q, 11), .time = col_int(q, 12), .detail = col_text(q, 13),
		};
		n++;
		if (fn && fn(&o, arg) != 0) {
			rc = -1;
			break;
		}
	}
	stmt_finalize(q);
	return rc < 0 ? -1 : n;
}

int store_obs_latest(struct store *s, const char *messenger, const char *fact,
		     int (*fn)(const struct store_obs *, void *), void *arg)
{
	static const char sql[] =
		"SELECT " OBS_COLUMNS " FROM observations o WHERE o.messenger = :messenger AND o.fact = :fact"
		" ORDER BY o.time DESC, o.id DESC LIMIT 1";
	struct stmt q;
	if (stmt_prepare(s, &q, sql) < 0)
		return -1;
	bind_text(&q, ":messenger", messenger);
	bind_text(&q, ":fact", fact);
	return obs_rows(&q, fn, arg);
}

int store_obs_latest_each(struct store *s, const char *messenger,
			  int (*fn)(const struct store_obs *, void *), void *arg)
{
	static const char sql[] =
		"SELECT " OBS_COLUMNS " FROM observations o"
		" WHERE (:messenger IS NULL OR o.messenger = :messenger)"
		" AND o.id = (SELECT p.id FROM observations p WHERE p.messenger = o.messenger"
		" AND p.fact = o.fact ORDER BY p.time DESC, p.id DESC LIMIT 1)"
		" ORDER BY o.messenger, o.fact";
	struct stmt q;
	if (stmt_prepare(s, &q, sql) < 0)
		return -1;
	bind_text(&q, ":messenger", messenger);
	return obs_rows(&q, fn, arg);
}

int store_obs_run(struct store *s, long long run, int (*fn)(const struct store_obs *, void *), void *arg)
{
	static const char sql[] =
		"SELECT " OBS_COLUMNS " FROM observations o WHERE o.run = :run ORDER BY o.messenger, o.fact, o.id";
	struct stmt q;
	if (stmt_prepare(s, &q, sql) < 0)
		return -1;
	bind_int(&q, ":run", run);
	return obs_rows(&q, fn, arg);
}

int store_obs_history(struct store *s, const char *messenger,
		      int (*fn)(const struct store_obs *, void *), void *arg)
{
	static const char sql[] =
		"SELECT " OBS_COLUMNS " FROM observations o WHERE (:messenger IS NULL OR o.messenger = :messenger)"
		" ORDER BY o.messenger, o.fact, o.run, o.id";
	struct stmt q;
	if (stmt_prepare(s, &q, sql) < 0)
		return -1;
	bind_text(&q, ":messenger", messenger);
	return obs_rows(&q, fn, arg);
}

int store_cache_put(struct store *s, const struct store_cache *c)
{
	static const char sql[] =
		"INSERT INTO http_cache (url, etag, last_modified, body_hash, http_status, body, value, stored)"
		" VALUES (:url, :etag, :last_modified, :body_hash, :http_status, :body, :value, :stored)"
		" ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,"
		" body_hash = excluded.body_hash, http_status = excluded.http_status, body = excluded.body,"
		" value = excluded.value, stored = excluded.stored";
	struct stmt q;
	if (stmt_prepare(s, &q, sql) < 0)
		return -1;
	bind_text(&q, ":url", c->url);
	bind_text(&q, ":etag", c->etag);
	bind_text(&q, ":last_modified", c->last_modified);
	bind_text(&q, ":body_hash", c->body_hash);
	bind_int_or_null(&q, ":http_status", c->http_status);
	bind_blob(&q, ":body", c->body, c->body_len);
	bind_text(&q, ":value", c->value);
	bind_int(&q, ":stored", c->stored);
	int rc = stmt_step(&q);
	stmt_finalize(&q);
	return rc < 0 ? -1 : 0;
}

int store_cache_get(struct store *s, const char *url,
		    int (*fn)(const struct store_cache *, void *), void *arg)
{
	static const char sql[] =
		"SELECT url, etag, last_modified, body_hash, http_status, body, value, stored"
		" FROM http_cache WHERE url = :url ORDER BY url";
	struct stmt q;
	if (stmt_prepare(s, &q, sql) < 0)
		return -1;
	bind_text(&q, ":url", url);
	int rc = stmt_step(&q), n = 0;
	if (rc == 1) {
		struct store_cache c = {
			.url = col_text(&q, 0), .etag = col_text(&q, 1), .last_modified = col_text(&q, 2),
			.body_hash = col_text(&q, 3), .http_status = (int)col_int(&q, 4),
			.body = sqlite3_column_blob(q.st, 5), .body_len = (size_t)sqlite3_column_bytes(q.st, 5),
			.value = col_text(&q, 6), .stored = col_int(&q, 7),
		};
		n = 1;
		if (fn && fn(&c, arg) != 0)
			rc = -1;
	}
	stmt_finalize(&q);
	return rc < 0 ? -1 : n;
}
