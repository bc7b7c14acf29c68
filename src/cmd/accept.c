/* accept.c - `msgvet accept [--only ID...]`: the latest probe run becomes the baseline.
 *
 * The baseline (data/observed.json, or --observations FILE) is read, each observation of the
 * latest completed run of the messengers selected replaces the baseline's observation of the
 * same fact, and the result is written back sorted (factsrc_write), atomically. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "fsutil.h"
#include "store.h"
#include "util.h"

struct accept {
	struct ctx *ctx;
	struct factsrc *out;
	const struct messenger **only; /* NULL-terminated; NULL: every messenger */
	const char *db;
	size_t n, left_out;
};

static int accept_obs(const struct store_obs *o, void *arg)
{
	struct accept *a = arg;
	if (a->only) {
		size_t i;
		for (i = 0; a->only[i]; i++)
			if (strcmp(a->only[i]->id, o->messenger) == 0)
				break;
		if (!a->only[i])
			return 0;
	}
	if (!model_messenger(&a->ctx->model, o->messenger))
		return 0;
	if (ctx_obs_add(&a->ctx->model, a->out, o, a->db) == 0)
		a->n++;
	else
		a->left_out++;
	return 0;
}

/* --only ID[,ID...] into a NULL-terminated list; *rc set on an unknown id. */
static const struct messenger **only_list(struct ctx *ctx, int *rc)
{
	if (!ctx->all[OPT_ONLY].n)
		return NULL;
	size_t n = 0, alloc = 0;
	const struct messenger **v = NULL;
	for (size_t i = 0; i < ctx->all[OPT_ONLY].n && !*rc; i++) {
		char *list = xstrdup(ctx->all[OPT_ONLY].v[i]), *save = NULL;
		for (char *id = strtok_r(list, ",", &save); id && !*rc; id = strtok_r(NULL, ",", &save)) {
			const struct messenger *m = ctx_messenger(ctx, id);
			if (!m) {
				*rc = EXIT_USAGE;
				break;
			}
			v = xgrow(v, sizeof(*v), n + 2, &alloc);
			v[n++] = m;
			v[n] = NULL;
		}
		free(list);
	}
	return v;
}

int cmd_accept(struct ctx *ctx, int argc, char **argv)
{
	if (argc > 0)
		return usage_error(ctx, "unexpected argument '%s' (messengers are given with --only)", argv[0]);
	if (ctx_load(ctx) < 0)
		return EXIT_USAGE;
	int rc = 0;
	const struct messenger **only = only_list(ctx, &rc);
	struct store *s = NULL;
	struct ctx_runs runs = {0};
	struct factsrc out = FACTSRC_INIT;
	struct diag d = DIAG_INIT;
	struct buf text = BUF_INIT;
	char *path = ctx_observations_path(ctx), *db = ctx_db_path(ctx);
	if (rc)
		goto out;
	if (!(s = ctx_store(ctx, &rc)) || (rc = ctx_runs(ctx, s, &runs)) != 0)
		goto out;
	if (!runs.n) {
		rc = input_error(ctx, "no completed probe run in '%s': run '%s probe' first", db, progname);
		goto out;
	}
	long long run = runs.v[runs.n - 1].id;
	/* the baseline as it is (ctx_load checked it), then the run over it */
	if (access(path, F_OK) == 0 &&
	    factsrc_load(&out, path, ctx->model.messengers, ctx->model.nmessengers, &d) < 0) {
		diag_print(&d, stderr);
		rc = EXIT_USAGE;
		goto out;
	}
	struct accept a = {ctx, &out, only, db, 0, 0};
	if (store_obs_run(s, run, accept_obs, &a) < 0) {
		fprintf(stderr, "%s accept: %s\n", progname, store_error(s));
		rc = EXIT_RUNTIME;
		goto out;
	}
	factsrc_write(&out, &text);
	struct stage st = {0};
	char *failed = NULL;
	if (stage_file(&st, path, text.s, text.len) < 0 || stage_commit(&st, &failed) < 0) {
		fprintf(stderr, "%s accept: cannot write '%s': %s\n", progname, failed ? failed : path,
			strerror(errno));
		stage_abort(&st);
		free(failed);
		rc = EXIT_RUNTIME;
		goto out;
	}
	printf("accepted %zu observation%s of run %lld into %s (%zu in all)\n", a.n, a.n == 1 ? "" : "s",
	       run, path, out.n);
	if (a.left_out)
		fprintf(stderr, "%s accept: %zu observation%s left out (see above)\n", progname, a.left_out,
			a.left_out == 1 ? "" : "s");
out:
	store_close(s);
	free(runs.v);
	factsrc_release(&out);
	diag_release(&d);
	buf_release(&text);
	free(path);
	free(db);
	free(only);
	return rc;
}
