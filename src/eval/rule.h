/* rule.h - the rule language: parsing from a criteria file and three-valued evaluation.
 *
 * Rules are small expressions over fact paths of a messenger (see doc/formats.md and
 * msgvet(5)). Results are Kleene three-valued: fail < unknown < pass, and = min, or = max,
 * not swaps pass and fail. Evaluation reads every fact through the fact source (facts.h), which
 * merges the declared value with its observation, and records every fact it read as evidence. */
#ifndef MSGVET_RULE_H
#define MSGVET_RULE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "facts.h"
#include "criteria.h"
#include "messenger.h"
#include "node.h"

enum tri { TRI_FAIL = 0, TRI_UNKNOWN = 1, TRI_PASS = 2 };

enum tri tri_and(enum tri a, enum tri b);
enum tri tri_or(enum tri a, enum tri b);
enum tri tri_not(enum tri a);
const char *tri_name(enum tri t);

enum rule_op {
	R_ALL_OF, R_ANY_OF, R_NOT, R_ALL, R_ANY, R_IS, R_EQUALS, R_IN, R_INCLUDES, R_EXISTS,
	R_OSI, R_WITHIN, R_AFTER, R_BEFORE, R_CRITERION, R_LEVEL,
};

struct stype;

struct rule {
	enum rule_op op;
	const struct node *at;     /* where it was written */
	const char *path;          /* fact ops and quantifiers: dotted path */
	const char **segs;         /* path split on dots */
	size_t nsegs;
	const struct stype *type;  /* schema type at the end of path */
	struct rule **kids;        /* all-of/any-of items; not/all/any: kids[0] */
	size_t nkids;
	const char **values;       /* equals (1), in, includes */
	size_t nvalues;
	long num;                  /* within: days; after/before: date in days */
	const struct criterion *crit; /* criterion */
	enum level level;          /* level */
};

/* Which operators a rule may use. */
enum rule_ctx { RULE_FACTS, RULE_SECTION };

/* Parse a rule written at n; paths are checked against the messenger schema (relative to
 * scope, NULL for the top level). Section rules may name criteria of c. Errors go to d. */
struct rule *rule_parse(struct arena *a, const struct node *n, enum rule_ctx ctx,
			const struct criteria *c, struct diag *d);

/* The evidence of a result is the list of facts a rule read (struct fact, facts.h): path,
 * declared value with source, checked and file:line, observation and status. */

/* Per-rule trace for explanations: entries in pre-order with their depth. */
struct trace_entry {
	const struct rule *rule;
	unsigned depth;
	enum tri result;
	const char *scope; /* item path for quantifier bodies, e.g. "clients[1]"; may be NULL */
};

/* The fact paths built for one messenger, each kept once: its criteria read the same facts
 * (and list items) again and again. Emptied when the messenger changes. */
#define RULE_PATH_SLOTS 256
struct rule_paths {
	const struct messenger *m;
	size_t n;
	const char *slot[RULE_PATH_SLOTS];
};

struct rule_env {
	struct arena *arena;         /* evidence strings */
	struct rule_paths *paths;    /* where paths are shared; NULL: every path is a new string */
	const struct messenger *m;
	long now;                    /* days since the epoch */
	const struct factsrc *fs;    /* observations; may be NULL */
	/* outputs */
	struct fact *ev;
	size_t nev, evalloc;
	struct trace_entry *trace;   /* recorded only when want_trace */
	size_t ntrace, tralloc;
	bool want_trace;
	/* for section rules */
	const enum tri *crit_results; /* by criterion index */
	const struct criteria *criteria;
};

/* Evaluate r for env->m; evidence appended to env->ev (malloc'ed, the caller frees). */
enum tri rule_eval(const struct rule *r, struct rule_env *env);
/* The criteria a section rule reads, with their polarity: pol[criterion index] gets
 * RULE_REF_POSITIVE when the rule wants the criterion met, RULE_REF_NEGATIVE when it wants it
 * not met (under a not). pol has c->ncrit entries; negated flips the polarity of r. */
#define RULE_REF_POSITIVE 1u
#define RULE_REF_NEGATIVE 2u
void rule_criteria(const struct rule *r, const struct criteria *c, unsigned char *pol, bool negated);
/* A one-line description of the operator for explanations ("forward-secrecy is true"). */
void rule_describe(const struct rule *r, struct buf *out);

#endif
