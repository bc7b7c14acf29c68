/* jsonw.h - a streaming JSON writer with two-space indentation.
 *
 * Output is written as it is produced, so exporting 10,000 messengers needs no tree in
 * memory. Callers write object keys in sorted order themselves (the writer does not reorder);
 * the tests check that every object's keys are sorted. */
#ifndef MSGVET_JSONW_H
#define MSGVET_JSONW_H

#include <stdbool.h>
#include <stdio.h>

#include "buf.h"

#define JSONW_MAX_DEPTH 32

struct jsonw {
	FILE *fp;
	struct buf b; /* pending output, flushed in large writes */
	int depth;
	bool first[JSONW_MAX_DEPTH];
	bool after_key;
};

/* Write to fp; with fp NULL the output accumulates in w->b until jw_finish (take it with
 * buf_detach before jw_finish, or after jw_finish_buf). */
void jw_init(struct jsonw *w, FILE *fp);
void jw_obj(struct jsonw *w);
void jw_obj_end(struct jsonw *w);
void jw_arr(struct jsonw *w);
void jw_arr_end(struct jsonw *w);
void jw_key(struct jsonw *w, const char *key);
/* A string value; NULL writes null. */
void jw_str(struct jsonw *w, const char *s);
void jw_int(struct jsonw *w, long v);
/* A number with a fixed count of decimals (0 to 9), such as 0.998. */
void jw_fixed(struct jsonw *w, double v, int decimals);
void jw_bool(struct jsonw *w, bool v);
void jw_null(struct jsonw *w);
/* key + string in one call (NULL value writes null). */
void jw_kstr(struct jsonw *w, const char *key, const char *s);
/* A writer for a fragment that continues an enclosing document at depth, as an element of
 * an array or object that already has elements when not first (output in w->b). */
void jw_init_fragment(struct jsonw *w, int depth, bool first);
/* End the document with a newline and flush; frees the writer's buffer. */
void jw_finish(struct jsonw *w);
/* End the document with a newline and move the whole output into out (fp must be NULL). */
void jw_finish_buf(struct jsonw *w, struct buf *out);

#endif
