/* eval.h - evaluation and its result view: every messenger against every criterion of one
 * criteria version.
 *
 * A pure function of (criteria, messengers, fact source, now): no I/O, no clock. The result is
 * the one view every output reads: per messenger and criterion the verdict, its evidence (the
 * facts read, struct fact) and their observation status; per messenger the counts by level
 * (n/a counts as met: verdict_met) and the placement, the first section whose admission rule
 * passes, else none ("excluded"). */
#ifndef MSGVET_EVAL_H
#define MSGVET_EVAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "facts.h"
#include "criteria.h"
#include "messenger.h"
#include "rule.h"

enum verdict { V_FAIL, V_UNKNOWN, V_PASS, V_NA };

/* Whether a verdict meets its criterion: pass, or n/a (a criterion that does not apply is met).
 * The one place this rule is written; counts, placement, filters and marks all use it. */
bool verdict_met(enum verdict v);

struct crit_result {
	const struct criterion *crit;
	struct fact *ev;        /* facts read, in reading order */
	size_t nev;
	enum verdict verdict;
	enum obs_status status; /* of the evidence as a whole: contradicted, else failed, else
				   unverified, else confirmed (observed-only when none is declared) */
};

/* Per level (0 minimum, 1 best-case). */
struct level_counts {
	size_t met, unknown, total;
};

struct messenger_result {
	const struct messenger *m;
	const struct section *placement; /* NULL: excluded or undetermined */
	size_t placement_index;          /* section index, nsections when not placed */
	bool undetermined;               /* the placement depends on an unknown result */
	const struct node *moved;        /* the messenger's `moved` map when it had left this
					    category by the date the criteria took effect (it is
					    then in no section, without failing anything), else NULL */
	const struct node *added_later;  /* its `added` map when the guide added it to the page
					    after the criteria took effect, else NULL */
	const struct node *discontinued; /* its `discontinued` map when that date is not after
					    now: it is then in no section, whatever its results */
	const struct node *not_listed;   /* its `listed` fact when false and nothing else keeps it
					    out (it meets a section's admission, or may): it is then
					    in no section, by the guide's choice, else NULL */
	const struct section *meets;     /* not listed: the section it would be placed in, NULL
					    when that depends on an unknown result */
	uint64_t candidates;             /* undetermined, or not listed with meets NULL: bit s for
					    each section s it could belong to, bit nsections when it
					    could be excluded */
	struct crit_result *results;     /* one per criterion, in the criteria file's order */
	struct level_counts count[2];    /* by level */
};

struct evaluation {
	const struct criteria *c;
	const struct factsrc *fs; /* the fact source it read (borrowed; may be NULL) */
	long now;
	struct messenger_result *v;
	size_t n;
	struct arena arena; /* the result array */
	struct arena *arenas; /* evidence and per-messenger results, one per worker */
	size_t narenas;
	struct eval_index *index; /* results by messenger, for eval_find() */
	size_t nindex;
};

/* Evaluate messengers ms[0..n) (borrowed, must outlive the result) under c, reading facts
 * through fs (NULL: no observations). */
struct evaluation *eval_run(const struct criteria *c, const struct messenger *const *ms, size_t n,
			    const struct factsrc *fs, long now);
/* The result for messenger m (by identity), or NULL; O(log n). */
const struct messenger_result *eval_find(const struct evaluation *e, const struct messenger *m);
/* Sort results in page order: by section, then `order`, then name. */
void eval_sort_page(struct evaluation *e);
void eval_free(struct evaluation *e);

/* Evaluate one criterion for one messenger, recording a trace of every rule node
 * (for explain). Trace and evidence arrays are malloc'ed into *env; strings live in a. */
enum verdict eval_explain(const struct criteria *c, const struct criterion *cr,
			  const struct messenger *m, const struct factsrc *fs, long now,
			  struct arena *a, struct rule_env *env, enum tri *applies);

/* The criteria that decided r's placement, in file order, into out[0..max); returns how many:
 *   placed in the first section: every criterion its admission rule reads (what admitted it);
 *   placed further down: what kept it out of each section before its own;
 *   excluded: what keeps it out of every section (out of any one, when no criterion does);
 *   undetermined: the unknown results the candidate sections read;
 *   not listed: what admits it to the section it meets (every criterion that section reads), or
 *     when that is unknown, the unknown results the candidate sections read;
 *   moved, added later or discontinued: none (no criterion decided it). */
size_t eval_placement_reasons(const struct criteria *c, const struct messenger_result *r,
			      const struct crit_result **out, size_t max);

const char *verdict_name(enum verdict v);
/* Placement name: the section id, "excluded", "undetermined", "not-listed", "moved",
 * "added-later" or "discontinued". */
const char *placement_name(const struct messenger_result *r);

/* What decides whether messenger r belongs in section s: the criteria its admission rule reads
 * that keep r out (when they are not met, or met where the rule asks for the opposite) or leave
 * it in doubt (unknown), in file order, into out[0..max); returns how many. With
 * all_referenced, every criterion the rule reads instead. */
size_t eval_deciding(const struct criteria *c, const struct messenger_result *r, size_t s,
		     bool all_referenced, const struct crit_result **out, size_t max);

/* What changes from e0 to e1 (two evaluations of the same messengers under the same criteria,
 * with different facts): fn is called for every criterion whose verdict differs (crit is its
 * index) and for every placement that differs (crit is the criteria's ncrit), in e1's
 * messenger order. The one comparison that check and the site's changes page both make. */
typedef void (*eval_change_fn)(void *arg, const struct messenger_result *r0,
			       const struct messenger_result *r1, size_t crit);
void eval_changes(const struct evaluation *e0, const struct evaluation *e1, eval_change_fn fn,
		  void *arg);

#endif
