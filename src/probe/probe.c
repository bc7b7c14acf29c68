/* probe.c - the adapter table, the plan built from the fact walker, observation helpers. */
#include "probe.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util.h"

const struct probe_adapter *const probe_adapters[] = {&probe_forge, &probe_stores, &probe_feeds,
	&probe_matrix, &probe_links, &probe_repo};
const size_t probe_nadapters = ARRAY_SIZE(probe_adapters);

const struct probe_adapter *probe_adapter_find(const char *kind)
{
	for (size_t i = 0; i < probe_nadapters; i++)
		if (strcmp(probe_adapters[i]->kind, kind) == 0)
			return probe_adapters[i];
	return NULL;
}

struct walkctx {
	struct probe_plan *p;
	const struct messenger *m;
	unsigned mask;
};

static void on_fact(void *arg, const struct fact *f)
{
	struct walkctx *w = arg;
	if (!f->declared)
		return;
	for (size_t i = 0; i < probe_nadapters; i++)
		if (w->mask & (1u << i))
			probe_adapters[i]->targets(w->p, w->m, f);
}

void probe_plan_add(struct probe_plan *p, const struct messenger *m, unsigned mask, struct arena *a)
{
	struct walkctx w = {p, m, mask};
	fact_walk(NULL, m, a, on_fact, &w);
}

void probe_plan_release(struct probe_plan *p)
{
	for (size_t i = 0; i < p->n; i++) {
		struct probe_target *t = &p->v[i];
		free(t->url);
		free(t->subject);
		for (size_t k = 0; k < t->nfacts; k++)
			free(t->facts[k]);
		free(t->facts);
	}
	free(p->v);
	memset(p, 0, sizeof(*p));
}

struct probe_target *probe_target_add(struct probe_plan *p, const struct messenger *m,
				      const struct probe_adapter *ad, const char *url,
				      const char *subject, int role, const char *const *facts)
{
	p->v = xgrow(p->v, sizeof(*p->v), p->n + 1, &p->alloc);
	struct probe_target *t = &p->v[p->n++];
	memset(t, 0, sizeof(*t));
	t->m = m;
	t->ad = ad;
	t->url = xstrdup(url);
	t->subject = xstrdup(subject);
	t->role = role;
	while (facts && facts[t->nfacts])
		t->nfacts++;
	t->facts = xcalloc(t->nfacts + 1, sizeof(*t->facts));
	for (size_t k = 0; k < t->nfacts; k++)
		t->facts[k] = xstrdup(facts[k]);
	return t;
}

void probe_emit(struct probe_out *out, const char *fact, const char *value, const char *reason)
{
	out->v = xgrow(out->v, sizeof(*out->v), out->n + 1, &out->alloc);
	struct probe_obs *o = &out->v[out->n++];
	o->fact = xstrdup(fact);
	o->value = value ? xstrdup(value) : NULL;
	o->reason = value ? NULL : xstrdup(reason ? reason : "no answer");
}

void probe_emit_str(struct probe_out *out, const char *fact, const char *s)
{
	if (!s || !*s) {
		probe_emit(out, fact, NULL, "the answer gives no value");
		return;
	}
	struct buf b = BUF_INIT;
	buf_add_json(&b, s);
	probe_emit(out, fact, b.s, NULL);
	buf_release(&b);
}

void probe_emit_bool(struct probe_out *out, const char *fact, bool v)
{
	probe_emit(out, fact, v ? "true" : "false", NULL);
}

void probe_emit_date(struct probe_out *out, const char *fact, const char *s)
{
	char date[11] = "";
	long days;
	if (s && *s && strspn(s, "0123456789") == strlen(s) && strlen(s) <= 12) {
		time_t t = (time_t)strtoll(s, NULL, 10);
		struct tm tm;
		if (gmtime_r(&t, &tm))
			strftime(date, sizeof(date), "%Y-%m-%d", &tm);
	} else if (s && strlen(s) >= 10 && (s[10] == '\0' || s[10] == 'T' || s[10] == ' ')) {
		memcpy(date, s, 10);
		date[10] = '\0';
	}
	if (!*date || date_parse(date, &days) < 0) {
		struct buf why = BUF_INIT;
		buf_addf(&why, "the answer's date is not a date: ");
		buf_add_json(&why, s ? s : "");
		probe_emit(out, fact, NULL, why.s);
		buf_release(&why);
		return;
	}
	char q[16];
	snprintf(q, sizeof(q), "\"%s\"", date);
	probe_emit(out, fact, q, NULL);
}

void probe_fail_all(struct probe_out *out, const struct probe_target *t, const char *reason)
{
	for (size_t k = 0; k < t->nfacts; k++)
		probe_emit(out, t->facts[k], NULL, reason);
}

void probe_out_release(struct probe_out *out)
{
	for (size_t i = 0; i < out->n; i++) {
		free(out->v[i].fact);
		free(out->v[i].value);
		free(out->v[i].reason);
	}
	free(out->v);
	memset(out, 0, sizeof(*out));
}

const struct node *probe_item(const struct messenger *m, const char *list, const char *key)
{
	const struct node *l = node_get(m->root, list);
	for (uint32_t i = 0; l && i < l->n; i++)
		if (l->kids[i]->key && strcmp(l->kids[i]->key, key) == 0)
			return l->kids[i];
	return NULL;
}

void probe_target_add_fact(struct probe_target *t, const char *fact)
{
	t->facts = xrealloc(t->facts, (t->nfacts + 2) * sizeof(*t->facts));
	t->facts[t->nfacts++] = xstrdup(fact);
	t->facts[t->nfacts] = NULL;
}

bool probe_repository_fact(const struct messenger *m, const struct fact *f, const char **list,
			   char **key, bool *primary)
{
	bool client = strncmp(f->path, "clients[", 8) == 0, server = strncmp(f->path, "servers[", 8) == 0;
	if (!(client || server) || !str_has_suffix(f->path, "].repository") || !f->declared ||
	    !f->declared->str)
		return false;
	*list = client ? "clients" : "servers";
	size_t klen = strlen(f->path) - strlen(*list) - 1 - strlen("].repository");
	*key = xstrndup(f->path + strlen(*list) + 1, klen);
	/* the first client as written in the file (the loader orders the list by key) */
	const struct node *l = node_get(m->root, *list);
	const struct node *first = NULL;
	for (uint32_t i = 0; client && l && i < l->n; i++)
		if (!first || l->kids[i]->line < first->line)
			first = l->kids[i];
	*primary = first && first->key && strcmp(first->key, *key) == 0;
	return true;
}
