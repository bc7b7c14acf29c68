/* links.c - the links adapter: every URL declared in the data, fetched once per messenger.
 *
 * A URL that answers 2xx (after at most the engine's redirects, https only) is observed as
 * the declared URL: the fact is confirmed; where it ended is kept as the final URL. A privacy
 * policy's body is hashed, so a change of its text shows in the store. Any other outcome is a
 * failed observation with the reason. */
#include <string.h>

#include "probe.h"
#include "schema.h"
#include "util.h"

static void links_targets(struct probe_plan *p, const struct messenger *m, const struct fact *f)
{
	if (!f->type || f->type->kind != ST_URL || !f->declared->str ||
	    strncmp(f->declared->str, "https://", 8) != 0)
		return;
	if (strncmp(f->path, "update-feeds[", 13) == 0)
		return; /* the feeds adapter fetches and confirms these */
	const char *url = f->declared->str;
	struct probe_target *t = NULL;
	for (size_t i = 0; i < p->n && !t; i++)
		if (p->v[i].m == m && p->v[i].ad == &probe_links && strcmp(p->v[i].url, url) == 0)
			t = &p->v[i];
	if (t)
		probe_target_add_fact(t, f->path);
	else
		t = probe_target_add(p, m, &probe_links, url, url, 0, (const char *const[]){f->path, NULL});
	if (strcmp(f->path, "links.privacy-policy") == 0)
		t->policy = true;
}

static int links_answer(const struct probe_target *t, const struct probe_answer *a,
			struct probe_out *out, struct buf *why)
{
	(void)a;
	(void)why;
	struct buf v = BUF_INIT;
	buf_add_json(&v, t->subject);
	for (size_t k = 0; k < t->nfacts; k++)
		probe_emit(out, t->facts[k], v.s, NULL);
	buf_release(&v);
	return 0;
}

const struct probe_adapter probe_links = {
	.kind = "links",
	.summary = "every declared URL: reachable over https, final URL, content hash of privacy policies",
	.accept = NULL,
	.targets = links_targets,
	.answer = links_answer,
	.tells = NULL,
};
