/* feeds.c - the update feed adapter: the version a messenger's own update feeds announce.
 *
 * For every update feed declared in data (update-feeds: url, format, platform, package), one
 * request of its URL, parsed by its format: Signal Desktop's electron-builder YAML
 * (electron-yaml), Signal Android's latest.json (signal-android-json), Element Desktop's
 * releases.json (element-releases-json), an apt Packages index (apt-packages: the highest
 * version of the package, in Debian order). Observations: feed.<platform>.version, and
 * feed.<platform>.released where the format dates its release; a feed that answers in its
 * format also confirms its declared URL (the links adapter leaves these URLs to this one). */
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "probe.h"
#include "util.h"

typedef int (*feed_parser)(const char *body, size_t len, const char *package, struct arena *a,
			   struct parsed_feed *out, struct buf *why);

static int electron_yaml(const char *body, size_t len, const char *package, struct arena *a,
			 struct parsed_feed *out, struct buf *why)
{
	(void)package;
	return parse_signal_desktop_yaml(body, len, a, out, why);
}

static int signal_android(const char *body, size_t len, const char *package, struct arena *a,
			  struct parsed_feed *out, struct buf *why)
{
	(void)package;
	return parse_signal_android_json(body, len, a, out, why);
}

static int element_releases(const char *body, size_t len, const char *package, struct arena *a,
			    struct parsed_feed *out, struct buf *why)
{
	(void)package;
	return parse_element_releases(body, len, a, out, why);
}

/* The formats of the schema's enum, in its order (role is the index). */
static const struct feed_format {
	const char *name;
	feed_parser parse;
	bool has_date;
	const char *accept;
} formats[] = {
	{"electron-yaml", electron_yaml, true, "application/x-yaml, text/yaml, */*"},
	{"signal-android-json", signal_android, false, "application/json"},
	{"element-releases-json", element_releases, true, "application/json"},
	{"apt-packages", parse_apt_packages, false, "text/plain, */*"},
};

static int format_index(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(formats); i++)
		if (strcmp(formats[i].name, name) == 0)
			return (int)i;
	return -1;
}

static void feeds_targets(struct probe_plan *p, const struct messenger *m, const struct fact *f)
{
	if (strncmp(f->path, "update-feeds[", 13) != 0 || !str_has_suffix(f->path, "].url") ||
	    !f->declared->str)
		return;
	char *key = xstrndup(f->path + 13, strlen(f->path) - 13 - strlen("].url"));
	const struct node *item = probe_item(m, "update-feeds", key);
	const char *format = item ? node_str(item, "format") : NULL;
	const char *platform = item ? node_str(item, "platform") : NULL;
	int fi = format ? format_index(format) : -1;
	if (fi >= 0 && platform) {
		char *version = xasprintf("feed.%s.version", platform);
		char *released = xasprintf("feed.%s.released", platform);
		const char *facts[] = {f->path, version, formats[fi].has_date ? released : NULL, NULL};
		probe_target_add(p, m, &probe_feeds, f->declared->str, f->declared->str, fi, facts)->accept =
			formats[fi].accept;
		free(version);
		free(released);
	}
	free(key);
}

static int feeds_answer(const struct probe_target *t, const struct probe_answer *a,
			struct probe_out *out, struct buf *why)
{
	const struct feed_format *fmt = &formats[t->role];
	const struct node *item = probe_item(t->m, "update-feeds", t->subject);
	const char *package = item ? node_str(item, "package") : NULL;
	if (!package && fmt->parse == parse_apt_packages) {
		buf_adds(why, "the apt-packages feed names no package");
		return -1;
	}
	struct arena ar = ARENA_INIT;
	struct parsed_feed feed;
	int rc = fmt->parse(a->body, a->len, package, &ar, &feed, why);
	if (rc == 0) {
		struct buf u = BUF_INIT;
		buf_add_json(&u, t->subject);
		probe_emit(out, t->facts[0], u.s, NULL);
		buf_release(&u);
		probe_emit_str(out, t->facts[1], feed.version);
		if (t->nfacts > 2 && feed.released)
			probe_emit_date(out, t->facts[2], feed.released);
		else if (t->nfacts > 2)
			probe_emit(out, t->facts[2], NULL, "the feed dates no release of that version");
	}
	arena_release(&ar);
	return rc;
}

const struct probe_adapter probe_feeds = {
	.kind = "feeds",
	.summary = "update feeds declared in data (Signal's YAML and JSON, Element's releases.json, apt Packages): latest version per platform",
	.accept = NULL,
	.targets = feeds_targets,
	.answer = feeds_answer,
	.tells = NULL,
};
