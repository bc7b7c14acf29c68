/* http.h - the http engine: many GET requests over one libcurl multi handle.
 *
 * The only module that sees libcurl. Requests are queued with http_add() and run by http_run(),
 * at most `jobs` at a time and at most `per_host` per host (one for api.github.com), https
 * only (redirects too, followed here, at most max_redirects), with connect and total timeouts,
 * a low-speed abort and a body cap. Rate limits (429, or a 403 with GitHub's or GitLab's
 * rate-limit headers) are waited for when the wait fits within max_wait, otherwise the request
 * ends as rate-limited. The GitHub token goes to https://api.github.com only, on every hop
 * checked anew, and is never printed. Whatever the server does is an outcome in the result;
 * http_run() itself fails only on a local error. */
#ifndef MSGVET_HTTP_H
#define MSGVET_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* How a request ended. HTTP_OK is 0. */
enum http_outcome {
	HTTP_OK,
	HTTP_NOT_MODIFIED,      /* 304 to a conditional request */
	HTTP_HTTP_ERROR,        /* an answer with a status other than 2xx, 304 or a redirect */
	HTTP_REDIRECT_REFUSED,  /* a redirect to something other than https */
	HTTP_TOO_MANY_REDIRECTS,
	HTTP_TIMEOUT,           /* connect or total timeout */
	HTTP_TOO_SLOW,          /* below low_speed_limit for low_speed_time */
	HTTP_BODY_TOO_LARGE,    /* over body_max */
	HTTP_TRUNCATED,         /* the connection ended before the announced length */
	HTTP_TLS_ERROR,         /* certificate not trusted, handshake failed */
	HTTP_CONNECTION_REFUSED,
	HTTP_CONNECT_ERROR,     /* other failures to connect */
	HTTP_DNS_ERROR,         /* the name does not resolve */
	HTTP_RATE_LIMITED,      /* and the wait would exceed max_wait */
	HTTP_NETWORK_ERROR,     /* the connection broke: nothing received, reset, ... */
	HTTP_BAD_URL,           /* not an https URL */
	HTTP_FAILED,            /* anything else libcurl reported */
	HTTP__OUTCOMES
};

/* "ok", "not-modified", "http-error", ... (the names stored as observation statuses). */
const char *http_outcome_name(enum http_outcome o);

/* The engine's limits; http_config_default() fills in the documented defaults. */
struct http_config {
	int jobs;                 /* concurrent transfers (8) */
	int per_host;             /* concurrent transfers per host (2; always 1 for api.github.com) */
	int max_redirects;        /* 5 */
	long connect_timeout_ms;  /* 10000 */
	long timeout_ms;          /* 30000, for one attempt including its redirects */
	long low_speed_limit;     /* bytes per second (1024) ... */
	long low_speed_time;      /* ... for this many seconds (15) aborts */
	size_t body_max;          /* 8 MiB */
	long max_wait;            /* seconds a rate limit may be waited for (60) */
	int max_attempts;         /* attempts per request when rate limited (3) */
	const char *user_agent;   /* "msgvet/VERSION (+https://...)" */
	const char *const *connect_to; /* curl's HOST1:PORT1:HOST2:PORT2 entries (borrowed) */
	size_t nconnect_to;
	const char *cacert;       /* CA bundle file, or NULL for the system's */
	const char *github_token; /* from GITHUB_TOKEN, or NULL (borrowed; never printed) */
};
void http_config_default(struct http_config *c);

/* One GET. Strings are copied by http_add(). */
struct http_request {
	const char *url;
	const char *etag;          /* sent as If-None-Match, or NULL */
	const char *last_modified; /* sent as If-Modified-Since, or NULL */
	const char *accept;        /* Accept header, or NULL */
	void *user;                /* the caller's, handed back in the result */
};

/* Response headers of interest (NULL when absent), from the last answer received. */
struct http_headers {
	char *etag, *last_modified, *content_type, *location, *retry_after;
	char *ratelimit_limit, *ratelimit_remaining, *ratelimit_reset, *ratelimit_resource;
};

/* How one request ended; valid during the done callback only. */
struct http_result {
	const char *url;           /* as requested */
	void *user;
	enum http_outcome outcome;
	struct buf reason;         /* a readable reason, "" for ok */
	int status;                /* last HTTP status, 0 when none was received */
	const char *final_url;     /* the URL that gave the last answer */
	int redirects;             /* redirects followed */
	int attempts;              /* 1, or more after rate-limit waits */
	struct http_headers headers;
	struct buf body;           /* bounded by body_max; the body of the last answer */
	char hash[65];             /* SHA-256 of body in hex, "" unless ok */
	double seconds;            /* from the first attempt's start to the end */
};

struct http;

/* NULL on failure, with the reason in err. */
struct http *http_new(const struct http_config *c, struct buf *err);
void http_free(struct http *h);
/* Queue a request. */
void http_add(struct http *h, const struct http_request *r);
/* Run every queued request; done is called once per request as it finishes, in completion
 * order. Returns 0, or -1 on a local failure (reason in err). */
int http_run(struct http *h, void (*done)(const struct http_result *, void *), void *arg,
	     struct buf *err);

#endif
