/* validate.c - `msgvet validate`: strict check of every data file. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "diag.h"
#include "eval.h"
#include "fsutil.h"
#include "mustache.h"
#include "util.h"

/* Every fact a criterion reads must say where it comes from and when it was checked. */
static void check_sources(const struct model *m, const struct factsrc *fs, struct diag *d)
{
	for (size_t ci = 0; ci < m->ncriteria; ci++) {
		const struct criteria *c = &m->criteria[ci];
		for (size_t mi = 0; mi < m->nmessengers; mi++) {
			const struct messenger *x = &m->messengers[mi];
			struct evaluation *e = eval_run(c, &x, 1, fs, 0);
			for (size_t k = 0; k < c->ncrit; k++) {
				const struct crit_result *r = &e->v[0].results[k];
				for (size_t j = 0; j < r->nev; j++) {
					const struct fact *ev = &r->ev[j];
					const char *src = ev->meta ? ev->meta->source : NULL;
					const char *chk = ev->meta ? ev->meta->checked : NULL;
					if (!ev->declared || (src && chk))
						continue;
					/* report each fact once, however many criteria read it */
					bool seen = false;
					for (size_t q = 0; q < d->n && !seen; q++)
						seen = d->v[q].line == ev->line &&
						       strcmp(d->v[q].file, ev->file) == 0;
					if (!seen)
						diag_add(d, ev->file, ev->line, 1,
							 "fact '%s' is read by criterion '%s' but has no %s",
							 ev->path, c->crit[k].id,
							 src ? "'checked' date" : "'source' (write it as {value, source, checked})");
				}
			}
			eval_free(e);
		}
	}
}

/* Every Mustache template under dir (recursively) must parse. Returns how many there were. */
static size_t check_templates(const char *dir, struct diag *d)
{
	DIR *dp = opendir(dir);
	if (!dp)
		return 0;
	size_t count = 0;
	struct dirent *de;
	while ((de = readdir(dp))) {
		if (de->d_name[0] == '.')
			continue;
		char *path = xasprintf("%s/%s", dir, de->d_name);
		struct stat st;
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			count += check_templates(path, d);
		} else if (str_has_suffix(de->d_name, ".mustache")) {
			size_t len;
			char *src = read_file(path, 1u << 20, &len);
			struct mustache_error err = {0};
			struct mustache *t = src ? mustache_parse(src, len, path, &err) : NULL;
			if (!src)
				diag_add(d, path, 0, 0, "cannot read: %s", strerror(errno));
			else if (!t)
				diag_add(d, path, err.line, err.col, "%s", err.msg);
			mustache_free(t);
			free(src);
			count++;
		}
		free(path);
	}
	closedir(dp);
	return count;
}

int cmd_validate(struct ctx *ctx, int argc, char **argv)
{
	(void)argv;
	if (argc > 0)
		return usage_error(ctx, "unexpected argument '%s'", argv[0]);
	struct diag d = DIAG_INIT;
	d.max = 1000;
	int rc = model_load(&ctx->model, ctx->root, &d);
	ctx->loaded = true;
	if (rc == 0 && d.n == 0 && ctx_check_loaded(ctx, &d) < 0)
		rc = -1;
	if (rc == 0 && d.n == 0)
		check_sources(&ctx->model, &ctx->facts, &d);
	char *tdir = strcmp(ctx->root, ".") == 0 ? xstrdup("templates") : xasprintf("%s/templates", ctx->root);
	size_t ntemplates = check_templates(tdir, &d);
	free(tdir);
	if (d.n) {
		diag_print(&d, stderr);
		fprintf(stderr, "%s: %zu error%s in '%s'\n", progname, d.n + d.dropped,
			d.n + d.dropped == 1 ? "" : "s", ctx->root);
		diag_release(&d);
		return EXIT_USAGE;
	}
	diag_release(&d);
	if (!ctx->opt[OPT_QUIET]) {
		const struct model *m = &ctx->model;
		size_t ncrit = 0;
		for (size_t i = 0; i < m->ncriteria; i++)
			ncrit += m->criteria[i].ncrit;
		printf("ok: %zu criteria version%s (%zu criteria), %zu messenger%s, %zu locale%s, "
		       "%zu template%s in %s\n",
		       m->ncriteria, m->ncriteria == 1 ? "" : "s", ncrit, m->nmessengers,
		       m->nmessengers == 1 ? "" : "s", m->i18n.n, m->i18n.n == 1 ? "" : "s",
		       ntemplates, ntemplates == 1 ? "" : "s", ctx->root);
	}
	return EXIT_OK;
}
