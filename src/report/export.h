/* export.h - the machine-readable exports: CSV rows and the versioned JSON document. */
#ifndef MSGVET_EXPORT_H
#define MSGVET_EXPORT_H

#include <stdbool.h>

#include "buf.h"
#include "eval.h"
#include "model.h"

/* Version of the msgvet.json schema (man msgvet(5)); bump on incompatible change. */
#define EXPORT_SCHEMA "msgvet-export/2"

/* CSV (RFC 4180, CRLF): one row per messenger and criterion of e, header first when asked. */
void export_csv(const struct evaluation *e, struct buf *out, bool header);
/* The JSON export of evals[0..n) (one per criteria version) and every messenger's facts, read
 * through the evaluations' fact source. */
void export_json(const struct model *m, struct evaluation *const *evals, size_t n,
		 struct buf *out);

#endif
