/* stores.c - the stores adapter: is the app offered, in which version, released when.
 *
 * For every declared download with a store id on a channel that has a public API: Apple's
 * lookup (app-store), F-Droid's per-package API (f-droid), Flathub's appstream (flathub).
 * Observations: store.<channel>.offered, .version and .released. Apple says "not offered"
 * with resultCount 0; F-Droid and Flathub with a 404. */
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "probe.h"
#include "util.h"

typedef int (*app_parser)(const char *body, size_t len, struct arena *a, struct parsed_app *out,
			  struct buf *why);

static const struct store_api {
	const char *channel;
	const char *url;        /* printf format of the request, with the store id */
	app_parser parse;
	bool not_found_404;     /* a 404 means: not offered */
	bool has_date;
} apis[] = {
	{"app-store", "https://itunes.apple.com/lookup?id=%s&country=us", parse_apple_lookup, false, true},
	{"f-droid", "https://f-droid.org/api/v1/packages/%s", parse_fdroid_package, true, false},
	{"flathub", "https://flathub.org/api/v2/appstream/%s", parse_flathub_appstream, true, true},
};

static const struct store_api *api_of(const char *channel)
{
	for (size_t i = 0; i < ARRAY_SIZE(apis); i++)
		if (strcmp(apis[i].channel, channel) == 0)
			return &apis[i];
	return NULL;
}

/* A store id goes into a URL: letters, digits and . _ - only. */
static bool id_ok(const char *id)
{
	return *id && strlen(id) < 256 &&
	       strspn(id, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") == strlen(id);
}

static void stores_targets(struct probe_plan *p, const struct messenger *m, const struct fact *f)
{
	if (strncmp(f->path, "downloads[", 10) != 0 || !str_has_suffix(f->path, "].url"))
		return;
	char *key = xstrndup(f->path + 10, strlen(f->path) - 10 - strlen("].url"));
	const struct node *item = probe_item(m, "downloads", key);
	const char *channel = item ? node_str(item, "channel") : NULL;
	const char *id = item ? node_str(item, "store-id") : NULL;
	const struct store_api *api = channel ? api_of(channel) : NULL;
	if (api && id && id_ok(id)) {
		char *offered = xasprintf("store.%s.offered", channel);
		char *version = xasprintf("store.%s.version", channel);
		char *released = xasprintf("store.%s.released", channel);
		const char *facts[] = {offered, version, api->has_date ? released : NULL, NULL};
		/* one request per channel and store id (several platforms may share one) */
		bool dup = false;
		for (size_t i = 0; i < p->n; i++)
			if (p->v[i].m == m && p->v[i].ad == &probe_stores && strcmp(p->v[i].facts[0], offered) == 0)
				dup = true;
		if (!dup) {
			char *u = xasprintf(api->url, id);
			probe_target_add(p, m, &probe_stores, u, id, 0, facts);
			free(u);
		}
		free(offered);
		free(version);
		free(released);
	}
	free(key);
}

/* The channel of a target: its first fact is store.<channel>.offered. */
static const struct store_api *target_api(const struct probe_target *t)
{
	const char *c = t->facts[0] + strlen("store.");
	char *channel = xstrndup(c, strcspn(c, "."));
	const struct store_api *api = api_of(channel);
	free(channel);
	return api;
}

static int stores_answer(const struct probe_target *t, const struct probe_answer *a,
			 struct probe_out *out, struct buf *why)
{
	const struct store_api *api = target_api(t);
	if (a->status == 404) {
		probe_emit_bool(out, t->facts[0], false);
		return 0;
	}
	struct arena ar = ARENA_INIT;
	struct parsed_app app;
	int rc = api->parse(a->body, a->len, &ar, &app, why);
	if (rc == 0) {
		probe_emit_bool(out, t->facts[0], app.found);
		if (app.found) {
			probe_emit_str(out, t->facts[1], app.version);
			if (api->has_date && t->nfacts > 2)
				probe_emit_date(out, t->facts[2], app.released);
		}
	}
	arena_release(&ar);
	return rc;
}

static bool stores_tells(const struct probe_target *t, int status)
{
	return status == 404 && target_api(t)->not_found_404;
}

const struct probe_adapter probe_stores = {
	.kind = "stores",
	.summary = "Apple lookup, F-Droid and Flathub APIs, by the store id in the data: offered, version, released",
	.accept = "application/json",
	.targets = stores_targets,
	.answer = stores_answer,
	.tells = stores_tells,
};
