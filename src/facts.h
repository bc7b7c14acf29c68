/* facts.h - the fact source: what is known about a messenger, declared or observed.
 *
 * Everything that reads a fact (the evaluation, show, explain, facts, the exports, the site,
 * and the probes looking for their targets) reads it here. A fact merges:
 *   - the declared value (data/messengers/<id>.yml): value, source, checked, note, file:line;
 *   - the latest observation of it (a probe run, the accepted baseline data/observed.json, or
 *     a file given with --observations): observed value, probe, time, source, or the reason the
 *     probe could not tell;
 * and says which value a rule uses, with an observation status (enum obs_status).
 *
 * Fact paths are stable: a list item is named by a key that does not move when the file is
 * reordered (clients and servers by repository URL, downloads by channel/platform, audits by
 * report URL), never by position: clients[https://github.com/signalapp/Signal-Android].licence,
 * downloads[google-play/android].url, store.f-droid.offered. A position (clients[0].licence) is
 * accepted as input where a person types a path, and turned into the key.
 *
 * The fact source holds no pointer into the model: it is a set of observations, sorted, that
 * any messenger's tree is read against. */
#ifndef MSGVET_FACTS_H
#define MSGVET_FACTS_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "messenger.h"
#include "node.h"

struct stype;

/* What the observations say about a fact (documented in msgvet(5)). */
enum obs_status {
	OBS_UNVERIFIED,    /* declared, never observed: the declared value is used */
	OBS_CONFIRMED,     /* observed value equals the declared one */
	OBS_CONTRADICTED,  /* observed value differs: the declared value stands, but a rule reading
			      it gives unknown, and both values are shown */
	OBS_OBSERVED_ONLY, /* nothing declared: the observed value is used, with its probe and time */
	OBS_FAILED,        /* the probe could not tell (reason kept): a declared value stands, an
			      undeclared fact stays unknown */
	OBS__COUNT
};

/* "unverified", "confirmed", "contradicted", "observed-only", "failed". */
const char *obs_status_name(enum obs_status s);

/* One observation of one fact. Strings and the value live in the fact source's arena. */
struct observation {
	const char *messenger;    /* id */
	const char *fact;         /* stable path */
	const struct node *value; /* what was observed (a scalar, or a list of scalars); NULL when
				     the probe could not tell */
	const char *reason;       /* why the probe could not tell; NULL when value is set */
	const char *probe;        /* which probe: forge, store, links, feed, matrix, repo, ... */
	const char *observed;     /* when: YYYY-MM-DD or an RFC 3339 time */
	const char *source;       /* the URL the probe read; may be NULL */
	const char *hash;         /* SHA-256 (hex) of the content read, where a change of it matters
				     (privacy policies); may be NULL */
	const char *file;         /* where this observation was read from; may be NULL */
	unsigned line, col;
	size_t seq;               /* order of addition: the later of two of one fact wins */
};

/* A set of observations, at most one per (messenger, fact), sorted by messenger then fact
 * (lazily: additions are appended, the first look-up sorts and keeps the latest of each fact). */
struct factsrc {
	struct observation *v;
	size_t n, alloc;
	bool sorted;
	size_t seq;
	struct arena arena;
};

#define FACTSRC_INIT {NULL, 0, 0, true, 0, ARENA_INIT}

void factsrc_release(struct factsrc *fs);

/* Add an observation of messenger m (whose tree the path is checked against). The path may
 * name list items by position; it is stored by key. value is NULL with a reason for a failed
 * probe. Strings and value are copied. Returns 0, or -1 with *err set to a static-lifetime or
 * fact-source-owned message when the path or value does not fit the schema. A later
 * observation of the same fact replaces an earlier one. */
int factsrc_add(struct factsrc *fs, const struct messenger *m, const char *path,
		const struct node *value, const char *reason, const char *probe,
		const char *observed, const char *source, const char **err);

/* Read observations from a JSON file (schema msgvet-observations/1, see msgvet(5)) for the
 * messengers ms[0..n) (sorted by id). Every problem goes to d as file:line:col; returns 0 or
 * -1. A missing file is an error; callers check for the default file's existence first. */
int factsrc_load(struct factsrc *fs, const char *path, const struct messenger *ms, size_t n,
		 struct diag *d);

/* Reading a file while the messengers load: factsrc_read_start(path) prepares it, and
 * factsrc_read_run(p) (a model_load_beside task, run once on one of the load's workers) reads
 * it with no messengers and no diagnostics; after the load, factsrc_read_finish, when every
 * observation was taken and names one of ms[0..n), moves them into fs (a set nothing was added
 * to) and returns 0, as factsrc_load would have. Otherwise it returns -1 having added nothing:
 * the caller calls factsrc_load, which says what is wrong. fs NULL: only discard (the
 * messengers did not load). Either way it frees p. */
struct factsrc_pending;
struct factsrc_pending *factsrc_read_start(const char *path);
void factsrc_read_run(void *p);
int factsrc_read_finish(struct factsrc_pending *p, struct factsrc *fs, const struct messenger *ms,
			size_t n);

/* Sort the set now (look-ups do it on first use): call it before threads share the set, so
 * that none of them writes to it. fs may be NULL. */
void factsrc_sort(const struct factsrc *fs);
/* Write fs as a msgvet-observations/1 document into out: sorted by messenger then fact, keys
 * sorted, two-space indentation, a final newline (what `msgvet accept` writes). */
void factsrc_write(struct factsrc *fs, struct buf *out);

/* The observation of fact path of messenger id, or NULL. fs may be NULL. */
const struct observation *factsrc_find(const struct factsrc *fs, const char *messenger,
				       const char *path);

/* One fact as every consumer sees it. */
struct fact {
	const char *path;              /* stable path */
	const struct stype *type;      /* its schema type; NULL when the path is not in the schema */
	const struct node *declared;   /* NULL when nothing is declared */
	const struct fact_meta *meta;  /* source, checked and note of the declared value; may be NULL */
	const char *file;              /* where it is declared (the messenger's file when it is not) */
	const struct observation *obs; /* NULL when never observed */
	const struct node *value;      /* what a rule reads: declared, or observed when only observed;
					  NULL when neither */
	unsigned line;                 /* 0 when not declared */
	enum obs_status status;
	bool doubt;                    /* a rule reading it gives unknown (contradicted, or missing) */
};

/* Fill f for messenger m's fact at path (stable), declared as node (NULL when absent) with
 * meta, of schema type t. */
void fact_get(const struct factsrc *fs, const struct messenger *m, const char *path,
	      const struct stype *t, const struct node *node, const struct fact_meta *meta,
	      struct fact *f);

/* The fact walker: every fact of m, declared or observed, in schema order (list items by
 * key), then the observations of facts that are not declared, by path. Identity and
 * presentation fields (id, name, logo, order, prose) are not facts. Strings live in a. */
typedef void (*fact_fn)(void *ctx, const struct fact *f);
void fact_walk(const struct factsrc *fs, const struct messenger *m, struct arena *a, fact_fn fn,
	       void *ctx);
/* The declared facts of m alone, as fact_walk gives them without a fact source (no
 * observations: every status unverified); f->path lasts only for the call. */
void fact_walk_declared(const struct messenger *m, fact_fn fn, void *ctx);

/* Parse a fact path that a person typed or a file holds, against m's tree and the schema:
 * positions become keys. Returns the stable path (in a) and its type, or NULL with *err set. */
const char *fact_path_resolve(const struct messenger *m, const char *path, struct arena *a,
			      const struct stype **type, const char **err);

/* A value as one line of text: scalars as they are, lists as "a, b, c". */
void fact_value_text(struct buf *b, const struct node *v);
/* Whether two values are the same (scalars by text, lists item by item). */
bool fact_value_equal(const struct node *a, const struct node *b);

#endif
