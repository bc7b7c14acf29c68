/* show.c - `msgvet show ID`: every fact about a messenger, with sources, and its verdicts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "present.h"
#include "util.h"

static void meta_line(struct table *t, const char *path, const struct fact_meta *m)
{
	struct buf b = BUF_INIT;
	buf_addf(&b, "source %s", m->source ? m->source : "(none)");
	if (m->checked)
		buf_addf(&b, ", checked %s", m->checked);
	if (m->note)
		buf_addf(&b, " (%s)", m->note);
	table_add(t, path, TONE_NONE);
	table_add(t, b.s, TONE_DIM);
	buf_release(&b);
}

/* Flatten the tree into "path  value" rows; prose is shown separately. */
static void flatten(struct table *t, const struct node *n, const char *path)
{
	struct buf p = BUF_INIT;
	if (n->type == NODE_MAP) {
		if (n->meta)
			meta_line(t, path, n->meta);
		for (uint32_t i = 0; i < n->n; i++) {
			if (!*path && strcmp(n->keys[i], "prose") == 0)
				continue;
			buf_reset(&p);
			buf_addf(&p, "%s%s%s", path, *path ? "." : "", n->keys[i]);
			flatten(t, n->kids[i], p.s);
		}
	} else if (n->type == NODE_SEQ && n->n && n->kids[0]->type != NODE_SCALAR) {
		for (uint32_t i = 0; i < n->n; i++) {
			buf_reset(&p);
			buf_addf(&p, "%s[%u]", path, i);
			flatten(t, n->kids[i], p.s);
		}
	} else {
		struct buf v = BUF_INIT;
		if (n->type == NODE_SCALAR)
			buf_adds(&v, n->str);
		else
			for (uint32_t i = 0; i < n->n; i++)
				buf_addf(&v, "%s%s", i ? ", " : "", n->kids[i]->str);
		table_add(t, path, TONE_NONE);
		table_add(t, v.s, TONE_NONE);
		buf_release(&v);
		if (n->meta)
			meta_line(t, "", n->meta);
	}
	buf_release(&p);
}

static void show_text(struct ctx *ctx, const struct messenger *m, const struct evaluation *e)
{
	const struct messenger_result *r = &e->v[0];
	printf("%s (%s)\n%s\n\n", m->name, m->id, m->file);
	struct table t;
	table_init(&t, 2);
	table_add(&t, "fact", TONE_HEAD);
	table_add(&t, "value", TONE_HEAD);
	flatten(&t, m->root, "");
	table_print(&t, stdout, ctx->color, ctx->width);
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
	table_print(&t, stdout, ctx->color, ctx->width);
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

static void show_json(const struct messenger *m, const struct evaluation *e)
{
	const struct messenger_result *r = &e->v[0];
	struct jsonw w;
	jw_init(&w, stdout);
	jw_obj(&w);
	jw_kstr(&w, "criteria", criteria_spec(e->c));
	jw_key(&w, "facts");
	jw_node(&w, m->root);
	jw_kstr(&w, "id", m->id);
	jw_kstr(&w, "name", m->name);
	jw_kstr(&w, "placement", placement_name(r));
	jw_key(&w, "results");
	jw_arr(&w);
	for (size_t k = 0; k < e->c->ncrit; k++) {
		const struct crit_result *cr = &r->results[k];
		jw_obj(&w);
		jw_kstr(&w, "criterion", cr->crit->id);
		jw_kstr(&w, "level", level_name(cr->crit->level));
		jw_kstr(&w, "result", verdict_name(cr->verdict));
		jw_obj_end(&w);
	}
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
		show_json(m, e);
	else
		show_text(ctx, m, e);
	eval_free(e);
	return EXIT_OK;
}
