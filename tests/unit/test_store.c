/* test_store.c - the probe database: schema and migrations, runs as one transaction (also when
 * the process is killed halfway), latest observations, the HTTP cache, and the files it must
 * refuse: corrupt, foreign, from a future version, missing when opened read-only. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "buf.h"
#include "store.h"
#include "util.h"

static char tmpdir[64];

static int setup(void **state)
{
	(void)state;
	strcpy(tmpdir, "/tmp/msgvet-store-XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	assert_int_equal(system(cmd), 0);
	return 0;
}

static char *path_of(const char *name)
{
	return xasprintf("%s/%s", tmpdir, name);
}

static struct store *open_ok(const char *path, bool ro)
{
	struct buf err = BUF_INIT;
	struct store *s = store_open(path, ro, &err);
	if (!s)
		fail_msg("store_open: %s", err.s);
	buf_release(&err);
	return s;
}

/* Open must fail with a message containing want. */
static void open_fails(const char *path, bool ro, const char *want)
{
	struct buf err = BUF_INIT;
	struct store *s = store_open(path, ro, &err);
	assert_null(s);
	if (!strstr(err.s, want))
		fail_msg("error '%s' lacks '%s'", err.s, want);
	buf_release(&err);
}

static void obs(struct store *s, long long run, const char *m, const char *fact, const char *value,
		long long t)
{
	struct store_obs o = {
		.run = run, .messenger = m, .target = "https://api.github.com/repos/x/y", .kind = "github",
		.fact = fact, .value = value, .status = "ok", .http_status = 200, .etag = "\"e1\"", .time = t,
	};
	if (store_obs_insert(s, &o) < 0)
		fail_msg("insert: %s", store_error(s));
}

static int collect(const struct store_obs *o, void *arg)
{
	struct buf *b = arg;
	buf_addf(b, "%s %s=%s %s %d %lld\n", o->messenger, o->fact, o->value ? o->value : "(null)",
		 o->status, o->http_status, o->time);
	return 0;
}

static int count_runs(struct store *s)
{
	int n = store_runs(s, NULL, NULL);
	assert_true(n >= 0);
	return n;
}

static void test_runs_and_latest(void **state)
{
	(void)state;
	char *path = path_of(".msgvet/msgvet.db"); /* the directory is created */
	struct store *s = open_ok(path, false);
	long long run;
	assert_int_equal(store_run_begin(s, 1000, "0.1.0", &run), 0);
	obs(s, run, "signal", "clients[a].licence", "AGPL-3.0-only", 1001);
	obs(s, run, "briar", "release.latest.version", "1.5.9", 1002);
	assert_int_equal(store_run_commit(s, run, 1010, "completed"), 0);
	assert_int_equal(store_run_begin(s, 2000, "0.1.0", &run), 0);
	obs(s, run, "briar", "release.latest.version", "1.5.10", 2001);
	assert_int_equal(store_run_commit(s, run, 2010, "completed"), 0);
	store_close(s);

	/* WAL mode: the file is in WAL, so a -wal file appears while open */
	s = open_ok(path, true);
	struct buf b = BUF_INIT;
	assert_int_equal(store_obs_latest_each(s, NULL, collect, &b), 2);
	assert_string_equal(b.s, "briar release.latest.version=1.5.10 ok 200 2001\n"
				 "signal clients[a].licence=AGPL-3.0-only ok 200 1001\n");
	buf_reset(&b);
	assert_int_equal(store_obs_latest(s, "briar", "release.latest.version", collect, &b), 1);
	assert_string_equal(b.s, "briar release.latest.version=1.5.10 ok 200 2001\n");
	buf_reset(&b);
	assert_int_equal(store_obs_latest(s, "briar", "nothing", collect, &b), 0);
	assert_int_equal(store_obs_latest_each(s, "signal", collect, &b), 1);
	assert_int_equal(count_runs(s), 2);
	/* a read-only store refuses writes, and says which statement failed */
	assert_int_equal(store_run_begin(s, 3000, "0.1.0", &run), -1);
	assert_non_null(strstr(store_error(s), "(SQL: BEGIN IMMEDIATE)"));
	store_close(s);
	buf_release(&b);

	s = open_ok(path, false);
	char mode[16] = "";
	FILE *fp;
	char *cmd = xasprintf("python3 -c \"import sqlite3; print(sqlite3.connect('%s').execute("
			      "'PRAGMA journal_mode').fetchone()[0])\"", path);
	assert_non_null(fp = popen(cmd, "r"));
	assert_non_null(fgets(mode, sizeof mode, fp));
	pclose(fp);
	assert_string_equal(mode, "wal\n");
	free(cmd);
	store_close(s);
	free(path);
}

static void test_rollback_and_nesting(void **state)
{
	(void)state;
	char *path = path_of("rb.db");
	struct store *s = open_ok(path, false);
	long long run;
	assert_int_equal(store_run_begin(s, 1, "v", &run), 0);
	obs(s, run, "m", "f", "old", 1);
	assert_int_equal(store_run_commit(s, run, 2, "completed"), 0);

	/* a run that fails before its commit leaves nothing */
	assert_int_equal(store_run_begin(s, 3, "v", &run), 0);
	obs(s, run, "m", "f", "new", 3);
	struct store_cache c = {.url = "https://x.org/", .etag = "\"z\"", .stored = 3};
	assert_int_equal(store_cache_put(s, &c), 0);
	store_run_rollback(s);
	struct buf b = BUF_INIT;
	assert_int_equal(store_obs_latest_each(s, NULL, collect, &b), 1);
	assert_string_equal(b.s, "m f=old ok 200 1\n");
	assert_int_equal(store_cache_get(s, "https://x.org/", NULL, NULL), 0);
	assert_int_equal(count_runs(s), 1);

	/* an inner rollback dooms the outer transaction */
	assert_int_equal(store_begin(s), 0);
	assert_int_equal(store_begin(s), 0);
	assert_int_equal(store_cache_put(s, &c), 0);
	store_rollback(s);
	assert_int_equal(store_commit(s), -1);
	assert_int_equal(store_cache_get(s, "https://x.org/", NULL, NULL), 0);
	assert_int_equal(store_commit(s), -1); /* nothing open */

	/* errors carry SQLite's message and the SQL: an observation of a run that does not exist */
	struct store_obs o = {.run = 999, .messenger = "m", .target = "t", .kind = "k", .fact = "f",
			      .status = "ok", .time = 1};
	assert_int_equal(store_obs_insert(s, &o), -1);
	assert_non_null(strstr(store_error(s), "FOREIGN KEY constraint failed"));
	assert_non_null(strstr(store_error(s), "(SQL: INSERT INTO observations"));
	store_close(s);
	buf_release(&b);
	free(path);
}

/* A child process begins a run, writes, and is killed before its commit. */
static void test_killed_run(void **state)
{
	(void)state;
	char *path = path_of("kill.db");
	struct store *s = open_ok(path, false);
	long long run;
	assert_int_equal(store_run_begin(s, 1, "v", &run), 0);
	obs(s, run, "m", "f", "kept", 1);
	assert_int_equal(store_run_commit(s, run, 2, "completed"), 0);
	store_close(s);

	int ready[2];
	assert_int_equal(pipe(ready), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(ready[0]);
		struct buf err = BUF_INIT;
		struct store *cs = store_open(path, false, &err);
		long long r;
		if (!cs || store_run_begin(cs, 10, "v", &r) < 0)
			_exit(1);
		for (int i = 0; i < 500; i++) {
			char fact[32];
			snprintf(fact, sizeof fact, "f%d", i);
			struct store_obs o = {.run = r, .messenger = "m", .target = "t", .kind = "k",
					      .fact = i == 0 ? "f" : fact, .value = "lost", .status = "ok", .time = 10};
			if (store_obs_insert(cs, &o) < 0)
				_exit(1);
		}
		struct store_cache c = {.url = "https://x.org/", .stored = 10};
		store_cache_put(cs, &c);
		if (write(ready[1], "x", 1) != 1)
			_exit(1);
		alarm(60); /* in case the parent dies first */
		pause(); /* killed here, mid-run */
		_exit(1);
	}
	close(ready[1]);
	char x;
	assert_int_equal(read(ready[0], &x, 1), 1);
	close(ready[0]);
	kill(pid, SIGKILL);
	int st;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);

	s = open_ok(path, true);
	struct buf b = BUF_INIT;
	assert_int_equal(store_obs_latest_each(s, NULL, collect, &b), 1);
	assert_string_equal(b.s, "m f=kept ok 200 1\n");
	assert_int_equal(count_runs(s), 1);
	assert_int_equal(store_cache_get(s, "https://x.org/", NULL, NULL), 0);
	store_close(s);
	/* and the next run writes normally */
	s = open_ok(path, false);
	assert_int_equal(store_run_begin(s, 20, "v", &run), 0);
	assert_int_equal(store_run_commit(s, run, 21, "completed"), 0);
	assert_int_equal(count_runs(s), 2);
	store_close(s);
	buf_release(&b);
	free(path);
}

static int cache_str(const struct store_cache *c, void *arg)
{
	buf_addf(arg, "%s %s %s %s %d %.*s %s %lld", c->url, c->etag ? c->etag : "-",
		 c->last_modified ? c->last_modified : "-", c->body_hash ? c->body_hash : "-",
		 c->http_status, (int)c->body_len, c->body ? (const char *)c->body : "", c->value ? c->value : "-",
		 c->stored);
	return 0;
}

static void test_cache(void **state)
{
	(void)state;
	char *path = path_of("cache.db");
	struct store *s = open_ok(path, false);
	struct store_cache c = {.url = "https://api.github.com/repos/a/b", .etag = "W/\"1\"",
				.last_modified = "Tue, 01 Jul 2025 00:00:00 GMT", .body_hash = "ab",
				.http_status = 200, .body = "{}", .body_len = 2, .stored = 5};
	assert_int_equal(store_cache_put(s, &c), 0);
	struct buf b = BUF_INIT;
	assert_int_equal(store_cache_get(s, c.url, cache_str, &b), 1);
	assert_string_equal(b.s, "https://api.github.com/repos/a/b W/\"1\" Tue, 01 Jul 2025 00:00:00 GMT ab 200 {} - 5");
	/* replaced whole */
	struct store_cache d = {.url = c.url, .etag = "\"2\"", .http_status = 200, .value = "v2", .stored = 6};
	assert_int_equal(store_cache_put(s, &d), 0);
	buf_reset(&b);
	assert_int_equal(store_cache_get(s, c.url, cache_str, &b), 1);
	assert_string_equal(b.s, "https://api.github.com/repos/a/b \"2\" - - 200  v2 6");
	assert_int_equal(store_cache_get(s, "https://other/", cache_str, &b), 0);
	store_close(s);
	buf_release(&b);
	free(path);
}

static void python(const char *code)
{
	char *cmd = xasprintf("python3 -c \"%s\"", code);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

static void test_refused_files(void **state)
{
	(void)state;
	/* read-only open of a missing file: an error, and no file appears */
	char *missing = path_of("missing.db");
	open_fails(missing, true, "No such file or directory");
	struct stat st;
	assert_int_equal(stat(missing, &st), -1);

	/* not a database at all */
	char *junk = path_of("junk.db");
	FILE *fp = fopen(junk, "w");
	assert_non_null(fp);
	for (int i = 0; i < 4096; i++)
		fputc("not sqlite\n"[i % 11], fp);
	fclose(fp);
	open_fails(junk, false, "file is not a database");
	open_fails(junk, true, "file is not a database");

	/* another program's SQLite database */
	char *foreign = path_of("foreign.db");
	char *code = xasprintf("import sqlite3; c = sqlite3.connect('%s'); "
			       "c.execute('CREATE TABLE t (x)'); c.commit()", foreign);
	python(code);
	free(code);
	open_fails(foreign, false, "not a msgvet database");
	open_fails(foreign, true, "not a msgvet database");

	/* a schema from the future */
	char *future = path_of("future.db");
	store_close(open_ok(future, false));
	code = xasprintf("import sqlite3; c = sqlite3.connect('%s'); c.execute('PRAGMA user_version = 99')", future);
	python(code);
	free(code);
	open_fails(future, false, "database schema version 99 is newer than this msgvet knows (1)");
	open_fails(future, true, "is newer than this msgvet knows");

	/* an empty file opened read-only: not migrated, refused */
	char *empty = path_of("empty.db");
	fp = fopen(empty, "w");
	assert_non_null(fp);
	fclose(fp);
	open_fails(empty, true, "database schema version 0 is older than this msgvet's (1)");
	store_close(open_ok(empty, false)); /* opened for writing, it becomes a store */
	store_close(open_ok(empty, true));
	free(missing);
	free(junk);
	free(foreign);
	free(future);
	free(empty);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_runs_and_latest),
		cmocka_unit_test(test_rollback_and_nesting),
		cmocka_unit_test(test_killed_run),
		cmocka_unit_test(test_cache),
		cmocka_unit_test(test_refused_files),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
