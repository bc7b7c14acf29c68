/* probe-bench.c - drive the http engine for bench/probe-concurrency (built by the Makefile,
 * not installed): reads "URL [ETAG]" lines on stdin, fetches them all with --jobs transfers at
 * once, prints "outcome<TAB>status<TAB>etag<TAB>bytes<TAB>url" per request as it finishes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "http.h"
#include "util.h"

static void done(const struct http_result *r, void *arg)
{
	(void)arg;
	printf("%s\t%d\t%s\t%zu\t%s\n", http_outcome_name(r->outcome), r->status,
	       r->headers.etag ? r->headers.etag : "-", r->body.len, r->url);
}

int main(int argc, char **argv)
{
	struct http_config c;
	http_config_default(&c);
	const char **to = xcalloc((size_t)argc, sizeof *to);
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--jobs") == 0 && i + 1 < argc)
			c.jobs = atoi(argv[++i]);
		else if (strcmp(argv[i], "--connect-to") == 0 && i + 1 < argc)
			to[c.nconnect_to++] = argv[++i];
		else if (strcmp(argv[i], "--cacert") == 0 && i + 1 < argc)
			c.cacert = argv[++i];
		else
			die(2, "usage: probe-bench [--jobs N] [--connect-to H1:P1:H2:P2]... [--cacert FILE] < urls");
	}
	c.connect_to = to;
	struct buf err = BUF_INIT;
	struct http *h = http_new(&c, &err);
	if (!h)
		die(3, "%s", err.s);
	char line[4096];
	while (fgets(line, sizeof line, stdin)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (!*line)
			continue;
		char *sp = strchr(line, ' ');
		if (sp)
			*sp++ = '\0';
		struct http_request r = {.url = line, .etag = sp};
		http_add(h, &r);
	}
	int rc = http_run(h, done, NULL, &err);
	if (rc < 0)
		fprintf(stderr, "probe-bench: %s\n", err.s);
	http_free(h);
	buf_release(&err);
	free(to);
	return rc < 0 ? 3 : 0;
}
