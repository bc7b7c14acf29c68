/* gate.h - the one gate every command that loads data passes: what `validate` checks.
 *
 * gate_load() loads the model and the observations (the fact source), and then checks what the
 * loader alone cannot: the English catalogue has every string the site needs; every fact a
 * criterion reads carries its source and date; the templates under ROOT/templates are regular
 * files inside the tree that parse, every partial they include exists and none includes
 * itself, the templates the build needs exist; no two categories write the same page; no
 * messenger id names a file the comparison site writes itself. Every problem goes into d;
 * checks that cannot run because an earlier one failed are counted in the report. */
#ifndef MSGVET_GATE_H
#define MSGVET_GATE_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"
#include "facts.h"
#include "model.h"

/* What the gate did besides recording errors. */
struct gate_report {
	size_t ntemplates;    /* template files checked */
	size_t skipped;       /* checks not run */
	char why[256];        /* which and why, when skipped */
};

/* Load the model under root into m, the observations file (NULL: none) into fs, and check
 * them; 0 when d holds no error (warnings are not errors), else -1. */
int gate_load(struct model *m, struct factsrc *fs, const char *root, const char *observations,
	      struct diag *d, struct gate_report *rep);

/* Warn, into d, about each declared fact of the messengers of m checked more than max_age
 * days before now (days since the epoch), at the fact's file and line; a map's {source,
 * checked} covers the facts below it and is reported once. What `validate --max-age` and
 * `check` report. */
void gate_check_age(const struct model *m, long now, long max_age, struct diag *d);

/* Print "PROG: note: N checks skipped: WHY" when rep skipped any. */
void gate_print_skipped(const struct gate_report *rep, FILE *fp);

#endif
