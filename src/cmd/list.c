/* list.c - `msgvet list`: the messengers, their scores and placements. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "present.h"
#include "util.h"

static const char *network_of(const struct messenger *m)
{
	const char *t = node_str(node_get(m->root, "network"), "type");
	return t ? t : "?";
}

int cmd_list(struct ctx *ctx, int argc, char **argv)
{
	if (argc > 0)
		return usage_error(ctx, "unexpected argument '%s'", argv[0]);
	if (ctx_load(ctx) < 0)
		return EXIT_USAGE;
	const struct criteria *c = ctx_criteria(ctx);
	if (!c)
		return EXIT_USAGE;
	struct evaluation *e = ctx_eval(ctx, c, NULL, 0);
	eval_sort_page(e);
	struct buf b = BUF_INIT;
	struct table t;
	struct jsonw w;
	switch (ctx->format) {
	case FMT_JSON:
		jw_init(&w, stdout);
		jw_obj(&w);
		jw_kstr(&w, "criteria", criteria_spec(c));
		jw_key(&w, "messengers");
		jw_arr(&w);
		break;
	case FMT_CSV:
		buf_adds(&b, "id,name,network,minimum_met,minimum_total,best_case_met,best_case_total,placement\r\n");
		break;
	case FMT_MD:
		buf_adds(&b, "| Messenger | Network | Minimum | Best case | Placement |\n| --- | --- | :---: | :---: | --- |\n");
		break;
	default:
		printf("%s\n\n", criteria_spec(c));
		table_init(&t, 6);
		table_add(&t, "id", TONE_HEAD);
		table_add(&t, "name", TONE_HEAD);
		table_add(&t, "network", TONE_HEAD);
		table_add(&t, "minimum", TONE_HEAD);
		table_add(&t, "best-case", TONE_HEAD);
		table_add(&t, "placement", TONE_HEAD);
		break;
	}
	for (size_t i = 0; i < e->n; i++) {
		const struct messenger_result *r = &e->v[i];
		const struct level_counts *lc = r->count;
		char mins[32], best[32];
		snprintf(mins, sizeof(mins), "%zu/%zu", lc[0].met, lc[0].total);
		snprintf(best, sizeof(best), "%zu/%zu", lc[1].met, lc[1].total);
		switch (ctx->format) {
		case FMT_JSON:
			jw_obj(&w);
			jw_key(&w, "counts");
			jw_counts(&w, r);
			jw_kstr(&w, "id", r->m->id);
			jw_kstr(&w, "name", r->m->name);
			jw_kstr(&w, "network", network_of(r->m));
			jw_kstr(&w, "placement", placement_name(r));
			jw_obj_end(&w);
			break;
		case FMT_CSV:
			buf_add_csv(&b, r->m->id);
			buf_addc(&b, ',');
			buf_add_csv(&b, r->m->name);
			buf_addf(&b, ",%s,%zu,%zu,%zu,%zu,%s\r\n", network_of(r->m), lc[0].met, lc[0].total,
				 lc[1].met, lc[1].total, placement_name(r));
			break;
		case FMT_MD:
			buf_adds(&b, "| ");
			buf_add_md(&b, r->m->name);
			buf_addf(&b, " | %s | %s | %s | %s |\n", network_of(r->m), mins, best,
				 placement_name(r));
			break;
		default:
			table_add(&t, r->m->id, TONE_NONE);
			table_add(&t, r->m->name, TONE_NONE);
			table_add(&t, network_of(r->m), TONE_NONE);
			table_add(&t, mins, lc[0].met == lc[0].total ? TONE_PASS : TONE_FAIL);
			table_add(&t, best, TONE_NONE);
			table_add(&t, placement_name(r), r->placement ? TONE_HEAD : TONE_FAIL);
			break;
		}
	}
	switch (ctx->format) {
	case FMT_JSON:
		jw_arr_end(&w);
		jw_obj_end(&w);
		jw_finish(&w);
		break;
	case FMT_CSV:
	case FMT_MD:
		fwrite(b.s, 1, b.len, stdout);
		break;
	default:
		table_print(&t, stdout, ctx->color);
		table_release(&t);
		break;
	}
	buf_release(&b);
	eval_free(e);
	return EXIT_OK;
}
