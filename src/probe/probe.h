/* probe.h - the HTTP probes: their targets, found by the fact walker, and the adapters that
 * turn an answer into observations of stable fact paths.
 *
 * A plan is built from the declared facts of each messenger (fact_walk): every adapter of the
 * table looks at every fact and adds the requests it needs, each naming the facts its answer
 * can tell. An answer that is not a success, or has an unexpected shape, makes a failed
 * observation (value NULL, a reason) of each of those facts: never a guessed value. Values are
 * JSON text ("true", "\"7.60\"", "\"2025-07-01\"") as the store keeps them. */
#ifndef MSGVET_PROBE_H
#define MSGVET_PROBE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "facts.h"
#include "messenger.h"

struct probe_adapter;

/* One observation an answer gave. Owned strings. */
struct probe_obs {
	char *fact;    /* stable path */
	char *value;   /* JSON text; NULL when the probe could not tell */
	char *reason;  /* why not, when value is NULL */
};

/* One request of the plan. */
struct probe_target {
	const struct messenger *m;
	const struct probe_adapter *ad;
	char *url;            /* what is requested */
	char *subject;        /* the declared thing probed: repository URL, store id, link */
	int role;             /* the adapter's: which request of several for one subject */
	char **facts;         /* the facts the answer can tell (failed ones on an error) */
	size_t nfacts;
	bool policy;          /* links: a privacy policy, whose content hash is kept */
	const char *accept;   /* Accept header (static), or NULL: the adapter's */
};

/* The targets of a run, in messenger then walk order. */
struct probe_plan {
	struct probe_target *v;
	size_t n, alloc;
};

/* An answer as the adapters see it (after the http engine, or nothing on a failure). */
struct probe_answer {
	int status;             /* HTTP status */
	const char *body;       /* not NUL-terminated */
	size_t len;
	const char *final_url;  /* after redirects */
	const char *hash;       /* SHA-256 of the body, hex */
};

/* Observations of one answer. */
struct probe_out {
	struct probe_obs *v;
	size_t n, alloc;
};

struct probe_adapter {
	const char *kind;     /* forge, stores, feeds, matrix, links, repo: --only and the store's kind column */
	bool git;             /* the targets are git repositories, read with the repository probe
				 (src/probe/repo.c), not requests: only with --only */
	const char *summary;  /* for --help and the man page */
	const char *accept;   /* Accept header, or NULL */
	/* Add the targets that fact f of m gives (f->declared is set). */
	void (*targets)(struct probe_plan *p, const struct messenger *m, const struct fact *f);
	/* Observations from a successful answer (2xx); 0, or -1 with the reason in why (the
	 * answer's shape was unexpected: every fact of the target fails with it). */
	int (*answer)(const struct probe_target *t, const struct probe_answer *a,
		      struct probe_out *out, struct buf *why);
	/* Whether an answer with this non-2xx status still tells something (Flathub's 404:
	 * not offered); NULL: none does. */
	bool (*tells)(const struct probe_target *t, int status);
};

extern const struct probe_adapter probe_forge, probe_stores, probe_feeds, probe_matrix, probe_links,
	probe_repo;
/* The adapters, in the order their targets are listed. */
extern const struct probe_adapter *const probe_adapters[];
extern const size_t probe_nadapters;
const struct probe_adapter *probe_adapter_find(const char *kind);

/* Build the plan for messenger m with the adapters whose bit is set in mask (bit i:
 * probe_adapters[i]). Strings of the walk live in a. */
void probe_plan_add(struct probe_plan *p, const struct messenger *m, unsigned mask, struct arena *a);
void probe_plan_release(struct probe_plan *p);

/* Add a target; facts is a NULL-terminated list of paths (copied). Returns the target. */
struct probe_target *probe_target_add(struct probe_plan *p, const struct messenger *m,
				      const struct probe_adapter *ad, const char *url,
				      const char *subject, int role, const char *const *facts);

/* One more fact the answer of t tells. */
void probe_target_add_fact(struct probe_target *t, const char *fact);

/* Append an observation (strings copied; value JSON text or NULL with reason). */
void probe_emit(struct probe_out *out, const char *fact, const char *value, const char *reason);
/* The same with a string value, a boolean or a date (the first 10 characters of an ISO 8601
 * time, checked, or an epoch-seconds string): emits a failed observation when it is not one. */
void probe_emit_str(struct probe_out *out, const char *fact, const char *s);
void probe_emit_bool(struct probe_out *out, const char *fact, bool v);
void probe_emit_date(struct probe_out *out, const char *fact, const char *iso_or_epoch);
/* Every fact of t failed with reason. */
void probe_fail_all(struct probe_out *out, const struct probe_target *t, const char *reason);
void probe_out_release(struct probe_out *out);

/* The observations the repository probe's report gives for target t of probe_repo: the
 * licence expression of the client or server, and for the first client the last commit and the
 * latest release version. report is a struct repo_report (repo.h). */
struct repo_report;
void probe_repo_answer(const struct probe_target *t, const struct repo_report *r,
		       struct probe_out *out);

/* Whether fact f is a client's or a server's repository (clients[KEY].repository): then *list
 * is "clients" or "servers", *key the item's key (owned), and *primary whether it is the first
 * client as written in the file, the one that stands for the messenger. */
bool probe_repository_fact(const struct messenger *m, const struct fact *f, const char **list,
			   char **key, bool *primary);

/* The node a keyed list item of m has (list "downloads", key "app-store/ios"), or NULL. */
const struct node *probe_item(const struct messenger *m, const char *list, const char *key);

#endif
