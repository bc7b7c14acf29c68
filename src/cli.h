/* cli.h - the command table, option parsing and the context shared by commands.
 *
 * Every command is a file in src/cmd/ exporting one `cmd_NAME` function and is listed in the
 * table in main.c with its options. Options are described once, in option tables, so that
 * --help, the parser and the test that compares them with the man page cannot disagree. */
#ifndef MSGVET_CLI_H
#define MSGVET_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "facts.h"
#include "model.h"

/* Exit codes. */
enum {
	EXIT_OK = 0,
	EXIT_FINDINGS = 1, /* a command that checks found failures */
	EXIT_USAGE = 2,    /* bad usage or invalid input data */
	EXIT_RUNTIME = 3,  /* I/O, database, memory */
};

enum opt_key {
	OPT_ROOT, OPT_OBSERVATIONS, OPT_NOW, OPT_COLOR, OPT_HELP, OPT_VERSION,
	OPT_CRITERIA, OPT_FORMAT, OPT_ALL, OPT_QUIET, OPT_LOCALE, OPT_OUT, OPT_DATA, OPT_PARTIALS,
	OPT_OLDER_THAN, OPT_MAX_AGE, OPT_STRICT, OPT_CACHE, OPT_TAG_PATTERN, OPT_PRERELEASES, OPT_ALLOW_UNDETERMINED, OPT_CHANGES,
	OPT_DB, OPT_ONLY, OPT_FAIL_ON, OPT_JOBS, OPT_CONNECT_TO, OPT_CACERT, OPT_DRY_RUN, OPT_OFFLINE,
	OPT_TIMEOUT, OPT_LIST_ONLY, OPT_GIT_REWRITE, OPT_BY_SOURCE,
	OPT__COUNT
};

struct optdef {
	const char *name;  /* long name without dashes */
	char shortname;    /* 0 when none */
	const char *arg;   /* argument name, NULL for a flag */
	const char *help;
};

extern const struct optdef optdefs[OPT__COUNT];

enum format { FMT_TEXT, FMT_JSON, FMT_MD, FMT_CSV, FMT_GITHUB, FMT__COUNT };

struct ctx;

struct cmd {
	const char *name;
	int (*run)(struct ctx *ctx, int argc, char **argv); /* positional arguments only */
	const char *args;    /* synopsis of the positional arguments */
	const char *summary; /* one line */
	const char *help;    /* paragraphs for --help */
	uint64_t opts;       /* bit set of enum opt_key the command takes, besides the global ones */
	unsigned formats;    /* bit set of enum format; 0 when the command has no --format */
};

#define OPTBIT(k) (UINT64_C(1) << (k))
_Static_assert(OPT__COUNT <= 64, "option bit sets are 64 bits wide");
#define FMTBIT(f) (1u << (f))
#define GLOBAL_OPTS (OPTBIT(OPT_ROOT) | OPTBIT(OPT_OBSERVATIONS) | OPTBIT(OPT_DB) | OPTBIT(OPT_NOW) | OPTBIT(OPT_COLOR) | OPTBIT(OPT_HELP))

extern const struct cmd commands[];
extern const size_t ncommands;

struct ctx {
	const char *opt[OPT__COUNT]; /* option values; "" for a flag that was given (the last one) */
	struct {
		const char **v;
		size_t n;
	} all[OPT__COUNT];           /* every value of a repeatable option (--connect-to, --only) */
	const struct cmd *cmd;
	const char *root;            /* resolved data root */
	long now;                    /* days since the epoch */
	bool color;                  /* ANSI colour on stdout */
	size_t width;                /* terminal columns to fit the text into; 0: no limit (a pipe) */
	enum format format;
	struct model model;
	struct factsrc facts;         /* observations: --observations FILE, else data/observed.json */
	bool loaded;
};

/* The probe database: --db FILE, else .msgvet/msgvet.db under the root (owned). */
char *ctx_db_path(const struct ctx *ctx);
/* The repository mirrors' cache: --cache, else $XDG_CACHE_HOME/msgvet/repos, else
 * ~/.cache/msgvet/repos; NULL when none of them can be had. Owned. */
char *ctx_cache_dir(const struct ctx *ctx);

/* The observations file: --observations FILE, else data/observed.json under the root (owned;
 * it may not exist). */
char *ctx_observations_path(const struct ctx *ctx);

/* The probe database opened read-only for a command that reads it (history, diff, check,
 * accept): NULL after printing why, with *rc EXIT_USAGE when it does not exist (no probe run
 * yet), EXIT_RUNTIME when it cannot be opened. */
struct store;
struct store *ctx_store(struct ctx *ctx, int *rc);

/* The completed probe runs of a database, oldest first. */
struct ctx_runs {
	struct {
		long long id, started;
	} *v;
	size_t n, alloc;
};
/* Fill runs (free runs->v); 0, or EXIT_RUNTIME after printing the store's error. */
int ctx_runs(struct ctx *ctx, struct store *s, struct ctx_runs *runs);

/* One observation of the store (o, read from the database at path) into fs, as every command
 * reads it: the value parsed, the time as RFC 3339, the target as source when it is https,
 * the content hash kept. An observation that no longer fits the data (an unknown messenger is
 * skipped silently) is left out with a warning. 0, or -1 when left out. */
struct store_obs;
int ctx_obs_add(const struct model *model, struct factsrc *fs, const struct store_obs *o,
		const char *path);

/* Load the model from ctx->root and the observations (the fact source); on invalid data
 * prints every error and returns -1. */
int ctx_load(struct ctx *ctx);
/* The gate (gate.h) for this run: the model from ctx->root and the observations (--observations
 * FILE, else data/observed.json under the root when it exists) into ctx->facts, with every
 * check validate applies. Problems go to d; 0 or -1. ctx_load and validate both go through it. */
struct gate_report;
int ctx_gate(struct ctx *ctx, struct diag *d, struct gate_report *rep);
/* The criteria version selected by --criteria (default: the newest); prints an error with a
 * suggestion and returns NULL when it does not exist. A version selected by a former name, or
 * named explicitly when its name once meant another version, comes with a notice on stderr. */
const struct criteria *ctx_criteria(struct ctx *ctx);
/* The criterion of c that name designates: its id in any letter case, one of its aliases, or
 * the start of one id; NULL after printing an error (ambiguous: every candidate; unknown: a
 * close id, if any). */
const struct criterion *ctx_criterion(struct ctx *ctx, const struct criteria *c, const char *name);
/* The messenger with id (letter case ignored), or NULL after printing an error with a close id. */
const struct messenger *ctx_messenger(struct ctx *ctx, const char *id);
/* The age limit of stale facts: --max-age, else the smallest max-age of the criteria files; 0
 * when none. Returns 0, or EXIT_USAGE after printing a usage error. */
int ctx_max_age(const struct ctx *ctx, long *days);
/* Print a usage error for the current command ("msgvet compare: ...") and return EXIT_USAGE. */
int usage_error(const struct ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Print an input error for the current command (no usage hint) and return EXIT_USAGE. */
int input_error(const struct ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *format_name(enum format f);

/* Commands. */
int cmd_validate(struct ctx *ctx, int argc, char **argv);
int cmd_list(struct ctx *ctx, int argc, char **argv);
int cmd_show(struct ctx *ctx, int argc, char **argv);
int cmd_compare(struct ctx *ctx, int argc, char **argv);
int cmd_explain(struct ctx *ctx, int argc, char **argv);
int cmd_build(struct ctx *ctx, int argc, char **argv);
int cmd_i18n(struct ctx *ctx, int argc, char **argv);
int cmd_template(struct ctx *ctx, int argc, char **argv);
int cmd_facts(struct ctx *ctx, int argc, char **argv);
int cmd_license(struct ctx *ctx, int argc, char **argv);
int cmd_repo(struct ctx *ctx, int argc, char **argv);
int cmd_probe(struct ctx *ctx, int argc, char **argv);
int cmd_accept(struct ctx *ctx, int argc, char **argv);
int cmd_check(struct ctx *ctx, int argc, char **argv);
int cmd_history(struct ctx *ctx, int argc, char **argv);
int cmd_diff(struct ctx *ctx, int argc, char **argv);

#include "eval.h"
/* Evaluate the messengers (all of them when ms is NULL) under c with the observations
 * available to this run; the caller frees the result. */
struct evaluation *ctx_eval(struct ctx *ctx, const struct criteria *c,
			    const struct messenger *const *ms, size_t n);

#endif
