/* http.c - the http engine on libcurl's multi interface (the only file that includes
 * <curl/curl.h>).
 *
 * Redirects are followed here rather than by libcurl, so that each hop is checked: https only,
 * a counted limit, and the GitHub token attached only when the hop's host is api.github.com. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <curl/curl.h>

#include "http.h"
#include "sha256.h"
#include "util.h"
#include "version.h"

#define GITHUB_API_HOST "api.github.com"

static const char *const outcome_names[HTTP__OUTCOMES] = {
	[HTTP_OK] = "ok",
	[HTTP_NOT_MODIFIED] = "not-modified",
	[HTTP_HTTP_ERROR] = "http-error",
	[HTTP_REDIRECT_REFUSED] = "redirect-refused",
	[HTTP_TOO_MANY_REDIRECTS] = "too-many-redirects",
	[HTTP_TIMEOUT] = "timeout",
	[HTTP_TOO_SLOW] = "too-slow",
	[HTTP_BODY_TOO_LARGE] = "body-too-large",
	[HTTP_TRUNCATED] = "truncated",
	[HTTP_TLS_ERROR] = "tls-error",
	[HTTP_CONNECTION_REFUSED] = "connection-refused",
	[HTTP_CONNECT_ERROR] = "connect-error",
	[HTTP_DNS_ERROR] = "dns-error",
	[HTTP_RATE_LIMITED] = "rate-limited",
	[HTTP_NETWORK_ERROR] = "network-error",
	[HTTP_BAD_URL] = "bad-url",
	[HTTP_FAILED] = "failed",
};

const char *http_outcome_name(enum http_outcome o)
{
	return (unsigned)o < HTTP__OUTCOMES ? outcome_names[o] : "?";
}

/* libcurl's errors, by what they mean for a probe. Codes not listed are HTTP_FAILED. */
static const struct {
	CURLcode code;
	enum http_outcome outcome;
} curl_outcomes[] = {
	{CURLE_COULDNT_RESOLVE_HOST, HTTP_DNS_ERROR},
	{CURLE_COULDNT_RESOLVE_PROXY, HTTP_DNS_ERROR},
	{CURLE_COULDNT_CONNECT, HTTP_CONNECT_ERROR},
	{CURLE_OPERATION_TIMEDOUT, HTTP_TIMEOUT},
	{CURLE_FILESIZE_EXCEEDED, HTTP_BODY_TOO_LARGE},
	{CURLE_PARTIAL_FILE, HTTP_TRUNCATED},
	{CURLE_PEER_FAILED_VERIFICATION, HTTP_TLS_ERROR},
	{CURLE_SSL_CONNECT_ERROR, HTTP_TLS_ERROR},
	{CURLE_SSL_CACERT_BADFILE, HTTP_TLS_ERROR},
	{CURLE_SSL_CERTPROBLEM, HTTP_TLS_ERROR},
	{CURLE_SSL_CIPHER, HTTP_TLS_ERROR},
	{CURLE_SSL_ISSUER_ERROR, HTTP_TLS_ERROR},
	{CURLE_SSL_PINNEDPUBKEYNOTMATCH, HTTP_TLS_ERROR},
	{CURLE_GOT_NOTHING, HTTP_NETWORK_ERROR},
	{CURLE_RECV_ERROR, HTTP_NETWORK_ERROR},
	{CURLE_SEND_ERROR, HTTP_NETWORK_ERROR},
	{CURLE_HTTP2, HTTP_NETWORK_ERROR},
	{CURLE_HTTP2_STREAM, HTTP_NETWORK_ERROR},
	{CURLE_WEIRD_SERVER_REPLY, HTTP_NETWORK_ERROR},
	{CURLE_UNSUPPORTED_PROTOCOL, HTTP_BAD_URL},
	{CURLE_URL_MALFORMAT, HTTP_BAD_URL},
};

void http_config_default(struct http_config *c)
{
	memset(c, 0, sizeof *c);
	c->jobs = 8;
	c->per_host = 2;
	c->max_redirects = 5;
	c->connect_timeout_ms = 10000;
	c->timeout_ms = 30000;
	c->low_speed_limit = 1024;
	c->low_speed_time = 15;
	c->body_max = 8 << 20;
	c->max_wait = 60;
	c->max_attempts = 3;
	c->user_agent = "msgvet/" MSGVET_VERSION " (+https://github.com/privacyguides/msgvet)";
}

/* A host and how many transfers it has running. */
struct host {
	char *name;
	int active, limit;
	double blocked_until; /* monotonic seconds: a rate limit said to wait */
};

/* One request through its hops and attempts. */
struct xfer {
	struct http *h;
	CURL *easy;
	struct curl_slist *hdrs;
	char *url, *etag, *last_modified, *accept;
	void *user;
	char *hop_url;          /* the URL of the current hop */
	size_t host_index;      /* of the requested URL in http.hosts: the slot it holds */
	double not_before;      /* monotonic seconds */
	double first_start, attempt_start;
	bool too_large;
	char errbuf[CURL_ERROR_SIZE];
	struct http_result r;
};

struct http {
	struct http_config c;
	CURLM *multi;
	struct curl_slist *connect_to;
	char *cacert, *token, *user_agent;
	struct xfer **queue;    /* waiting, in order of addition */
	size_t nqueue, queue_alloc;
	struct host *hosts;
	size_t nhosts, hosts_alloc;
	int active;
};

#define HOST(x) (&(x)->h->hosts[(x)->host_index])

static double now_mono(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The lower-cased host of an URL and whether it is https with the default port; NULL when
 * the URL does not parse. */
static char *url_host(const char *url, bool *https_default_port)
{
	CURLU *u = curl_url();
	char *host = NULL, *scheme = NULL, *port = NULL, *out = NULL;
	if (!u)
		die(3, "out of memory");
	if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK) {
		out = xstrdup(host);
		for (char *p = out; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		if (https_default_port) {
			CURLUcode pc = curl_url_get(u, CURLUPART_PORT, &port, 0);
			*https_default_port = strcasecmp(scheme, "https") == 0 &&
					      (pc == CURLUE_NO_PORT || (pc == CURLUE_OK && strcmp(port, "443") == 0));
		}
	}
	curl_free(host);
	curl_free(scheme);
	curl_free(port);
	curl_url_cleanup(u);
	return out;
}

static bool is_https(const char *url)
{
	return strncasecmp(url, "https://", 8) == 0;
}

static struct host *host_get(struct http *h, const char *name)
{
	for (size_t i = 0; i < h->nhosts; i++)
		if (strcmp(h->hosts[i].name, name) == 0)
			return &h->hosts[i];
	return NULL;
}

struct http *http_new(const struct http_config *c, struct buf *err)
{
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		buf_adds(err, "cannot initialise libcurl");
		return NULL;
	}
	struct http *h = xcalloc(1, sizeof *h);
	h->c = *c;
	if (h->c.jobs < 1)
		h->c.jobs = 1;
	if (h->c.per_host < 1)
		h->c.per_host = 1;
	if (h->c.max_attempts < 1)
		h->c.max_attempts = 1;
	h->cacert = c->cacert ? xstrdup(c->cacert) : NULL;
	h->token = c->github_token && *c->github_token ? xstrdup(c->github_token) : NULL;
	h->user_agent = xstrdup(c->user_agent ? c->user_agent : "msgvet/" MSGVET_VERSION);
	h->c.cacert = h->cacert;
	h->c.github_token = NULL; /* only h->token holds it */
	h->c.user_agent = h->user_agent;
	h->c.connect_to = NULL;
	for (size_t i = 0; i < c->nconnect_to; i++) {
		struct curl_slist *l = curl_slist_append(h->connect_to, c->connect_to[i]);
		if (!l)
			die(3, "out of memory");
		h->connect_to = l;
	}
	h->multi = curl_multi_init();
	if (!h->multi) {
		buf_adds(err, "cannot create a libcurl multi handle");
		http_free(h);
		return NULL;
	}
	curl_multi_setopt(h->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)h->c.jobs);
	/* Connections per host are bounded by the transfers per host started in start_ready(),
	 * not by CURLMOPT_MAX_HOST_CONNECTIONS: libcurl counts those per connect-to destination,
	 * so with --connect-to every host would share one limit. */
	curl_multi_setopt(h->multi, CURLMOPT_PIPELINING, (long)CURLPIPE_MULTIPLEX);
	return h;
}

static void headers_release(struct http_headers *hd)
{
	char **f[] = {&hd->etag, &hd->last_modified, &hd->content_type, &hd->location, &hd->retry_after,
		      &hd->ratelimit_limit, &hd->ratelimit_remaining, &hd->ratelimit_reset,
		      &hd->ratelimit_resource};
	for (size_t i = 0; i < ARRAY_SIZE(f); i++) {
		free(*f[i]);
		*f[i] = NULL;
	}
}

static void xfer_free(struct xfer *x)
{
	if (!x)
		return;
	if (x->easy) {
		curl_multi_remove_handle(x->h->multi, x->easy);
		curl_easy_cleanup(x->easy);
	}
	curl_slist_free_all(x->hdrs);
	free(x->url);
	free(x->etag);
	free(x->last_modified);
	free(x->accept);
	free(x->hop_url);
	headers_release(&x->r.headers);
	buf_release(&x->r.reason);
	buf_release(&x->r.body);
	free(x);
}

void http_free(struct http *h)
{
	if (!h)
		return;
	for (size_t i = 0; i < h->nqueue; i++)
		xfer_free(h->queue[i]);
	free(h->queue);
	for (size_t i = 0; i < h->nhosts; i++)
		free(h->hosts[i].name);
	free(h->hosts);
	if (h->multi)
		curl_multi_cleanup(h->multi);
	curl_slist_free_all(h->connect_to);
	free(h->cacert);
	if (h->token) {
		memset(h->token, 0, strlen(h->token));
		free(h->token);
	}
	free(h->user_agent);
	free(h);
	curl_global_cleanup();
}

void http_add(struct http *h, const struct http_request *r)
{
	struct xfer *x = xcalloc(1, sizeof *x);
	x->h = h;
	x->url = xstrdup(r->url);
	x->etag = r->etag ? xstrdup(r->etag) : NULL;
	x->last_modified = r->last_modified ? xstrdup(r->last_modified) : NULL;
	x->accept = r->accept ? xstrdup(r->accept) : NULL;
	x->user = r->user;
	x->hop_url = xstrdup(r->url);
	buf_init(&x->r.reason, 0);
	buf_init(&x->r.body, h->c.body_max);
	char *name = url_host(r->url, NULL);
	const char *key = name ? name : "";
	if (!host_get(h, key)) {
		h->hosts = xgrow(h->hosts, sizeof *h->hosts, h->nhosts + 1, &h->hosts_alloc);
		h->hosts[h->nhosts++] = (struct host){
			.name = xstrdup(key),
			.limit = strcmp(key, GITHUB_API_HOST) == 0 ? 1 : h->c.per_host,
		};
	}
	x->host_index = (size_t)(host_get(h, key) - h->hosts);
	free(name);
	h->queue = xgrow(h->queue, sizeof *h->queue, h->nqueue + 1, &h->queue_alloc);
	h->queue[h->nqueue++] = x;
}

/* Keep a header of interest from one received header line. */
static size_t on_header(char *data, size_t size, size_t n, void *arg)
{
	struct xfer *x = arg;
	size_t len = size * n;
	struct http_headers *hd = &x->r.headers;
	static const struct {
		const char *name;
		size_t off;
	} keep[] = {
		{"etag", offsetof(struct http_headers, etag)},
		{"last-modified", offsetof(struct http_headers, last_modified)},
		{"content-type", offsetof(struct http_headers, content_type)},
		{"location", offsetof(struct http_headers, location)},
		{"retry-after", offsetof(struct http_headers, retry_after)},
		{"x-ratelimit-limit", offsetof(struct http_headers, ratelimit_limit)},
		{"x-ratelimit-remaining", offsetof(struct http_headers, ratelimit_remaining)},
		{"x-ratelimit-reset", offsetof(struct http_headers, ratelimit_reset)},
		{"x-ratelimit-resource", offsetof(struct http_headers, ratelimit_resource)},
		{"ratelimit-limit", offsetof(struct http_headers, ratelimit_limit)},
		{"ratelimit-remaining", offsetof(struct http_headers, ratelimit_remaining)},
		{"ratelimit-reset", offsetof(struct http_headers, ratelimit_reset)},
	};
	if (len >= 5 && strncmp(data, "HTTP/", 5) == 0) {
		headers_release(hd); /* a new answer (after a 1xx) */
		return len;
	}
	const char *colon = memchr(data, ':', len);
	if (!colon)
		return len;
	size_t nlen = (size_t)(colon - data);
	const char *v = colon + 1, *end = data + len;
	while (v < end && (*v == ' ' || *v == '\t'))
		v++;
	while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' ' || end[-1] == '\t'))
		end--;
	for (size_t i = 0; i < ARRAY_SIZE(keep); i++) {
		if (strlen(keep[i].name) == nlen && strncasecmp(data, keep[i].name, nlen) == 0) {
			char **field = (char **)((char *)hd + keep[i].off);
			free(*field);
			*field = xstrndup(v, (size_t)(end - v));
			break;
		}
	}
	return len;
}

static size_t on_body(char *data, size_t size, size_t n, void *arg)
{
	struct xfer *x = arg;
	if (buf_add(&x->r.body, data, size * n) < 0) {
		x->too_large = true;
		return 0; /* aborts the transfer: CURLE_WRITE_ERROR */
	}
	return size * n;
}

static void add_header(struct xfer *x, const char *fmt, const char *value)
{
	char *line = xasprintf(fmt, value);
	struct curl_slist *l = curl_slist_append(x->hdrs, line);
	if (!l)
		die(3, "out of memory");
	x->hdrs = l;
	free(line);
}

/* Set the easy handle up for the current hop and hand it to the multi handle. */
static int xfer_start(struct xfer *x, struct buf *err)
{
	struct http *h = x->h;
	const struct http_config *c = &h->c;
	if (!x->easy && !(x->easy = curl_easy_init())) {
		buf_adds(err, "cannot create a libcurl handle");
		return -1;
	}
	CURL *e = x->easy;
	curl_easy_reset(e);
	curl_slist_free_all(x->hdrs);
	x->hdrs = NULL;
	headers_release(&x->r.headers);
	buf_reset(&x->r.body);
	x->r.body.overflow = false;
	x->too_large = false;
	x->errbuf[0] = '\0';

	if (x->accept)
		add_header(x, "Accept: %s", x->accept);
	if (x->r.redirects == 0) { /* validators belong to the URL they were stored for */
		if (x->etag)
			add_header(x, "If-None-Match: %s", x->etag);
		if (x->last_modified)
			add_header(x, "If-Modified-Since: %s", x->last_modified);
	}
	bool https_443 = false;
	char *host = url_host(x->hop_url, &https_443);
	if (h->token && host && https_443 && strcmp(host, GITHUB_API_HOST) == 0)
		add_header(x, "Authorization: Bearer %s", h->token);
	free(host);

	double elapsed = now_mono() - x->attempt_start;
	long left = c->timeout_ms - (long)(elapsed * 1000);
	if (left < 1)
		left = 1;
	curl_easy_setopt(e, CURLOPT_URL, x->hop_url);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "https");
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "https");
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, c->connect_timeout_ms);
	curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, left);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, c->low_speed_limit);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, c->low_speed_time);
	curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)c->body_max);
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(e, CURLOPT_USERAGENT, h->user_agent);
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, x->hdrs);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, x);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, x->errbuf);
	curl_easy_setopt(e, CURLOPT_PRIVATE, x);
	if (h->connect_to)
		curl_easy_setopt(e, CURLOPT_CONNECT_TO, h->connect_to);
	if (h->cacert)
		curl_easy_setopt(e, CURLOPT_CAINFO, h->cacert);
	if (curl_multi_add_handle(h->multi, e) != CURLM_OK) {
		buf_adds(err, "cannot add a transfer to libcurl's multi handle");
		return -1;
	}
	return 0;
}

/* The request is over: report it and free it. */
static void xfer_done(struct xfer *x, enum http_outcome o,
		      void (*done)(const struct http_result *, void *), void *arg)
{
	struct http *h = x->h;
	x->r.url = x->url;
	x->r.user = x->user;
	x->r.outcome = o;
	x->r.final_url = x->hop_url;
	x->r.seconds = now_mono() - x->first_start;
	x->r.hash[0] = '\0';
	if (o == HTTP_OK)
		sha256_hex(x->r.body.s, x->r.body.len, x->r.hash);
	HOST(x)->active--;
	h->active--;
	done(&x->r, arg);
	xfer_free(x);
}

/* Seconds to wait before retrying a rate-limited answer, or -1 when it is not one. */
static long rate_limit_wait(struct xfer *x, long status)
{
	const struct http_headers *hd = &x->r.headers;
	bool limited = status == 429 ||
		       (status == 403 && (hd->retry_after ||
					  (hd->ratelimit_remaining && strcmp(hd->ratelimit_remaining, "0") == 0)));
	if (!limited)
		return -1;
	curl_off_t retry = 0;
	if (hd->retry_after && curl_easy_getinfo(x->easy, CURLINFO_RETRY_AFTER, &retry) == CURLE_OK && retry > 0)
		return (long)retry;
	if (hd->ratelimit_reset) {
		char *end;
		long long reset = strtoll(hd->ratelimit_reset, &end, 10);
		if (end != hd->ratelimit_reset && *end == '\0') {
			long long wait = reset - (long long)time(NULL);
			/* a small number is a delay, an epoch time is a moment */
			if (reset < 1000000000LL)
				wait = reset;
			return wait < 0 ? 0 : (long)wait + 1;
		}
	}
	return hd->retry_after ? 0 : 60;
}

static long os_errno(CURL *e)
{
	long n = 0;
	curl_easy_getinfo(e, CURLINFO_OS_ERRNO, &n);
	return n;
}

static bool is_redirect(long status)
{
	return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

/* A transfer finished with code: decide between done, another hop, and another attempt. */
static int xfer_finished(struct xfer *x, CURLcode code,
			 void (*done)(const struct http_result *, void *), void *arg, struct buf *err)
{
	struct http *h = x->h;
	long status = 0;
	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &status);
	x->r.status = (int)status;
	curl_multi_remove_handle(h->multi, x->easy);
	struct buf *why = &x->r.reason;
	buf_reset(why);

	if (code != CURLE_OK) {
		enum http_outcome o = HTTP_FAILED;
		for (size_t i = 0; i < ARRAY_SIZE(curl_outcomes); i++)
			if (curl_outcomes[i].code == code)
				o = curl_outcomes[i].outcome;
		if (code == CURLE_WRITE_ERROR && x->too_large)
			o = HTTP_BODY_TOO_LARGE;
		else if (code == CURLE_OPERATION_TIMEDOUT && strstr(x->errbuf, "too slow"))
			o = HTTP_TOO_SLOW;
		else if (code == CURLE_COULDNT_CONNECT && os_errno(x->easy) == ECONNREFUSED)
			o = HTTP_CONNECTION_REFUSED;
		if (o == HTTP_BODY_TOO_LARGE)
			buf_addf(why, "body larger than %zu bytes", h->c.body_max);
		else
			buf_addf(why, "%s", x->errbuf[0] ? x->errbuf : curl_easy_strerror(code));
		xfer_done(x, o, done, arg);
		return 0;
	}
	if (is_redirect(status)) {
		char *next = NULL;
		curl_easy_getinfo(x->easy, CURLINFO_REDIRECT_URL, &next);
		if (!next) {
			buf_addf(why, "HTTP %ld without a Location", status);
			xfer_done(x, HTTP_HTTP_ERROR, done, arg);
			return 0;
		}
		if (!is_https(next)) {
			buf_addf(why, "redirect to '%s' refused: https only", next);
			xfer_done(x, HTTP_REDIRECT_REFUSED, done, arg);
			return 0;
		}
		if (x->r.redirects >= h->c.max_redirects) {
			buf_addf(why, "more than %d redirects", h->c.max_redirects);
			xfer_done(x, HTTP_TOO_MANY_REDIRECTS, done, arg);
			return 0;
		}
		char *copy = xstrdup(next); /* next belongs to the handle being reset */
		free(x->hop_url);
		x->hop_url = copy;
		x->r.redirects++;
		if (xfer_start(x, err) < 0) {
			/* keep it where http_free() finds it */
			h->queue = xgrow(h->queue, sizeof *h->queue, h->nqueue + 1, &h->queue_alloc);
			h->queue[h->nqueue++] = x;
			return -1;
		}
		return 0;
	}
	long wait = rate_limit_wait(x, status);
	if (wait >= 0) {
		if (wait <= h->c.max_wait && x->r.attempts < h->c.max_attempts) {
			/* wait, then start again from the requested URL */
			double at = now_mono() + (double)wait;
			x->not_before = at;
			if (HOST(x)->blocked_until < at)
				HOST(x)->blocked_until = at;
			HOST(x)->active--;
			h->active--;
			free(x->hop_url);
			x->hop_url = xstrdup(x->url);
			x->r.redirects = 0;
			h->queue = xgrow(h->queue, sizeof *h->queue, h->nqueue + 1, &h->queue_alloc);
			h->queue[h->nqueue++] = x;
			return 0;
		}
		if (x->r.attempts >= h->c.max_attempts && wait <= h->c.max_wait)
			buf_addf(why, "HTTP %ld: still rate limited after %d attempts", status, x->r.attempts);
		else
			buf_addf(why, "HTTP %ld: rate limited for %ld s, more than the %ld s allowed to wait",
				 status, wait, h->c.max_wait);
		xfer_done(x, HTTP_RATE_LIMITED, done, arg);
		return 0;
	}
	if (status == 304) {
		xfer_done(x, HTTP_NOT_MODIFIED, done, arg);
		return 0;
	}
	if (status >= 200 && status < 300) {
		xfer_done(x, HTTP_OK, done, arg);
		return 0;
	}
	buf_addf(why, "HTTP %ld", status);
	xfer_done(x, HTTP_HTTP_ERROR, done, arg);
	return 0;
}

/* Start what the limits allow; returns the seconds until a waiting request may start (or a
 * large number when none waits), or -1 on a local failure. */
static double start_ready(struct http *h, void (*done)(const struct http_result *, void *), void *arg,
			  struct buf *err)
{
	double now = now_mono(), next = 1e9;
	size_t keep = 0;
	for (size_t i = 0; i < h->nqueue; i++) {
		struct xfer *x = h->queue[i];
		double at = x->not_before > HOST(x)->blocked_until ? x->not_before : HOST(x)->blocked_until;
		if (h->active >= h->c.jobs || HOST(x)->active >= HOST(x)->limit || at > now) {
			if (at > now && at - now < next)
				next = at - now;
			h->queue[keep++] = x;
			continue;
		}
		h->active++;
		HOST(x)->active++;
		if (x->first_start == 0)
			x->first_start = now;
		x->attempt_start = now;
		x->r.attempts++;
		if (!is_https(x->url)) {
			buf_addf(&x->r.reason, "'%s' is not an https URL", x->url);
			xfer_done(x, HTTP_BAD_URL, done, arg);
			continue;
		}
		if (xfer_start(x, err) < 0) {
			/* keep it where http_free() finds it */
			h->queue[keep++] = x;
			for (size_t j = i + 1; j < h->nqueue; j++)
				h->queue[keep++] = h->queue[j];
			h->nqueue = keep;
			return -1;
		}
	}
	h->nqueue = keep;
	return next;
}

int http_run(struct http *h, void (*done)(const struct http_result *, void *), void *arg, struct buf *err)
{
	for (;;) {
		double next = start_ready(h, done, arg, err);
		if (next < 0)
			return -1;
		if (h->active == 0 && h->nqueue == 0)
			return 0;
		int running = 0;
		CURLMcode mc = curl_multi_perform(h->multi, &running);
		if (mc != CURLM_OK) {
			buf_addf(err, "libcurl: %s", curl_multi_strerror(mc));
			return -1;
		}
		CURLMsg *msg;
		int left;
		bool finished = false;
		while ((msg = curl_multi_info_read(h->multi, &left))) {
			if (msg->msg != CURLMSG_DONE)
				continue;
			struct xfer *x = NULL;
			CURLcode code = msg->data.result;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&x);
			if (xfer_finished(x, code, done, arg, err) < 0)
				return -1;
			finished = true;
		}
		if (finished)
			continue; /* start the next ones right away */
		int wait_ms = next < 1.0 ? (int)(next * 1000) + 1 : 1000;
		mc = curl_multi_poll(h->multi, NULL, 0, wait_ms, NULL);
		if (mc != CURLM_OK) {
			buf_addf(err, "libcurl: %s", curl_multi_strerror(mc));
			return -1;
		}
	}
}
