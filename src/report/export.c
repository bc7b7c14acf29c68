/* export.c - CSV and JSON exports of evaluations. */
#include "export.h"

#include <string.h>

#include "jsonw.h"
#include "present.h"
#include "util.h"

void export_csv(const struct evaluation *e, struct buf *b, bool header)
{
	if (header)
		buf_adds(b, "criteria,messenger,name,placement,criterion,level,result,status,facts,sources\r\n");
	struct buf facts = BUF_INIT, sources = BUF_INIT;
	for (size_t i = 0; i < e->n; i++) {
		const struct messenger_result *r = &e->v[i];
		for (size_t k = 0; k < e->c->ncrit; k++) {
			const struct crit_result *cr = &r->results[k];
			buf_reset(&facts);
			buf_reset(&sources);
			for (size_t j = 0; j < cr->nev; j++) {
				const struct fact *ev = &cr->ev[j];
				const char *src = ev->meta ? ev->meta->source : NULL;
				buf_addf(&facts, "%s%s=", j ? "; " : "", ev->path);
				fact_text(&facts, ev);
				bool seen = false;
				for (size_t q = 0; q < j && !seen; q++)
					seen = cr->ev[q].meta && cr->ev[q].meta->source && src &&
					       strcmp(cr->ev[q].meta->source, src) == 0;
				if (src && !seen)
					buf_addf(&sources, "%s%s", sources.len ? " " : "", src);
			}
			const char *cells[] = {criteria_spec(e->c), r->m->id, r->m->name,
					       placement_name(r), cr->crit->id,
					       level_name(cr->crit->level), verdict_name(cr->verdict),
					       obs_status_name(cr->status), facts.s, sources.s};
			for (size_t c = 0; c < ARRAY_SIZE(cells); c++) {
				if (c)
					buf_addc(b, ',');
				buf_add_csv(b, cells[c]);
			}
			buf_adds(b, "\r\n");
		}
	}
	buf_release(&facts);
	buf_release(&sources);
}

static void jw_localized(struct jsonw *w, const char *key, const struct node *loc)
{
	if (!loc)
		return;
	jw_key(w, key);
	jw_node(w, loc);
}

void export_json(const struct model *m, struct evaluation *const *evals, size_t n,
		 struct buf *out)
{
	struct jsonw w;
	jw_init(&w, NULL);
	jw_obj(&w);
	jw_key(&w, "criteria");
	jw_arr(&w);
	for (size_t i = 0; i < n; i++) {
		const struct evaluation *e = evals[i];
		const struct criteria *c = e->c;
		jw_obj(&w);
		jw_kstr(&w, "category", c->category);
		jw_key(&w, "criteria");
		jw_arr(&w);
		for (size_t k = 0; k < c->ncrit; k++) {
			jw_obj(&w);
			jw_kstr(&w, "id", c->crit[k].id);
			jw_kstr(&w, "level", level_name(c->crit[k].level));
			jw_localized(&w, "text", c->crit[k].text);
			jw_obj_end(&w);
		}
		jw_arr_end(&w);
		jw_kstr(&w, "id", criteria_spec(c));
		jw_key(&w, "results");
		jw_arr(&w);
		for (size_t j = 0; j < e->n; j++) {
			const struct messenger_result *r = &e->v[j];
			jw_obj(&w);
			jw_key(&w, "counts");
			jw_counts(&w, r);
			jw_kstr(&w, "messenger", r->m->id);
			jw_kstr(&w, "placement", placement_name(r));
			jw_key(&w, "results");
			jw_arr(&w);
			for (size_t k = 0; k < c->ncrit; k++)
				jw_crit_result(&w, &r->results[k]);
			jw_arr_end(&w);
			jw_obj_end(&w);
		}
		jw_arr_end(&w);
		jw_key(&w, "sections");
		jw_arr(&w);
		for (size_t s = 0; s < c->nsections; s++) {
			jw_obj(&w);
			jw_kstr(&w, "id", c->sections[s].id);
			jw_localized(&w, "title", c->sections[s].title);
			jw_obj_end(&w);
		}
		jw_arr_end(&w);
		jw_kstr(&w, "version", c->version);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	char date[11];
	date_format(n ? evals[0]->now : 0, date);
	jw_kstr(&w, "evaluated", date);
	jw_key(&w, "messengers");
	jw_arr(&w);
	for (size_t i = 0; i < m->nmessengers; i++) {
		const struct messenger *x = &m->messengers[i];
		jw_obj(&w);
		jw_key(&w, "facts");
		jw_messenger_facts(&w, n ? evals[0]->fs : NULL, x);
		jw_kstr(&w, "file", x->file);
		jw_kstr(&w, "id", x->id);
		jw_kstr(&w, "logo", node_str(x->root, "logo"));
		jw_kstr(&w, "name", x->name);
		jw_localized(&w, "prose", node_get(x->root, "prose"));
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_kstr(&w, "schema", EXPORT_SCHEMA);
	jw_obj_end(&w);
	jw_finish_buf(&w, out);
}
