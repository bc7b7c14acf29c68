/* fuzz_mustache.c - the Mustache renderer (src/report/mustache.c).
 *
 * Each input is a template: it is parsed and, when it parses, rendered with a small fixed
 * JSON context (strings with markup, numbers, booleans, null, nested objects, lists of
 * two items), with the HTML escaper and then with the Markdown one, into a buffer capped at
 * 1 MiB. Partials: "self" is the input itself (recursion), "p" and "items" are fixed small
 * templates, every other name is missing.
 * Properties: no crash, leak or undefined behaviour; a failed parse or render sets an error
 * message and a position; a render never writes past the buffer's limit. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "buf.h"
#include "fuzz.h"
#include "mustache.h"
#include "util.h"

#define OUT_LIMIT (1u << 20)

static cJSON *context;

static const char context_json[] =
	"{\"name\": \"<World> & \\\"friends\\\"\", \"md\": \"*a* [b](javascript:x) `c`\","
	" \"n\": 85, \"f\": 1.21, \"zero\": 0, \"yes\": true, \"no\": false, \"nil\": null,"
	" \"empty\": \"\", \"none\": [], \"obj\": {}, \"items\": [\"one\", \"two\"],"
	" \"a\": {\"b\": {\"c\": \"deep\", \"items\": [1, 2]}, \"name\": \"inner\"},"
	" \"list\": [{\"name\": \"x\", \"yes\": false}, {\"name\": \"y\", \"a\": {\"b\": 2}}]}";

static void cleanup(void)
{
	cJSON_Delete(context);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	context = cJSON_Parse(context_json);
	if (!context)
		fuzz_fail("mustache: the context does not parse");
	atexit(cleanup);
	return 0;
}

struct input {
	const char *src;
	size_t len;
};

static int partial(void *ctx, const char *name, char **src, size_t *len,
		   struct mustache_error *err)
{
	const struct input *in = ctx;
	(void)err;
	const char *text;
	size_t n;
	if (strcmp(name, "self") == 0) {
		text = in->src;
		n = in->len;
	} else if (strcmp(name, "p") == 0) {
		text = "[{{name}}]\n  {{#items}}<{{.}}>{{/items}}\n";
		n = strlen(text);
	} else if (strcmp(name, "items") == 0) {
		text = "{{#list}}{{> p}}{{/list}}";
		n = strlen(text);
	} else {
		return 1;
	}
	*src = xmalloc(n + 1);
	memcpy(*src, text, n);
	(*src)[n] = '\0';
	*len = n;
	return 0;
}

static void check_error(const struct mustache_error *err, const char *what)
{
	if (!err->file || err->line == 0 || err->col == 0 || !err->msg[0])
		fuzz_fail("mustache: %s failed without a located message (%s:%u:%u: %s)", what,
			  err->file ? err->file : "(null)", err->line, err->col, err->msg);
}

/* Render t with esc; -1 when the renderer refused it (with a located error). */
static int render(const struct mustache *t, const struct input *in, mustache_escape_fn esc)
{
	struct buf out;
	struct mustache_error err;
	buf_init(&out, OUT_LIMIT);
	int rc = mustache_render(t, context, partial, (void *)in, esc, &out, &err);
	if (rc < 0)
		check_error(&err, "render");
	if (out.len > OUT_LIMIT || strlen(out.s) > out.len)
		fuzz_fail("mustache: output of %zu bytes past the limit", out.len);
	buf_release(&out);
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = {(const char *)data, size};
	struct mustache_error err;
	struct mustache *t = mustache_parse(in.src, in.len, "fuzz.mustache", &err);
	if (!t) {
		check_error(&err, "parse");
		return 0;
	}
	/* the second render only when the first succeeded: a refused render (say, over the step
	 * budget) would be refused again at the same cost */
	if (render(t, &in, NULL) == 0)
		render(t, &in, buf_add_md);
	mustache_free(t);
	return 0;
}
