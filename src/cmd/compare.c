/* compare.c - `msgvet compare ID... | --all`: messengers side by side. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "export.h"
#include "parallel.h"
#include "present.h"
#include "util.h"

/* Above this many messengers the text table lists one messenger per row. */
#define WIDE_LIMIT 6

static void jw_result(struct jsonw *w, const struct messenger_result *r, const struct criteria *c)
{
	jw_obj(w);
	jw_key(w, "counts");
	jw_counts(w, r);
	jw_kstr(w, "id", r->m->id);
	jw_kstr(w, "name", r->m->name);
	jw_kstr(w, "placement", placement_name(r));
	jw_key(w, "results");
	jw_arr(w);
	for (size_t k = 0; k < c->ncrit; k++)
		jw_crit_result(w, &r->results[k]);
	jw_arr_end(w);
	jw_obj_end(w);
}

struct json_job {
	const struct evaluation *e;
	size_t base;       /* first messenger of this round */
	struct buf *parts; /* one per worker */
};

/* Format messengers base+[from, to) as elements of the "messengers" array (depth 2). */
static void json_range(void *ctx, size_t from, size_t to, size_t w)
{
	struct json_job *job = ctx;
	struct jsonw jw;
	jw_init_fragment(&jw, 2, job->base + from == 0);
	for (size_t i = job->base + from; i < job->base + to; i++)
		jw_result(&jw, &job->e->v[i], job->e->c);
	job->parts[w] = jw.b;
}

/* Messengers formatted per round: bounds the memory held by pending output. */
#define JSON_ROUND 256

static void print_json(const struct evaluation *e)
{
	printf("{\n  \"criteria\": ");
	struct buf b = BUF_INIT;
	buf_add_json(&b, criteria_spec(e->c));
	fputs(b.s, stdout);
	buf_release(&b);
	printf(",\n  \"messengers\": [");
	/* the messengers are formatted in parallel, round by round, and written in order */
	size_t nw = parallel_workers(JSON_ROUND, 64);
	struct json_job job = {e, 0, xcalloc(nw, sizeof(struct buf))};
	for (job.base = 0; job.base < e->n; job.base += JSON_ROUND) {
		size_t n = e->n - job.base < JSON_ROUND ? e->n - job.base : JSON_ROUND;
		size_t w = parallel_workers(n, 64);
		parallel_for(n, w, json_range, &job);
		for (size_t k = 0; k < w; k++) {
			fwrite(job.parts[k].s, 1, job.parts[k].len, stdout);
			buf_release(&job.parts[k]);
		}
	}
	free(job.parts);
	printf(e->n ? "\n  ]\n}\n" : "]\n}\n");
}

static void print_csv(const struct evaluation *e)
{
	struct buf b = BUF_INIT;
	export_csv(e, &b, true);
	fwrite(b.s, 1, b.len, stdout);
	buf_release(&b);
}

static void md_cell(struct buf *b, const char *s)
{
	buf_adds(b, " ");
	buf_add_md(b, s);
	buf_adds(b, " |");
}

static void print_md(const struct evaluation *e)
{
	struct buf b = BUF_INIT;
	buf_adds(&b, "| Criterion | Level |");
	for (size_t i = 0; i < e->n; i++)
		md_cell(&b, e->v[i].m->name);
	buf_adds(&b, "\n| --- | --- |");
	for (size_t i = 0; i < e->n; i++)
		buf_adds(&b, " :---: |");
	buf_addc(&b, '\n');
	for (size_t k = 0; k < e->c->ncrit; k++) {
		buf_addc(&b, '|');
		md_cell(&b, e->c->crit[k].id);
		md_cell(&b, level_name(e->c->crit[k].level));
		for (size_t i = 0; i < e->n; i++)
			md_cell(&b, verdict_mark_utf8(e->v[i].results[k].verdict));
		buf_addc(&b, '\n');
	}
	buf_adds(&b, "| **placement** | |");
	for (size_t i = 0; i < e->n; i++)
		md_cell(&b, placement_name(&e->v[i]));
	buf_addc(&b, '\n');
	fwrite(b.s, 1, b.len, stdout);
	buf_release(&b);
}

/* Criteria as rows, messengers as columns; returns -1 without printing when that table would
 * be wider than width (0: any width). */
static int print_text_narrow(const struct evaluation *e, bool color, size_t width)
{
	struct table t;
	table_init(&t, e->n + 2);
	table_add(&t, "criterion", TONE_HEAD);
	table_add(&t, "level", TONE_HEAD);
	for (size_t i = 0; i < e->n; i++)
		table_add(&t, e->v[i].m->name, TONE_HEAD);
	for (size_t k = 0; k < e->c->ncrit; k++) {
		table_add(&t, e->c->crit[k].id, TONE_NONE);
		table_add(&t, level_name(e->c->crit[k].level), TONE_DIM);
		for (size_t i = 0; i < e->n; i++) {
			enum verdict v = e->v[i].results[k].verdict;
			table_add(&t, verdict_mark(v), verdict_tone(v));
		}
	}
	table_add(&t, "placement", TONE_HEAD);
	table_add(&t, "", TONE_NONE);
	for (size_t i = 0; i < e->n; i++)
		table_add(&t, placement_name(&e->v[i]), placement_tone(&e->v[i]));
	int rc = width && table_width(&t) > width ? -1 : 0;
	if (rc == 0)
		table_print(&t, stdout, color, width);
	table_release(&t);
	return rc;
}

/* One messenger per row, with the criteria it does not meet. */
static void print_text_wide(const struct evaluation *e, bool color, size_t width)
{
	struct table t;
	table_init(&t, 5);
	const char *head[] = {"messenger", "placement", "minimum", "best-case", "not met"};
	for (size_t i = 0; i < 5; i++)
		table_add(&t, head[i], TONE_HEAD);
	for (size_t i = 0; i < e->n; i++) {
		const struct messenger_result *r = &e->v[i];
		const struct level_counts *lc = r->count;
		struct buf miss = BUF_INIT;
		for (size_t k = 0; k < e->c->ncrit; k++) {
			const struct crit_result *cr = &r->results[k];
			if (!verdict_met(cr->verdict))
				buf_addf(&miss, "%s%s%s", miss.len ? ", " : "", cr->crit->id,
					 cr->verdict == V_UNKNOWN ? " (?)" : "");
		}
		char a[32], b2[32];
		snprintf(a, sizeof(a), "%zu/%zu", lc[0].met, lc[0].total);
		snprintf(b2, sizeof(b2), "%zu/%zu", lc[1].met, lc[1].total);
		table_add(&t, r->m->id, TONE_NONE);
		table_add(&t, placement_name(r), placement_tone(r));
		table_add(&t, a, lc[0].met == lc[0].total ? TONE_PASS : TONE_FAIL);
		table_add(&t, b2, TONE_NONE);
		table_add(&t, miss.s, TONE_DIM);
		buf_release(&miss);
	}
	table_print(&t, stdout, color, width);
	table_release(&t);
}

int cmd_compare(struct ctx *ctx, int argc, char **argv)
{
	bool all = ctx->opt[OPT_ALL] != NULL;
	if (all && argc > 0)
		return usage_error(ctx, "give messenger ids or --all, not both");
	if (!all && argc == 0)
		return usage_error(ctx, "which messengers? give their ids, or --all");
	if (ctx_load(ctx) < 0)
		return EXIT_USAGE;
	const struct criteria *c = ctx_criteria(ctx);
	if (!c)
		return EXIT_USAGE;
	const struct messenger **ms = NULL;
	if (!all) {
		ms = xcalloc((size_t)argc, sizeof(*ms));
		for (int i = 0; i < argc; i++) {
			ms[i] = ctx_messenger(ctx, argv[i]);
			if (!ms[i]) {
				free(ms);
				return EXIT_USAGE;
			}
			for (int j = 0; j < i; j++)
				if (ms[j] == ms[i]) {
					free(ms);
					return usage_error(ctx, "messenger '%s' is given twice", argv[i]);
				}
		}
	}
	struct evaluation *e = ctx_eval(ctx, c, ms, all ? 0 : (size_t)argc);
	if (all)
		eval_sort_page(e);
	switch (ctx->format) {
	case FMT_JSON: print_json(e); break;
	case FMT_CSV: print_csv(e); break;
	case FMT_MD: print_md(e); break;
	default:
		printf("%s\n\n", criteria_spec(c));
		/* too many messengers, or too narrow a terminal, for one column each */
		if (e->n > WIDE_LIMIT || print_text_narrow(e, ctx->color, ctx->width) < 0)
			print_text_wide(e, ctx->color, ctx->width);
		break;
	}
	eval_free(e);
	free(ms);
	return EXIT_OK;
}
