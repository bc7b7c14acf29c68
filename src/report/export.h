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

/* The placements of a previous export, to tell what a new evaluation changes. */
struct placement_entry {
	char *criteria;  /* "category@version" */
	char *messenger;
	char *placement;
};
struct placements {
	struct placement_entry *v;
	size_t n, alloc;
};

/* Read the placements of the export at path (msgvet-export/1 or /2). Returns 0, 1 when the
 * file does not exist, -1 with a message in err when it cannot be read or is not an export. */
int export_read_placements(const char *path, struct placements *p, struct buf *err);
void export_placements_release(struct placements *p);
/* One line per messenger of e whose placement differs from p (new messengers too), appended to
 * out as "CRITERIA: ID: OLD -> NEW (why)"; returns how many. Nothing for a criteria version p
 * does not have. */
size_t export_placement_changes(const struct evaluation *e, const struct placements *p,
				struct buf *out);

#endif
