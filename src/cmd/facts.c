/* facts.c - `msgvet facts [ID...]`: every fact, with its source, checked date and status;
 * with --by-source, grouped by the URL that backs them. */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "present.h"
#include "util.h"

/* A fact kept for printing (the walker's strings live in the arena). */
struct row {
	const struct messenger *m;
	struct fact f;
	long checked; /* days; LONG_MIN when never checked */
	size_t seq;   /* walker order, for a stable sort */
};

struct rows {
	struct row *v;
	size_t n, alloc;
	const struct messenger *m;
	long cutoff;  /* keep facts checked before this day; LONG_MAX keeps all */
};

static void keep(void *ctx, const struct fact *f)
{
	struct rows *rs = ctx;
	long days = LONG_MIN;
	if (f->meta && f->meta->checked)
		date_parse(f->meta->checked, &days);
	if (rs->cutoff != LONG_MAX && (!f->declared || days >= rs->cutoff))
		return; /* only declared facts are checked by hand */
	rs->v = xgrow(rs->v, sizeof(*rs->v), rs->n + 1, &rs->alloc);
	struct row *r = &rs->v[rs->n];
	r->m = rs->m;
	r->f = *f;
	r->checked = days;
	r->seq = rs->n++;
}

/* Oldest first (never checked before all), then walker order. */
static int cmp_age(const void *pa, const void *pb)
{
	const struct row *a = pa, *b = pb;
	if (a->checked != b->checked)
		return a->checked < b->checked ? -1 : 1;
	return (a->seq > b->seq) - (a->seq < b->seq);
}

/* The source a fact is declared with (its own or its enclosing mapping's), or NULL. */
static const char *row_source(const struct row *r)
{
	return r->f.meta ? r->f.meta->source : NULL;
}

/* By source URL (bytewise; the facts without one last), then in the order listed. */
static int cmp_source(const void *pa, const void *pb)
{
	const struct row *a = pa, *b = pb;
	const char *sa = row_source(a), *sb = row_source(b);
	if (sa != sb && (!sa || !sb))
		return sa ? -1 : 1;
	int c = sa && sb ? strcmp(sa, sb) : 0;
	if (c)
		return c;
	return (a->seq > b->seq) - (a->seq < b->seq);
}

/* Whether rows a and b belong to one group of --by-source. */
static bool same_source(const struct row *a, const struct row *b)
{
	const char *sa = row_source(a), *sb = row_source(b);
	return sa == sb || (sa && sb && strcmp(sa, sb) == 0);
}

/* The "messengers" array of rows [from, to): an object per run of one messenger's facts. */
static void json_messengers(struct jsonw *w, const struct row *v, size_t from, size_t to)
{
	jw_key(w, "messengers");
	jw_arr(w);
	for (size_t i = from; i < to;) {
		const struct messenger *m = v[i].m;
		jw_obj(w);
		jw_key(w, "facts");
		jw_arr(w);
		for (; i < to && v[i].m == m; i++)
			jw_fact(w, &v[i].f);
		jw_arr_end(w);
		jw_kstr(w, "id", m->id);
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

static void print_json(const struct rows *rs, const struct ctx *ctx, bool by_source)
{
	struct jsonw w;
	jw_init(&w, stdout);
	jw_obj(&w);
	if (!by_source)
		json_messengers(&w, rs->v, 0, rs->n);
	char now[11];
	date_format(ctx->now, now);
	jw_kstr(&w, "now", now);
	if (ctx->opt[OPT_OLDER_THAN]) {
		jw_key(&w, "older-than");
		jw_int(&w, strtol(ctx->opt[OPT_OLDER_THAN], NULL, 10));
	}
	if (by_source) {
		jw_key(&w, "sources");
		jw_arr(&w);
		for (size_t i = 0, j; i < rs->n; i = j) {
			for (j = i + 1; j < rs->n && same_source(&rs->v[i], &rs->v[j]); j++)
				;
			jw_obj(&w);
			json_messengers(&w, rs->v, i, j);
			jw_kstr(&w, "url", row_source(&rs->v[i]));
			jw_obj_end(&w);
		}
		jw_arr_end(&w);
	}
	jw_obj_end(&w);
	jw_finish(&w);
}

/* One CSV record of n cells, CRLF-terminated. */
static void add_csv_row(struct buf *b, const char *const *cells, size_t n)
{
	for (size_t c = 0; c < n; c++) {
		if (c)
			buf_addc(b, ',');
		buf_add_csv(b, cells[c]);
	}
	buf_adds(b, "\r\n");
}

static void print_csv(const struct rows *rs)
{
	struct buf b = BUF_INIT, v = BUF_INIT;
	buf_adds(&b, "messenger,fact,value,checked,source,status,observed,file,line\r\n");
	for (size_t i = 0; i < rs->n; i++) {
		const struct fact *f = &rs->v[i].f;
		buf_reset(&v);
		if (f->obs && f->obs->value)
			fact_value_text(&v, f->obs->value);
		char line[16];
		snprintf(line, sizeof(line), "%u", f->line);
		struct buf val = BUF_INIT;
		const char *cells[] = {rs->v[i].m->id, f->path, f->value ? fact_text(&val, f) : "",
				       f->meta && f->meta->checked ? f->meta->checked : "",
				       f->meta && f->meta->source ? f->meta->source : "",
				       obs_status_name(f->status), v.s, f->file, f->line ? line : ""};
		add_csv_row(&b, cells, ARRAY_SIZE(cells));
		buf_release(&val);
	}
	fwrite(b.s, 1, b.len, stdout);
	buf_release(&b);
	buf_release(&v);
}

/* --by-source as CSV: one line per fact, the source first. */
static void print_csv_by_source(const struct rows *rs)
{
	struct buf b = BUF_INIT;
	buf_adds(&b, "source,messenger,fact,value,checked,note\r\n");
	for (size_t i = 0; i < rs->n; i++) {
		const struct fact *f = &rs->v[i].f;
		struct buf val = BUF_INIT;
		const char *src = row_source(&rs->v[i]);
		const char *cells[] = {src ? src : "", rs->v[i].m->id, f->path,
				       f->value ? fact_text(&val, f) : "",
				       f->meta && f->meta->checked ? f->meta->checked : "",
				       f->meta && f->meta->note ? f->meta->note : ""};
		add_csv_row(&b, cells, ARRAY_SIZE(cells));
		buf_release(&val);
	}
	fwrite(b.s, 1, b.len, stdout);
	buf_release(&b);
}

/* What the text formats say when nothing is listed. */
static void print_none(const struct rows *rs, const struct ctx *ctx)
{
	if (rs->n == 0)
		printf(ctx->opt[OPT_OLDER_THAN] ? "no fact was checked more than %s days ago\n" : "no facts\n",
		       ctx->opt[OPT_OLDER_THAN]);
}

static void print_text(const struct rows *rs, const struct ctx *ctx)
{
	struct table t;
	table_init(&t, 5);
	const char *head[] = {"fact", "value", "checked", "status", "source"};
	for (size_t i = 0; i < rs->n;) {
		const struct messenger *m = rs->v[i].m;
		printf("%s%s (%s)\n\n", i ? "\n" : "", m->name, m->file);
		for (size_t k = 0; k < ARRAY_SIZE(head); k++)
			table_add(&t, head[k], TONE_HEAD);
		for (; i < rs->n && rs->v[i].m == m; i++) {
			const struct fact *f = &rs->v[i].f;
			struct buf v = BUF_INIT;
			table_add(&t, f->path, TONE_NONE);
			table_add(&t, fact_text(&v, f), f->value ? TONE_NONE : TONE_UNKNOWN);
			table_add(&t, f->meta && f->meta->checked ? f->meta->checked : "never",
				  f->meta && f->meta->checked ? TONE_NONE : TONE_FAIL);
			table_add(&t, obs_status_name(f->status),
				  f->status == OBS_CONTRADICTED || f->status == OBS_FAILED ? TONE_FAIL : TONE_DIM);
			table_add(&t, f->meta && f->meta->source ? f->meta->source : "-", TONE_DIM);
			buf_release(&v);
		}
		table_print(&t, stdout, ctx->color, ctx->width);
		table_release(&t);
		table_init(&t, 5);
	}
	table_release(&t);
	print_none(rs, ctx);
}

/* --by-source as text: each URL (then "no source"), and a table of the facts it backs. */
static void print_text_by_source(const struct rows *rs, const struct ctx *ctx)
{
	const char *head[] = {"messenger", "fact", "value", "checked"};
	for (size_t i = 0; i < rs->n;) {
		const struct row *first = &rs->v[i];
		printf("%s%s\n\n", i ? "\n" : "", row_source(first) ? row_source(first) : "no source");
		struct table t;
		table_init(&t, ARRAY_SIZE(head));
		for (size_t k = 0; k < ARRAY_SIZE(head); k++)
			table_add(&t, head[k], TONE_HEAD);
		for (; i < rs->n && same_source(first, &rs->v[i]); i++) {
			const struct fact *f = &rs->v[i].f;
			struct buf v = BUF_INIT;
			table_add(&t, rs->v[i].m->id, TONE_NONE);
			table_add(&t, f->path, TONE_NONE);
			table_add(&t, fact_text(&v, f), f->value ? TONE_NONE : TONE_UNKNOWN);
			table_add(&t, f->meta && f->meta->checked ? f->meta->checked : "never",
				  f->meta && f->meta->checked ? TONE_NONE : TONE_FAIL);
			buf_release(&v);
		}
		table_print(&t, stdout, ctx->color, ctx->width);
		table_release(&t);
	}
	print_none(rs, ctx);
}

int cmd_facts(struct ctx *ctx, int argc, char **argv)
{
	long cutoff = LONG_MAX;
	if (ctx->opt[OPT_OLDER_THAN]) {
		const char *s = ctx->opt[OPT_OLDER_THAN];
		char *end;
		errno = 0;
		long days = strtol(s, &end, 10);
		if (!*s || *end || errno || days < 0 || days > 100000)
			return usage_error(ctx, "--older-than '%s' is not a number of days (0 to 100000)", s);
		cutoff = ctx->now - days;
	}
	if (ctx_load(ctx) < 0)
		return EXIT_USAGE;
	const struct model *md = &ctx->model;
	const struct messenger **ms = xcalloc((size_t)argc + md->nmessengers + 1, sizeof(*ms));
	size_t n = 0;
	for (int i = 0; i < argc; i++) {
		const struct messenger *m = ctx_messenger(ctx, argv[i]);
		if (!m) {
			free(ms);
			return EXIT_USAGE;
		}
		ms[n++] = m;
	}
	if (argc == 0)
		for (size_t i = 0; i < md->nmessengers; i++)
			ms[n++] = &md->messengers[i];
	struct arena a = ARENA_INIT;
	struct rows rs = {NULL, 0, 0, NULL, cutoff};
	for (size_t i = 0; i < n; i++) {
		rs.m = ms[i];
		size_t from = rs.n;
		fact_walk(&ctx->facts, ms[i], &a, keep, &rs);
		if (cutoff != LONG_MAX && rs.n - from > 1)
			qsort(rs.v + from, rs.n - from, sizeof(*rs.v), cmp_age);
	}
	bool by_source = ctx->opt[OPT_BY_SOURCE] != NULL;
	if (by_source) {
		for (size_t i = 0; i < rs.n; i++)
			rs.v[i].seq = i; /* the order listed, --older-than's included */
		if (rs.n > 1)
			qsort(rs.v, rs.n, sizeof(*rs.v), cmp_source);
	}
	switch (ctx->format) {
	case FMT_JSON: print_json(&rs, ctx, by_source); break;
	case FMT_CSV: by_source ? print_csv_by_source(&rs) : print_csv(&rs); break;
	default: by_source ? print_text_by_source(&rs, ctx) : print_text(&rs, ctx); break;
	}
	free(rs.v);
	arena_release(&a);
	free(ms);
	return EXIT_OK;
}
