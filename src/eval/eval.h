/* eval.h - evaluation: every messenger against every criterion of one criteria version.
 *
 * A pure function of (criteria, messengers, observations, now): no I/O, no clock. Each result
 * carries its evidence; each messenger gets a placement, the first section whose admission
 * rule passes, else none ("excluded"). */
#ifndef MSGVET_EVAL_H
#define MSGVET_EVAL_H

#include <stddef.h>

#include "arena.h"
#include "model.h"
#include "rule.h"

enum verdict { V_FAIL, V_UNKNOWN, V_PASS, V_NA };

struct crit_result {
	const struct criterion *crit;
	enum verdict verdict;
	struct evidence *ev; /* facts read, in reading order */
	size_t nev;
};

struct messenger_result {
	const struct messenger *m;
	const struct section *placement; /* NULL: excluded */
	size_t placement_index;          /* section index, nsections when excluded */
	struct crit_result *results;     /* one per criterion, in the criteria file's order */
};

struct evaluation {
	const struct criteria *c;
	long now;
	struct messenger_result *v;
	size_t n;
	struct arena arena; /* evidence and result arrays */
	struct eval_index *index; /* results by messenger, for eval_find() */
	size_t nindex;
};

/* Evaluate messengers ms[0..n) (borrowed, must outlive the result) under c. obs may be NULL. */
struct evaluation *eval_run(const struct criteria *c, const struct messenger *const *ms, size_t n,
			    const struct observation *obs, size_t nobs, long now);
/* The result for messenger m (by identity), or NULL; O(log n). */
const struct messenger_result *eval_find(const struct evaluation *e, const struct messenger *m);
/* Sort results in page order: by section, then `order`, then name. */
void eval_sort_page(struct evaluation *e);
void eval_free(struct evaluation *e);

/* Evaluate one criterion for one messenger, recording a trace of every rule node
 * (for explain). Trace and evidence arrays are malloc'ed into *env; strings live in a. */
enum verdict eval_explain(const struct criteria *c, const struct criterion *cr,
			  const struct messenger *m, const struct observation *obs, size_t nobs,
			  long now, struct arena *a, struct rule_env *env, enum tri *applies);

const char *verdict_name(enum verdict v);
/* Placement name: the section id or "excluded". */
const char *placement_name(const struct messenger_result *r);

#endif
