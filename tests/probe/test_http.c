/* test_http.c - the http engine against the fixture HTTPS server (tests/fixtures/https-server)
 * on 127.0.0.1: the production URLs are pointed at it with connect_to and trusted with a CA
 * made at test time, so the real code path runs. One scenario per test, each ending in the
 * outcome a probe must record; the server's request log shows what was sent (the token only
 * to api.github.com) and how many transfers ran at once per host. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "buf.h"
#include "fsutil.h"
#include "http.h"
#include "sha256.h"
#include "util.h"

#define ANSWERS "tests/fixtures/https"
#define TOKEN "test-token-not-secret-42"

struct server {
	pid_t pid;
	int in;   /* the server's stdin: it exits when this closes */
	int port;
};

static char tmpdir[64];
static char *ca;        /* the CA the tests trust */
static char *logpath;   /* the main server's request log */
static struct server main_server;
static char connect_to[64];

static void server_start(struct server *s, const char *certs, const char *log)
{
	int in[2], out[2];
	assert_int_equal(pipe(in), 0);
	assert_int_equal(pipe(out), 0);
	s->pid = fork();
	assert_true(s->pid >= 0);
	if (s->pid == 0) {
		dup2(in[0], 0);
		dup2(out[1], 1);
		close(in[0]);
		close(in[1]);
		close(out[0]);
		close(out[1]);
		execlp("python3", "python3", "tests/fixtures/https-server", "--answers", ANSWERS,
		       "--certs", certs, "--log", log, "--lifetime", "300", (char *)NULL);
		perror("python3");
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	s->in = in[1];
	FILE *fp = fdopen(out[0], "r");
	char line[32];
	if (!fp || !fgets(line, sizeof line, fp) || (s->port = atoi(line)) <= 0)
		fail_msg("the fixture server did not start (python3 and openssl are needed)");
	fclose(fp);
}

static void server_stop(struct server *s)
{
	close(s->in);
	kill(s->pid, SIGTERM);
	waitpid(s->pid, NULL, 0);
}

static int group_setup(void **state)
{
	(void)state;
	strcpy(tmpdir, "/tmp/msgvet-http-XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	ca = xasprintf("%s/ca/ca.pem", tmpdir);
	logpath = xasprintf("%s/log", tmpdir);
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(ca);
	free(logpath);
	return 0;
}

/* Each test gets a fresh server (answers that count requests start over) and an empty log. */
static int setup(void **state)
{
	(void)state;
	unlink(logpath);
	char *certs = xasprintf("%s/ca", tmpdir);
	server_start(&main_server, certs, logpath);
	free(certs);
	snprintf(connect_to, sizeof connect_to, "::127.0.0.1:%d", main_server.port);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	server_stop(&main_server);
	return 0;
}

/* What a finished request left, copied out of the callback. */
struct got {
	int calls;
	enum http_outcome outcome;
	int status, redirects, attempts;
	double seconds;
	char *reason, *final_url, *body, *etag, *remaining;
	size_t body_len;
	char hash[65];
};

static void got_release(struct got *g)
{
	free(g->reason);
	free(g->final_url);
	free(g->body);
	free(g->etag);
	free(g->remaining);
	memset(g, 0, sizeof *g);
}

static void on_done(const struct http_result *r, void *arg)
{
	(void)arg;
	struct got *g = r->user;
	g->calls++;
	g->outcome = r->outcome;
	g->status = r->status;
	g->redirects = r->redirects;
	g->attempts = r->attempts;
	g->seconds = r->seconds;
	g->reason = xstrdup(r->reason.s);
	g->final_url = xstrdup(r->final_url);
	g->body = xstrndup(r->body.s, r->body.len);
	g->body_len = r->body.len;
	g->etag = r->headers.etag ? xstrdup(r->headers.etag) : NULL;
	g->remaining = r->headers.ratelimit_remaining ? xstrdup(r->headers.ratelimit_remaining) : NULL;
	memcpy(g->hash, r->hash, sizeof g->hash);
}

static const char *ct[1];

/* The production configuration, pointed at the fixture server, with short timeouts. */
static void config(struct http_config *c)
{
	http_config_default(c);
	ct[0] = connect_to;
	c->connect_to = ct;
	c->nconnect_to = 1;
	c->cacert = ca;
	c->connect_timeout_ms = 5000;
	c->timeout_ms = 10000;
	c->github_token = TOKEN;
}

static void run(const struct http_config *c, const struct http_request *reqs, size_t n)
{
	struct buf err = BUF_INIT;
	struct http *h = http_new(c, &err);
	if (!h)
		fail_msg("http_new: %s", err.s);
	for (size_t i = 0; i < n; i++)
		http_add(h, &reqs[i]);
	if (http_run(h, on_done, NULL, &err) < 0)
		fail_msg("http_run: %s", err.s);
	http_free(h);
	buf_release(&err);
}

static void fetch(const struct http_config *c, const char *url, const char *etag, struct got *g)
{
	memset(g, 0, sizeof *g);
	struct http_request r = {.url = url, .etag = etag, .user = g};
	run(c, &r, 1);
	assert_int_equal(g->calls, 1);
}

static void expect(const struct got *g, enum http_outcome o, int status)
{
	if (g->outcome != o || g->status != status)
		fail_msg("got %s (HTTP %d, %s), expected %s (HTTP %d)", http_outcome_name(g->outcome),
			 g->status, g->reason, http_outcome_name(o), status);
}

/* The server's request log: one line per request, tab-separated. */
struct logline {
	char host[64], path[256], auth[128], inm[64], agent[128];
	double start, end;
};

static size_t read_log(struct logline *v, size_t max)
{
	FILE *fp = fopen(logpath, "r");
	size_t n = 0;
	if (!fp)
		return 0;
	char line[1024];
	while (n < max && fgets(line, sizeof line, fp)) {
		struct logline *l = &v[n];
		if (sscanf(line, "%63[^\t]\t%255[^\t]\t%127[^\t]\t%63[^\t]\t%127[^\t]\t%lf\t%lf", l->host, l->path,
			   l->auth, l->inm, l->agent, &l->start, &l->end) != 7)
			fail_msg("bad log line: %s", line);
		n++;
	}
	fclose(fp);
	return n;
}

static void test_ok(void **state)
{
	(void)state;
	struct http_config c;
	config(&c);
	struct got g;
	fetch(&c, "https://api.github.com/repos/signalapp/Signal-Android", NULL, &g);
	expect(&g, HTTP_OK, 200);
	size_t len;
	char *want = read_file(ANSWERS "/github-repo/body", 1 << 20, &len);
	assert_non_null(want);
	assert_int_equal(g.body_len, len);
	assert_memory_equal(g.body, want, len);
	char hash[65];
	sha256_hex(want, len, hash);
	assert_string_equal(g.hash, hash);
	assert_string_equal(g.etag, "\"5f1e-signal\"");
	assert_string_equal(g.remaining, "4999");
	assert_string_equal(g.final_url, "https://api.github.com/repos/signalapp/Signal-Android");
	assert_string_equal(g.reason, "");
	assert_int_equal(g.attempts, 1);
	struct logline l[4];
	assert_int_equal(read_log(l, 4), 1);
	assert_string_equal(l[0].auth, "Bearer " TOKEN);
	assert_string_equal(l[0].inm, "-");
	assert_true(strncmp(l[0].agent, "msgvet/0.1.0", 12) == 0);
	free(want);
	got_release(&g);
}

static void test_not_modified(void **state)
{
	(void)state;
	struct http_config c;
	config(&c);
	struct got g;
	fetch(&c, "https://api.github.com/repos/signalapp/Signal-Android", "\"5f1e-signal\"", &g);
	expect(&g, HTTP_NOT_MODIFIED, 304);
	assert_int_equal(g.body_len, 0);
	assert_string_equal(g.hash, "");
	got_release(&g);
	/* by Last-Modified */
	memset(&g, 0, sizeof g);
	struct http_request r = {.url = "https://api.github.com/repos/signalapp/Signal-Android",
				 .last_modified = "Sat, 19 Jul 2025 22:10:11 GMT", .user = &g};
	run(&c, &r, 1);
	expect(&g, HTTP_NOT_MODIFIED, 304);
	got_release(&g);
	/* a stale ETag gets the body */
	fetch(&c, "https://api.github.com/repos/signalapp/Signal-Android", "\"old\"", &g);
	expect(&g, HTTP_OK, 200);
	got_release(&g);
	struct logline l[4];
	assert_int_equal(read_log(l, 4), 3);
	assert_string_equal(l[0].inm, "\"5f1e-signal\"");
}

static void test_http_errors(void **state)
{
	(void)state;
	struct http_config c;
	config(&c);
	struct got g;
	fetch(&c, "https://api.github.com/repos/briar/briar/releases/latest", NULL, &g);
	expect(&g, HTTP_HTTP_ERROR, 404);
	assert_string_equal(g.reason, "HTTP 404");
	assert_string_equal(g.body, "{\"message\":\"Not Found\"}\n");
	got_release(&g);
	fetch(&c, "https://codeberg.org/api/v1/repos/o/r", NULL, &g);
	expect(&g, HTTP_HTTP_ERROR, 500);
	got_release(&g);
}

static void test_retry_after_short(void **state)
{
	(void)state;
	struct http_config c;
	config(&c);
	struct got g;
	fetch(&c, "https://gitlab.com/api/v4/projects/briar%2Fbriar?license=true", NULL, &g);
	expect(&g, HTTP_OK, 200);
	assert_int_equal(g.attempts, 2);
	assert_true(g.seconds >= 1.0);
	assert_non_null(strstr(g.body, "briar/briar"));
	got_release(&g);
	/* with max_wait below the Retry-After, no waiting */
	teardown(state);
	setup(state);
	c.max_wait = 0;
	fetch(&c, "https://gitlab.com/api/v4/projects/briar%2Fbriar?license=true", NULL, &g);
	expect(&g, HTTP_RATE_LIMITED, 429);
	assert_int_equal(g.attempts, 1);
	got_release(&g);
}

static void test_retry_after_long(void **state)
{
	(void)state;
	struct http_config c;
	config(&c);
	struct got g;
	fetch(&c, "https://code.briarproject.org/api/v4/projects/briar%2Fbriar-desktop?license=true", NULL, &g);
	expect(&g, HTTP_RATE_LIMITED, 429);
	assert_true(g.seconds < 5);
	assert_non_null(strstr(g.reason, "rate limited for 3600 s"));
	got_release(&g);
}

static void test_github_rate_limit(void **state)
{
	(void)state;
	struct http_config c;
	config(&c);
	struct got g;
	fetch(&c, "https://api.github.com/repos/session-foundation/session-android/releases/latest", NULL, &g);
	expect(&g, HTTP_RATE_LIMITED, 403);
	assert_true(g.seconds < 5);
	assert_string_equal(g.remaining, "0");
	assert_non_null(strstr(g.reason, "more than the 60 s allowed to wait"));
	got_release(&g);
}

static void test_redirects(void **state)
{
	(void)state;
	struct http_config c;
	config(&c);
	struct got g;
	fetch(&c, "https://f-droid.org/api/v1/packages/org.briarproject.briar.android", NULL, &g);
	expect(&g, HTTP_TOO_MANY_REDIRECTS, 302);
	assert_int_equal(g.redirects, 5);
	got_release(&g);
	struct logline l[16];
	assert_int_equal(read_log(l, 16), 6);

	fetch(&c, "https://flathub.org/api/v2/appstream/org.briarproject.Briar", NULL, &g);
	expect(&g, HTTP_REDIRECT_REFUSED, 301);
	assert_non_null(strstr(g.reason, "'http://flathub.org/api/v2/appstream/org.briarproject.Briar' refused"));
	got_release(&g);
	assert_int_equal(read_log(l, 16), 7); /* the http URL was never fetched */

	/* an http URL is refused before any connection */
	fetch(&c, "http://api.github.com/repos/signalapp/Signal-Android", NULL, &g);
	expect(&g, HTTP_BAD_URL, 0);
	got_release(&g);
	assert_int_equal(read_log(l, 16), 7);
}

static void test_token_stays_with_github(void **state)
{
	(void)state;
	struct http_config c;
	config(&c);
	struct got g;
	fetch(&c, "https://api.github.com/repos/signalapp/Signal-Desktop", NULL, &g);
	expect(&g, HTTP_OK, 200);
	assert_int_equal(g.redirects, 2);
	assert_string_equal(g.final_url, "https://codeberg.org/api/v1/repos/signalapp/Signal-Desktop");
	assert_null(strstr(g.reason, TOKEN));
	got_release(&g);
	struct logline l[4];
	assert_int_equal(read_log(l, 4), 3);
	assert_string_equal(l[0].host, "api.github.com");
	assert_string_equal(l[0].auth, "Bearer " TOKEN);
	assert_string_equal(l[1].path, "/repositories/1");
	assert_string_equal(l[1].auth, "Bearer " TOKEN);
	assert_string_equal(l[2].host, "codeberg.org");
	assert_string_equal(l[2].auth, "-");
	/* without a token, no Authorization at all */
	unlink(logpath);
	c.github_token = NULL;
	fetch(&c, "https://api.github.com/repos/signalapp/Signal-Android", NULL, &g);
	expect(&g, HTTP_OK, 200);
	got_release(&g);
	assert_int_equal(read_log(l, 4), 1);
	assert_string_equal(l[0].auth, "-");
}

static void test_slow(void **state)
{
	(void)state;
	struct http_config c;
	config(&c);
	c.low_speed_limit = 1024;
	c.low_speed_time = 1;
	struct got g;
	fetch(&c, "https://updates.signal.org/desktop/latest.yml", NULL, &g);
	expect(&g, HTTP_TOO_SLOW, 200);
	assert_true(g.seconds < 5);
	got_release(&g);
	c.timeout_ms = 1000;
	fetch(&c, "https://updates.signal.org/android/latest.json", NULL, &g);
	expect(&g, HTTP_TIMEOUT, 0);
	assert_true(g.seconds < 3);
	got_release(&g);
}

static void test_body_cap(void **state)
{
	(void)state;
	struct http_config c;
	config(&c);
	c.body_max = 10000;
	struct got g;
	/* announced by Content-Length */
	fetch(&c, "https://matrix.org/_matrix/client/versions", NULL, &g);
	expect(&g, HTTP_BODY_TOO_LARGE, 200);
	assert_string_equal(g.reason, "body larger than 10000 bytes");
	assert_true(g.body_len <= 10000);
	got_release(&g);
	/* found while receiving */
	fetch(&c, "https://matrix.org/_matrix/federation/v1/version", NULL, &g);
	expect(&g, HTTP_BODY_TOO_LARGE, 200);
	assert_true(g.body_len <= 10000);
	got_release(&g);
	/* under the default cap, the same bodies pass */
	config(&c);
	fetch(&c, "https://matrix.org/_matrix/federation/v1/version", NULL, &g);
	expect(&g, HTTP_OK, 200);
	got_release(&g);
}

static void test_truncated(void **state)
{
	(void)state;
	struct http_config c;
	config(&c);
	struct got g;
	fetch(&c, "https://itunes.apple.com/lookup?id=874139669&country=us", NULL, &g);
	expect(&g, HTTP_TRUNCATED, 200);
	assert_string_equal(g.hash, "");
	got_release(&g);
}

static void test_untrusted_certificate(void **state)
{
	(void)state;
	struct server other;
	char *certs = xasprintf("%s/other-ca", tmpdir), *log = xasprintf("%s/other-log", tmpdir);
	server_start(&other, certs, log);
	char to[64];
	snprintf(to, sizeof to, "::127.0.0.1:%d", other.port);
	struct http_config c;
	config(&c);
	const char *list[] = {to};
	c.connect_to = list;
	struct got g;
	fetch(&c, "https://api.github.com/repos/signalapp/Signal-Android", NULL, &g);
	expect(&g, HTTP_TLS_ERROR, 0);
	got_release(&g);
	/* the same server is fine for a client that trusts its CA: the refusal was the CA */
	char *other_ca = xasprintf("%s/ca.pem", certs);
	c.cacert = other_ca;
	fetch(&c, "https://api.github.com/repos/signalapp/Signal-Android", NULL, &g);
	expect(&g, HTTP_OK, 200);
	got_release(&g);
	server_stop(&other);
	free(other_ca);
	free(certs);
	free(log);
}

static void test_connection_refused(void **state)
{
	(void)state;
	/* a port that was just free: bound, then closed */
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t alen = sizeof a;
	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &alen), 0);
	close(fd);
	char to[64];
	snprintf(to, sizeof to, "::127.0.0.1:%d", ntohs(a.sin_port));
	struct http_config c;
	config(&c);
	const char *list[] = {to};
	c.connect_to = list;
	struct got g;
	fetch(&c, "https://api.github.com/repos/signalapp/Signal-Android", NULL, &g);
	expect(&g, HTTP_CONNECTION_REFUSED, 0);
	got_release(&g);
}

static void test_dns_error(void **state)
{
	(void)state;
	struct http_config c;
	config(&c);
	c.connect_to = NULL;
	c.nconnect_to = 0;
	struct got g;
	fetch(&c, "https://msgvet-test.invalid/", NULL, &g);
	expect(&g, HTTP_DNS_ERROR, 0);
	got_release(&g);
}

/* Max number of requests to host that the server was answering at the same time. */
static int overlap(const struct logline *l, size_t n, const char *host)
{
	int max = 0;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(l[i].host, host) != 0)
			continue;
		int k = 0;
		for (size_t j = 0; j < n; j++)
			if (strcmp(l[j].host, host) == 0 && l[j].start <= l[i].start && l[i].start < l[j].end)
				k++;
		if (k > max)
			max = k;
	}
	return max;
}

static void test_everything_at_once(void **state)
{
	(void)state;
	static const char *const urls[] = {
		"https://api.github.com/repos/element-hq/synapse",
		"https://api.github.com/repos/element-hq/synapse",
		"https://api.github.com/repos/element-hq/synapse",
		"https://api.github.com/repos/element-hq/synapse",
		"https://codeberg.org/api/v1/repos/element-hq/synapse",
		"https://codeberg.org/api/v1/repos/element-hq/synapse",
		"https://codeberg.org/api/v1/repos/element-hq/synapse",
		"https://codeberg.org/api/v1/repos/element-hq/synapse",
		"https://api.github.com/repos/signalapp/Signal-Android",
		"https://api.github.com/repos/briar/briar/releases/latest",
		"https://codeberg.org/api/v1/repos/o/r",
		"https://gitlab.com/api/v4/projects/briar%2Fbriar?license=true",
		"https://code.briarproject.org/api/v4/projects/briar%2Fbriar-desktop?license=true",
		"https://f-droid.org/api/v1/packages/org.briarproject.briar.android",
		"https://flathub.org/api/v2/appstream/org.briarproject.Briar",
		"https://itunes.apple.com/lookup?id=874139669&country=us",
		"https://matrix.org/_matrix/federation/v1/version",
		"https://api.github.com/repos/signalapp/Signal-Desktop",
	};
	static const enum http_outcome want[] = {
		HTTP_OK, HTTP_OK, HTTP_OK, HTTP_OK, HTTP_OK, HTTP_OK, HTTP_OK, HTTP_OK,
		HTTP_OK, HTTP_HTTP_ERROR, HTTP_HTTP_ERROR, HTTP_OK, HTTP_RATE_LIMITED,
		HTTP_TOO_MANY_REDIRECTS, HTTP_REDIRECT_REFUSED, HTTP_TRUNCATED, HTTP_OK, HTTP_OK,
	};
	enum { N = ARRAY_SIZE(urls) };
	struct got g[N];
	struct http_request r[N];
	memset(g, 0, sizeof g);
	for (size_t i = 0; i < N; i++)
		r[i] = (struct http_request){.url = urls[i], .user = &g[i]};
	struct http_config c;
	config(&c);
	run(&c, r, N);
	for (size_t i = 0; i < N; i++) {
		assert_int_equal(g[i].calls, 1);
		if (g[i].outcome != want[i])
			fail_msg("%s: %s (%s), expected %s", urls[i], http_outcome_name(g[i].outcome), g[i].reason,
				 http_outcome_name(want[i]));
		got_release(&g[i]);
	}
	struct logline l[64];
	size_t n = read_log(l, 64);
	if (getenv("HTTP_TEST_DUMP")) /* to see the schedule */
		for (size_t i = 0; i < n; i++)
			fprintf(stderr, "%s %s %.3f %.3f\n", l[i].host, l[i].path, l[i].start, l[i].end);
	assert_int_equal(overlap(l, n, "api.github.com"), 1);   /* one at a time for GitHub's API */
	assert_int_equal(overlap(l, n, "codeberg.org"), 2);     /* two for other hosts, and they ran */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_ok, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_modified, setup, teardown),
		cmocka_unit_test_setup_teardown(test_http_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_retry_after_short, setup, teardown),
		cmocka_unit_test_setup_teardown(test_retry_after_long, setup, teardown),
		cmocka_unit_test_setup_teardown(test_github_rate_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_redirects, setup, teardown),
		cmocka_unit_test_setup_teardown(test_token_stays_with_github, setup, teardown),
		cmocka_unit_test_setup_teardown(test_slow, setup, teardown),
		cmocka_unit_test_setup_teardown(test_body_cap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_truncated, setup, teardown),
		cmocka_unit_test_setup_teardown(test_untrusted_certificate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_connection_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dns_error, setup, teardown),
		cmocka_unit_test_setup_teardown(test_everything_at_once, setup, teardown),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
