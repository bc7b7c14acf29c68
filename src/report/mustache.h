/* mustache.h - Mustache templates (spec modules: interpolation, sections, inverted
 * sections, comments, partials, set delimiters; no lambdas) rendered from cJSON data.
 *
 * A template is parsed once with mustache_parse() and may be rendered any number of times.
 * Rendering rules worth knowing:
 *  - Falsey values (sections skip, inverted sections render): a missing name, null, false,
 *    the number 0, the empty string and the empty list. Everything else, including the empty
 *    object, is truthy (the spec's `!!data` with JSON's own semantics).
 *  - Interpolation: strings as-is, integral numbers without decimals ("85"), other numbers in
 *    the shortest form that reads back exactly ("1.21"), true/false as "true"/"false", null and
 *    missing names as nothing, objects and lists as compact JSON.
 *  - Names: "." is the top of the context stack; "a.b.c" resolves "a" up the context stack
 *    and then "b" and "c" only inside the previous result.
 *  - The indentation of a standalone partial tag is prepended to every line the partial's
 *    template text starts (not to line breaks inside interpolated data), and is inherited by
 *    partials the partial includes.
 *  - Limits: sections nest at most MUSTACHE_MAX_NEST deep in one template, partials at most
 *    MUSTACHE_MAX_PARTIAL_DEPTH deep, and sections plus partials at most MUSTACHE_MAX_DEPTH deep
 *    while rendering, and one render writes at most the output buffer's limit, or
 *    MUSTACHE_MAX_OUTPUT bytes when it has none, and visits at most MUSTACHE_MAX_STEPS
 *    template nodes (sections nested over lists multiply the work even when they write
 *    nothing). Exceeding one is an error. */
#ifndef MSGVET_MUSTACHE_H
#define MSGVET_MUSTACHE_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "buf.h"

#define MUSTACHE_MAX_NEST 256
#define MUSTACHE_MAX_PARTIAL_DEPTH 100
#define MUSTACHE_MAX_DEPTH 1000
/* Bytes one mustache_render() call may write when the output buffer has no limit of its own:
 * nested sections multiply output, and a render that would exceed this stops with an error
 * at the tag where it did, within this much memory. */
#define MUSTACHE_MAX_OUTPUT (16u << 20)
#ifndef MUSTACHE_MAX_STEPS /* the fuzzing build sets a smaller one */
#define MUSTACHE_MAX_STEPS 10000000UL /* the site's index for 4000 messengers takes 1.2 million */
#endif

struct mustache; /* a parsed template, opaque */

/* Where and why parsing or rendering failed. file is the template's file name as given to
 * mustache_parse() (or "<template>"); line and col are 1-based (col counts characters) and
 * point at the opening delimiter of the offending tag. An error inside a partial is reported
 * at the top-level tag that included it, with the partial's name and position in msg.
 * After mustache_parse() fails, file is the pointer given to it; after mustache_render()
 * fails, it points into the template (valid until mustache_free()) unless a partial loader
 * set its own. */
struct mustache_error {
	const char *file;
	unsigned line, col;
	char msg[256];
};

/* Loads the source of partial `name` into *src (malloc'ed, freed by the renderer) and *len.
 * Returns 0 when found, 1 when not found (the partial renders as nothing, as the spec says),
 * -1 on error with a message in err (err->file may stay NULL: the error is then reported at
 * the partial tag). Called at most once per name per mustache_render() call. */
typedef int (*mustache_partial_fn)(void *ctx, const char *name, char **src, size_t *len,
				   struct mustache_error *err);

/* Escaper used for {{x}}; NULL means HTML escaping (buf_add_html: & < > " and '). */
typedef void (*mustache_escape_fn)(struct buf *out, const char *s);

/* Parse len bytes of src (copied; need not be NUL-terminated). file names the template in
 * error messages and may be NULL. Returns NULL on error with err filled. */
struct mustache *mustache_parse(const char *src, size_t len, const char *file,
				struct mustache_error *err);

/* Render t with data as the root context, appending to out. Partials are loaded through
 * partial (may be NULL: every partial is then missing), parsed when first used and cached for
 * the duration of this call. Returns 0, or -1 with err filled (out then holds partial output).
 * err may be NULL. */
int mustache_render(const struct mustache *t, const cJSON *data, mustache_partial_fn partial,
		    void *partial_ctx, mustache_escape_fn esc, struct buf *out,
		    struct mustache_error *err);

/* Free a parsed template; NULL-safe. */
void mustache_free(struct mustache *t);

/* Call fn for every partial tag {{> name}} of t, in order, with its position. */
void mustache_each_partial(const struct mustache *t,
			   void (*fn)(void *ctx, const char *name, unsigned line, unsigned col),
			   void *ctx);

#endif
