/* i18n.c - `msgvet i18n`: how much of each locale is translated, and what is missing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "jsonw.h"
#include "table.h"
#include "util.h"

/* One translatable string: where it lives and whether a locale has it. */
struct tstring {
	const char *file;
	char *key;
	const struct node *loc;        /* localized node (locale -> text), or NULL for catalogues */
	const struct node *prose;      /* messenger prose map (locale -> fields), or NULL */
};

struct tlist {
	struct tstring *v;
	size_t n, alloc;
};

static void add(struct tlist *l, const char *file, char *key, const struct node *loc,
		const struct node *prose)
{
	l->v = xgrow(l->v, sizeof(*l->v), l->n + 1, &l->alloc);
	l->v[l->n++] = (struct tstring){file, key, loc, prose};
}

static void collect(const struct model *m, struct tlist *l)
{
	for (size_t i = 0; i < m->ncriteria; i++) {
		const struct criteria *c = &m->criteria[i];
		add(l, c->file, xstrdup("title"), c->title, NULL);
		const char *pk[] = {"meta-title", "description", "intro"};
		for (size_t k = 0; k < ARRAY_SIZE(pk); k++)
			if (node_get(c->page, pk[k]))
				add(l, c->file, xasprintf("page.%s", pk[k]), node_get(c->page, pk[k]), NULL);
		for (size_t k = 0; k < c->ncrit; k++)
			add(l, c->file, xasprintf("criteria.%s.text", c->crit[k].id), c->crit[k].text, NULL);
		for (size_t k = 0; k < c->nnotes; k++)
			add(l, c->file, xasprintf("footnotes.%s.text", c->notes[k].id), c->notes[k].text, NULL);
		for (size_t k = 0; k < c->nsections; k++) {
			const struct section *s = &c->sections[k];
			add(l, c->file, xasprintf("sections.%s.title", s->id), s->title, NULL);
			if (s->intro)
				add(l, c->file, xasprintf("sections.%s.intro", s->id), s->intro, NULL);
			if (s->warning)
				add(l, c->file, xasprintf("sections.%s.warning", s->id), s->warning, NULL);
		}
	}
	for (size_t i = 0; i < m->nmessengers; i++) {
		const struct messenger *x = &m->messengers[i];
		const struct node *prose = node_get(x->root, "prose");
		const struct node *en = node_get(prose, "en");
		for (uint32_t k = 0; en && k < en->n; k++)
			add(l, x->file, xasprintf("prose.%s", node_keys(en)[k]), NULL, prose);
	}
}

static bool has(const struct model *m, const struct tstring *s, const char *locale)
{
	if (s->loc)
		return node_get(s->loc, locale) != NULL;
	if (s->prose)
		return node_get(node_get(s->prose, locale), s->key + 6) != NULL;
	(void)m;
	return false;
}

int cmd_i18n(struct ctx *ctx, int argc, char **argv)
{
	if (argc > 0)
		return usage_error(ctx, "unexpected argument '%s'", argv[0]);
	if (ctx_load(ctx) < 0)
		return EXIT_USAGE;
	const struct model *m = &ctx->model;
	const struct catalog *en = i18n_catalog(&m->i18n, "en");
	struct tlist l = {0};
	collect(m, &l);
	size_t total = l.n + (en ? en->n : 0);
	struct jsonw w;
	struct table t;
	if (ctx->format == FMT_JSON) {
		jw_init(&w, stdout);
		jw_obj(&w);
		jw_key(&w, "locales");
		jw_arr(&w);
	} else {
		table_init(&t, 4);
		table_add(&t, "locale", TONE_HEAD);
		table_add(&t, "translated", TONE_HEAD);
		table_add(&t, "total", TONE_HEAD);
		table_add(&t, "coverage", TONE_HEAD);
	}
	struct buf missing = BUF_INIT, report = BUF_INIT;
	for (size_t li = 0; li < m->i18n.n; li++) {
		const struct catalog *c = &m->i18n.cat[li];
		size_t done = 0;
		if (ctx->format == FMT_JSON) {
			jw_obj(&w);
			jw_kstr(&w, "locale", c->locale);
			jw_key(&w, "missing");
			jw_arr(&w);
		}
		const char *last_file = NULL;
		for (size_t i = 0; en && i < en->n; i++) {
			if (catalog_find(c, en->v[i].key)) {
				done++;
				continue;
			}
			if (ctx->format == FMT_JSON) {
				jw_obj(&w);
				jw_kstr(&w, "file", c->file);
				jw_kstr(&w, "key", en->v[i].key);
				jw_obj_end(&w);
			} else {
				if (!last_file || strcmp(last_file, "catalogue") != 0)
					buf_addf(&missing, "\n  %s:", c->file);
				last_file = "catalogue";
				buf_addf(&missing, " %s", en->v[i].key);
			}
		}
		for (size_t i = 0; i < l.n; i++) {
			if (has(m, &l.v[i], c->locale)) {
				done++;
				continue;
			}
			if (ctx->format == FMT_JSON) {
				jw_obj(&w);
				jw_kstr(&w, "file", l.v[i].file);
				jw_kstr(&w, "key", l.v[i].key);
				jw_obj_end(&w);
			} else {
				if (!last_file || strcmp(last_file, l.v[i].file) != 0)
					buf_addf(&missing, "\n  %s:", l.v[i].file);
				last_file = l.v[i].file;
				buf_addf(&missing, " %s", l.v[i].key);
			}
		}
		if (ctx->format == FMT_JSON) {
			jw_arr_end(&w);
			jw_key(&w, "total");
			jw_int(&w, (long)total);
			jw_key(&w, "translated");
			jw_int(&w, (long)done);
			jw_obj_end(&w);
		} else {
			char a[32], b[32], pc[32];
			snprintf(a, sizeof(a), "%zu", done);
			snprintf(b, sizeof(b), "%zu", total);
			snprintf(pc, sizeof(pc), "%zu%%", total ? done * 100 / total : 100);
			table_add(&t, c->locale, TONE_NONE);
			table_add(&t, a, TONE_NONE);
			table_add(&t, b, TONE_NONE);
			table_add(&t, pc, done == total ? TONE_PASS : TONE_UNKNOWN);
			if (missing.len) {
				buf_addf(&report, "\n%s: %zu missing, English is used instead:", c->locale,
					 total - done);
				buf_add(&report, missing.s, missing.len);
				buf_addc(&report, '\n');
				buf_reset(&missing);
			}
		}
	}
	if (ctx->format == FMT_JSON) {
		jw_arr_end(&w);
		jw_obj_end(&w);
		jw_finish(&w);
	} else {
		table_print(&t, stdout, ctx->color, ctx->width);
		table_release(&t);
		fputs(report.s, stdout);
	}
	buf_release(&report);
	buf_release(&missing);
	for (size_t i = 0; i < l.n; i++)
		free(l.v[i].key);
	free(l.v);
	return EXIT_OK;
}
