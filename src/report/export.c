/* export.c - CSV and JSON exports of evaluations. */
#include "export.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "fsutil.h"
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

int export_read_placements(const char *path, struct placements *p, struct buf *err)
{
	memset(p, 0, sizeof(*p));
	size_t len;
	char *text = read_file(path, 256u << 20, &len);
	if (!text) {
		if (errno == ENOENT)
			return 1;
		buf_addf(err, "%s: cannot read: %s", path, strerror(errno));
		return -1;
	}
	cJSON *doc = cJSON_ParseWithLength(text, len);
	free(text);
	const cJSON *schema = cJSON_GetObjectItemCaseSensitive(doc, "schema");
	const cJSON *crit = cJSON_GetObjectItemCaseSensitive(doc, "criteria");
	if (!cJSON_IsString(schema) || strncmp(schema->valuestring, "msgvet-export/", 14) != 0 ||
	    !cJSON_IsArray(crit)) {
		buf_addf(err, "%s: not a msgvet export (expected an object with \"schema\": \"msgvet-export/N\" and \"criteria\")",
			 path);
		cJSON_Delete(doc);
		return -1;
	}
	const cJSON *c;
	cJSON_ArrayForEach(c, crit) {
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(c, "id");
		const cJSON *results = cJSON_GetObjectItemCaseSensitive(c, "results");
		const cJSON *r;
		if (!cJSON_IsString(id) || !cJSON_IsArray(results))
			continue;
		cJSON_ArrayForEach(r, results) {
			const cJSON *m = cJSON_GetObjectItemCaseSensitive(r, "messenger");
			const cJSON *pl = cJSON_GetObjectItemCaseSensitive(r, "placement");
			if (!cJSON_IsString(m) || !cJSON_IsString(pl))
				continue;
			p->v = xgrow(p->v, sizeof(*p->v), p->n + 1, &p->alloc);
			p->v[p->n].criteria = xstrdup(id->valuestring);
			p->v[p->n].messenger = xstrdup(m->valuestring);
			p->v[p->n].placement = xstrdup(pl->valuestring);
			p->n++;
		}
	}
	cJSON_Delete(doc);
	return 0;
}

void export_placements_release(struct placements *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->v[i].criteria);
		free(p->v[i].messenger);
		free(p->v[i].placement);
	}
	free(p->v);
	memset(p, 0, sizeof(*p));
}

/* Why r is placed as it is, briefly: each deciding criterion with its result, and where the
 * first fact in doubt is declared. */
static void brief_reason(struct buf *b, const struct criteria *c, const struct messenger_result *r)
{
	const struct crit_result **rs = xcalloc(c->ncrit + 1, sizeof(*rs));
	size_t n = eval_placement_reasons(c, r, rs, c->ncrit);
	for (size_t i = 0; i < n && r->placement_index != 0; i++) {
		buf_addf(b, "%s%s: %s", i ? "; " : "", rs[i]->crit->id, verdict_name(rs[i]->verdict));
		for (size_t j = 0; j < rs[i]->nev; j++) {
			const struct fact *f = &rs[i]->ev[j];
			if (!f->doubt)
				continue;
			if (f->line)
				buf_addf(b, ", %s:%u", f->file, f->line);
			else
				buf_addf(b, ", %s not in %s", f->path, f->file);
			break;
		}
	}
	free(rs);
}

size_t export_placement_changes(const struct evaluation *e, const struct placements *p,
				struct buf *out)
{
	const char *spec = criteria_spec(e->c);
	bool known = false;
	for (size_t i = 0; i < p->n && !known; i++)
		known = strcmp(p->v[i].criteria, spec) == 0;
	if (!known)
		return 0;
	size_t changes = 0;
	for (size_t i = 0; i < e->n; i++) {
		const struct messenger_result *r = &e->v[i];
		const char *old = NULL;
		for (size_t k = 0; k < p->n && !old; k++)
			if (strcmp(p->v[k].criteria, spec) == 0 && strcmp(p->v[k].messenger, r->m->id) == 0)
				old = p->v[k].placement;
		const char *now = placement_name(r);
		if (old && strcmp(old, now) == 0)
			continue;
		buf_addf(out, "%s: %s: %s -> %s", spec, r->m->id, old ? old : "(new)", now);
		struct buf why = BUF_INIT;
		brief_reason(&why, e->c, r);
		if (why.len)
			buf_addf(out, " (%s)", why.s);
		buf_release(&why);
		buf_addc(out, '\n');
		changes++;
	}
	return changes;
}
