/* show.c - `msgvet show ID`: every fact about a messenger, with sources, and its verdicts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "present.h"
#include "util.h"

struct fact_rows {
	struct table *t;
	struct buf v;
};

/* One fact: its path and value, then where it comes from and what the probes saw. */
static void fact_row(void *ctx, const struct fact *f)
{
	struct fact_rows *fr = ctx;
	struct buf *v = &fr->v;
	buf_reset(v);
	table_add(fr->t, f->path, TONE_NONE);
	table_add(fr->t, fact_text(v, f), f->value ? TONE_NONE : TONE_UNKNOWN);
	if (f->declared) {
		buf_reset(v);
		buf_addf(v, "source %s", f->meta && f->meta->source ? f->meta->source : "(none)");
		if (f->meta && f->meta->checked)
			buf_addf(v, ", checked %s", f->meta->checked);
		if (f->meta && f->meta->note)
			buf_addf(v, " (%s)", f->meta->note);
		table_add(fr->t, "", TONE_NONE);
		table_add(fr->t, v->s, TONE_DIM);
	}
	if (f->obs) {
		buf_reset(v);
		buf_addf(v, "%s: %s saw ", obs_status_name(f->status), f->obs->probe);
		if (f->obs->value)
			fact_value_text(v, f->obs->value);
		else
			buf_addf(v, "nothing (%s)", f->obs->reason);
		buf_addf(v, " on %s", f->obs->observed);
		if (f->obs->source)
			buf_addf(v, " at %s", f->obs->source);
		table_add(fr->t, "", TONE_NONE);
		table_add(fr->t, v->s, f->status == OBS_CONTRADICTED || f->status == OBS_FAILED ? TONE_FAIL : TONE_DIM);
	}
}

static void show_text(struct ctx *ctx, const struct messenger *m, const struct evaluation *e)
{
	const struct messenger_result *r = &e->v[0];
	printf("%s (%s)\n%s\n\n", m->name, m->id, m->file);
	struct table t;
	table_init(&t, 2);
	table_add(&t, "fact", TONE_HEAD);
	table_add(&t, "value", TONE_HEAD);
	struct arena a = ARENA_INIT;
	struct fact_rows fr = {&t, BUF_INIT};
	fact_walk(&ctx->facts, m, &a, fact_row, &fr);
	buf_release(&fr.v);
	arena_release(&a);
	table_print(&t, stdout, ctx->color);
	table_release(&t);

	printf("\n%s: %s\n\n", criteria_spec(e->c), placement_name(r));
	table_init(&t, 4);
	table_add(&t, "result", TONE_HEAD);
	table_add(&t, "level", TONE_HEAD);
	table_add(&t, "criterion", TONE_HEAD);
	table_add(&t, "text", TONE_HEAD);
	for (size_t k = 0; k < e->c->ncrit; k++) {
		const struct crit_result *cr = &r->results[k];
		table_add(&t, verdict_mark(cr->verdict), verdict_tone(cr->verdict));
		table_add(&t, level_name(cr->crit->level), TONE_DIM);
		table_add(&t, cr->crit->id, TONE_NONE);
		struct buf txt = BUF_INIT;
		table_add(&t, plain_text(&txt, loc_text(cr->crit->text, "en")), TONE_NONE);
		buf_release(&txt);
	}
	table_print(&t, stdout, ctx->color);
	table_release(&t);
	const char *summary = node_str(node_get(node_get(m->root, "prose"), "en"), "summary");
	if (summary) {
		struct buf s = BUF_INIT;
		buf_adds(&s, summary);
		buf_rtrim(&s);
		printf("\n%s\n", s.s);
		buf_release(&s);
	}
	printf("\n'msgvet explain %s CRITERION' shows the evidence behind a result.\n", m->id);
}

static void show_json(struct ctx *ctx, const struct messenger *m, const struct evaluation *e)
{
	const struct messenger_result *r = &e->v[0];
	struct jsonw w;
	jw_init(&w, stdout);
	jw_obj(&w);
	jw_key(&w, "counts");
	jw_counts(&w, r);
	jw_kstr(&w, "criteria", criteria_spec(e->c));
	jw_key(&w, "facts");
	jw_messenger_facts(&w, &ctx->facts, m);
	jw_kstr(&w, "file", m->file);
	jw_kstr(&w, "id", m->id);
	jw_kstr(&w, "logo", node_str(m->root, "logo"));
	jw_kstr(&w, "name", m->name);
	jw_kstr(&w, "placement", placement_name(r));
	if (node_get(m->root, "prose")) {
		jw_key(&w, "prose");
		jw_node(&w, node_get(m->root, "prose"));
	}
	jw_key(&w, "results");
	jw_arr(&w);
	for (size_t k = 0; k < e->c->ncrit; k++)
		jw_crit_result(&w, &r->results[k]);
	jw_arr_end(&w);
	jw_obj_end(&w);
	jw_finish(&w);
}

int cmd_show(struct ctx *ctx, int argc, char **argv)
{
	if (argc == 0)
		return usage_error(ctx, "which messenger? give its id");
	if (argc > 1)
		return usage_error(ctx, "expected one messenger id, found %d arguments", argc);
	if (ctx_load(ctx) < 0)
		return EXIT_USAGE;
	const struct criteria *c = ctx_criteria(ctx);
	if (!c)
		return EXIT_USAGE;
	const struct messenger *m = ctx_messenger(ctx, argv[0]);
	if (!m)
		return EXIT_USAGE;
	struct evaluation *e = ctx_eval(ctx, c, &m, 1);
	if (ctx->format == FMT_JSON)
		show_json(ctx, m, e);
	else
		show_text(ctx, m, e);
	eval_free(e);
	return EXIT_OK;
}
