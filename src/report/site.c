/* site.c - the HTML comparison site: Mustache contexts for the matrix and the messenger pages,
 * Markdown through md4c, and the rendering of templates/site/. */
#include "site.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <md4c-html.h>

#include "diag.h"
#include "fsutil.h"
#include "i18n.h"
#include "mustache.h"
#include "tmplfile.h"
#include "node.h"
#include "present.h"
#include "schema.h"
#include "util.h"

#define SITE_DIR "compare"
/* The source locale: its catalogue has every string, and its site is SITE_DIR itself; another
 * locale's is SITE_DIR/<locale>/, as its pages are docs/<locale>/. */
#define LOCALE "en"

/* What one rendering of the site reads: the model (its catalogues), the locale it is written
 * in, and the locales the site is built in (for the links between their copies of a page).
 * All borrowed. */
/* Output bytes the matrix may use per messenger and criteria version, beyond
 * MUSTACHE_MAX_OUTPUT (a row of the bundled templates takes about 1.7 KiB). */
#define SITE_ROW_BUDGET (8u << 10)

struct site_ctx {
	const struct model *m;
	const char *locale;
	const char *const *locales;
	size_t nlocales;
};

/* The strings the site's templates and this file use (keys outside site. are shared with the
 * guide's page). Their text comes from the catalogues only (templates/i18n/en.yml for English):
 * site_check_strings() refuses a catalogue that lacks one. */
static const char *const site_strings[] = {
	"criteria.best-case",
	"criteria.heading",
	"criteria.minimum",
	"downloads",
	"links.contribute",
	"links.documentation",
	"links.homepage",
	"links.privacy-policy",
	"links.source-code",
	"site.audits.auditor",
	"site.audits.date",
	"site.audits.heading",
	"site.audits.independent",
	"site.audits.none",
	"site.audits.report",
	"site.audits.scope",
	"site.back",
	"site.badge.link",
	"site.changes.heading",
	"site.changes.intro",
	"site.changes.link",
	"site.changes.new",
	"site.changes.none",
	"site.changes.nothing",
	"site.changes.old",
	"site.changes.placement",
	"site.changes.what",
	"site.chart.date",
	"site.chart.heading",
	"site.chart.series",
	"site.channel.direct",
	"site.colon",
	"site.col.criterion",
	"site.col.evidence",
	"site.col.messenger",
	"site.col.placement",
	"site.col.verdict",
	"site.developer",
	"site.downloads.caption",
	"site.downloads.channel",
	"site.downloads.link",
	"site.downloads.none",
	"site.downloads.platform",
	"site.evaluated",
	"site.evidence.checked",
	"site.evidence.missing",
	"site.evidence.none",
	"site.evidence.observed",
	"site.evidence.source",
	"site.evidence.undated",
	"site.evidence.unsourced",
	"site.facts.anonymous",
	"site.facts.network",
	"site.facts.note",
	"site.facts.phone",
	"site.facts.unknown",
	"site.filter.any",
	"site.filter.criterion",
	"site.filter.desktop",
	"site.filter.heading",
	"site.filter.none",
	"site.filter.placement",
	"site.filter.platform",
	"site.filter.reset",
	"site.filter.shown",
	"site.filter.version",
	"site.footer",
	"site.history.caption",
	"site.history.heading",
	"site.intro",
	"site.language",
	"site.languages",
	"site.legend.heading",
	"site.legend.na",
	"site.legend.fail",
	"site.legend.pass",
	"site.legend.unknown",
	"site.links.heading",
	"site.matrix.caption",
	"site.met",
	"site.newest",
	"site.no",
	"site.notes.heading",
	"site.placement.added-later",
	"site.placement.discontinued",
	"site.placement.excluded",
	"site.placement.moved",
	"site.placement.not-listed",
	"site.placement.undetermined",
	"site.probe.heading",
	"site.probe.none",
	"site.probe.observed",
	"site.probe.caption",
	"site.probe.status",
	"site.setup.heading",
	"site.skip",
	"site.title",
	"site.toc",
	"site.verdict.fail",
	"site.verdict.na",
	"site.verdict.pass",
	"site.verdict.unknown",
	"site.verdicts.caption",
	"site.verdicts.heading",
	"site.verdicts.version",
	"site.yes",
	/* filled in by this file */
	"site.badge.text",
	"site.changes.caption-facts",
	"site.changes.caption-shifts",
	"site.changes.first",
	"site.changes.observed",
	"site.changes.run",
	"site.chart.caption",
	"site.chart.feed",
	"site.chart.repository",
};

/* Besides those, one label per network type of the schema's registry: site.network.<type>. */
#define NETWORK_KEY "site.network.%s"

int site_check_strings(const struct i18n *t, const char *file, struct diag *d)
{
	int rc = 0;
	for (size_t i = 0; i < ARRAY_SIZE(site_strings); i++)
		if (!i18n_get(t, LOCALE, site_strings[i])) {
			diag_add(d, file, 0, 0, "the comparison site needs the string '%s', which the English catalogue does not have",
				 site_strings[i]);
			rc = -1;
		}
	for (const char *const *v = schema_enum("network"); *v; v++) {
		char *key = xasprintf(NETWORK_KEY, *v);
		if (!i18n_get(t, LOCALE, key)) {
			diag_add(d, file, 0, 0, "the comparison site needs the string '%s', which the English catalogue does not have",
				 key);
			rc = -1;
		}
		free(key);
	}
	return rc;
}

/* Verdicts as the site shows them: CSS class, i18n key, sort rank (passes first). */
static const struct {
	const char *class, *key;
	int rank;
} verdicts[] = {
	[V_FAIL] = {"fail", "site.verdict.fail", 3},
	[V_UNKNOWN] = {"unknown", "site.verdict.unknown", 2},
	[V_PASS] = {"pass", "site.verdict.pass", 0},
	[V_NA] = {"na", "site.verdict.na", 1},
};

/* Groups of platforms the platform filter offers as one choice, when the messengers cover
 * every member: picking one asks for all of its members. The members are values of the
 * schema's platform registry; a group naming one it lacks is not offered. */
static const struct {
	const char *id, *key;
	const char *const members[4];
} platform_groups[] = {
	{"desktop", "site.filter.desktop", {"linux", "macos", "windows", NULL}},
};

/* Download channels by name; the direct and web channels take their label from i18n. */
static const struct {
	const char *channel, *label, *key;
} channels[] = {
	{"google-play", "Google Play", NULL},
	{"app-store", "App Store", NULL},
	{"f-droid", "F-Droid", NULL},
	{"flathub", "Flathub", NULL},
	{"github", "GitHub", NULL},
	{"gitlab", "GitLab", NULL},
	{"web", NULL, "platforms.web"},
	{"direct", NULL, "site.channel.direct"},
};

const char *site_registry_gap(void)
{
	for (const char *const *c = schema_enum("channel"); *c; c++) {
		bool found = false;
		for (size_t i = 0; i < ARRAY_SIZE(channels) && !found; i++)
			found = strcmp(channels[i].channel, *c) == 0;
		if (!found)
			return *c;
	}
	return NULL;
}

/* The messenger's own links, in the order the guide's cards show them. */
static const struct {
	const char *key, *label;
} link_kinds[] = {
	{"homepage", "links.homepage"},
	{"privacy-policy", "links.privacy-policy"},
	{"documentation", "links.documentation"},
	{"source-code", "links.source-code"},
	{"donations", "links.contribute"},
};

static const char *str(const struct site_ctx *sc, const char *key)
{
	const char *s = i18n_get(&sc->m->i18n, sc->locale, key);
	return s ? s : key; /* site_check_strings() made sure it is there */
}

/* s with every {name} replaced by the matching value; pairs of (name, value), NULL-ended. */
static char *fill(const char *s, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;
	while (*s) {
		const char *end;
		if (*s == '{' && (end = strchr(s + 1, '}'))) {
			const char *val = NULL;
			va_start(ap, s);
			const char *name;
			while (!val && (name = va_arg(ap, const char *))) {
				const char *v = va_arg(ap, const char *);
				if (strlen(name) == (size_t)(end - s - 1) && strncmp(name, s + 1, (size_t)(end - s - 1)) == 0)
					val = v;
			}
			va_end(ap);
			if (val) {
				buf_adds(&b, val);
				s = end + 1;
				continue;
			}
		}
		buf_addc(&b, *s++);
	}
	return buf_detach(&b, NULL);
}

static void add_filled(cJSON *o, const char *key, char *s)
{
	cJSON_AddStringToObject(o, key, s);
	free(s);
}

/* The strings of site_strings as nested objects: t.site.filter.platform. */
static cJSON *strings(const struct site_ctx *sc)
{
	cJSON *root = cJSON_CreateObject();
	for (size_t i = 0; i < ARRAY_SIZE(site_strings); i++) {
		const char *key = site_strings[i];
		json_set_dotted(root, key, str(sc, key));
	}
	return root;
}

static const char *network_label(const struct site_ctx *sc, const char *type)
{
	char *key = xasprintf(NETWORK_KEY, type);
	const char *s = i18n_get(&sc->m->i18n, sc->locale, key);
	free(key);
	return s ? s : type; /* site_check_strings() made sure it is there */
}

/* ---- Markdown ---- */

static void md_out(const MD_CHAR *s, MD_SIZE n, void *ud)
{
	buf_add(ud, s, n);
}

/* Footnote markers [^id] carry no meaning outside the guide's page: drop them. */
static void strip_footnotes(struct buf *out, const char *s)
{
	while (*s) {
		if (s[0] == '[' && s[1] == '^') {
			size_t len = strspn(s + 2, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_");
			if (len && s[2 + len] == ']') {
				s += 3 + len;
				continue;
			}
		}
		buf_addc(out, *s++);
	}
}

static bool url_linkable(const char *u)
{
	return u && (strncmp(u, "https://", 8) == 0 || strncmp(u, "http://", 7) == 0 ||
		     strncmp(u, "mailto:", 7) == 0);
}

/* The value of attribute name="..." inside the tag [p, end), or NULL; *len set. md4c writes
 * every attribute value double-quoted and escaped, so the next quote ends it. */
static const char *tag_attr(const char *p, const char *end, const char *name, size_t *len)
{
	size_t nl = strlen(name);
	for (const char *q = p; q + nl + 2 < end; q++) {
		if (q[-1] == ' ' && strncmp(q, name, nl) == 0 && q[nl] == '=' && q[nl + 1] == '"') {
			const char *v = q + nl + 2;
			const char *close = memchr(v, '"', (size_t)(end - v));
			if (!close)
				return NULL;
			*len = (size_t)(close - v);
			return v;
		}
	}
	return NULL;
}

/* Rewrite md4c's HTML: with raw HTML off every '<' in it starts a tag md4c wrote itself. */
static void sanitize_html(struct buf *out, const char *h)
{
	unsigned dropped_links = 0;
	while (*h) {
		const char *lt = strchr(h, '<');
		if (!lt) {
			buf_adds(out, h);
			break;
		}
		buf_add(out, h, (size_t)(lt - h));
		const char *gt = strchr(lt, '>');
		if (!gt) { /* cannot happen with md4c's output; keep it inert */
			buf_add_html(out, lt);
			break;
		}
		const char *name = lt + 1;
		bool closing = *name == '/';
		if (closing)
			name++;
		size_t nlen = strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789");
		size_t vlen;
		const char *v;
		if (nlen == 1 && *name == 'a') {
			if (closing && dropped_links) {
				dropped_links--;
			} else if (closing) {
				buf_adds(out, "</a>");
			} else {
				v = tag_attr(name + 1, gt, "href", &vlen);
				char *href = v ? xstrndup(v, vlen) : NULL;
				if (url_linkable(href) || (href && href[0] == '#' && href[1]))
					buf_add(out, lt, (size_t)(gt + 1 - lt));
				else
					dropped_links++;
				free(href);
			}
		} else if (nlen == 3 && strncmp(name, "img", 3) == 0) {
			/* no request may leave the folder: an image becomes its description */
			if ((v = tag_attr(name + 3, gt, "alt", &vlen)))
				buf_add(out, v, vlen);
		} else if (nlen == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6') {
			int level = name[1] - '0' + 2;
			buf_addf(out, "<%sh%d>", closing ? "/" : "", level > 6 ? 6 : level);
		} else if (!closing && nlen == 2 && (strncmp(name, "th", 2) == 0 || strncmp(name, "td", 2) == 0)) {
			buf_addf(out, "<%.2s>", name); /* align="..." is obsolete HTML */
		} else {
			buf_add(out, lt, (size_t)(gt + 1 - lt));
		}
		h = gt + 1;
	}
}

void site_markdown(struct buf *out, const char *md)
{
	struct buf src = BUF_INIT, html = BUF_INIT;
	strip_footnotes(&src, md);
	unsigned flags = (MD_DIALECT_GITHUB & ~(unsigned)MD_FLAG_TASKLISTS) | MD_FLAG_NOHTML;
	if (md_html(src.s, (MD_SIZE)src.len, md_out, &html, flags, 0) == 0) {
		sanitize_html(out, html.s);
	} else {
		buf_adds(out, "<p>");
		buf_add_html(out, src.s);
		buf_adds(out, "</p>\n");
	}
	buf_release(&src);
	buf_release(&html);
}

/* A string, or null when absent: a present null stops Mustache's look-up up the context
 * stack, so a missing value never shows an outer one of the same name. */
static void add_str(cJSON *o, const char *key, const char *s)
{
	if (s)
		cJSON_AddStringToObject(o, key, s);
	else
		cJSON_AddNullToObject(o, key);
}

static void add_md(cJSON *o, const char *key, const char *md)
{
	if (!md) {
		cJSON_AddNullToObject(o, key);
		return;
	}
	struct buf b = BUF_INIT;
	site_markdown(&b, md);
	buf_rtrim(&b);
	cJSON_AddStringToObject(o, key, b.s);
	buf_release(&b);
}

/* A link: "url" pre-escaped for an href (rendered with {{{url}}}) only when it may be a link,
 * "text" the URL as written (escaped by the template). */
static void add_link(cJSON *o, const char *key, const char *url)
{
	cJSON *l = cJSON_AddObjectToObject(o, key);
	cJSON_AddStringToObject(l, "text", url ? url : "");
	if (url_linkable(url)) {
		struct buf b = BUF_INIT;
		buf_add_url(&b, url);
		cJSON_AddStringToObject(l, "url", b.s);
		buf_release(&b);
	} else {
		cJSON_AddNullToObject(l, "url");
	}
}

/* ---- shared pieces ---- */

static const char *platform_label(const struct site_ctx *sc, const char *p)
{
	char *key = xasprintf("platforms.%s", p);
	const char *s = i18n_get(&sc->m->i18n, sc->locale, key);
	free(key);
	return s ? s : p;
}

static const char *placement_label(const struct site_ctx *sc, const struct messenger_result *r)
{
	if (!r->placement)
		return str(sc, r->discontinued ? "site.placement.discontinued"
			   : r->moved ? "site.placement.moved"
			   : r->added_later ? "site.placement.added-later"
			   : r->not_listed ? "site.placement.not-listed"
			   : r->undetermined ? "site.placement.undetermined" : "site.placement.excluded");
	const char *t = loc_text(r->placement->title, sc->locale);
	return t ? t : r->placement->id;
}

static const char *version_label(struct evaluation *const *evals, size_t n, size_t i)
{
	bool mixed = false;
	for (size_t k = 1; k < n; k++)
		if (strcmp(evals[k]->c->category, evals[0]->c->category) != 0)
			mixed = true;
	return mixed ? criteria_spec(evals[i]->c) : evals[i]->c->version;
}

static const struct messenger_result *result_of(const struct evaluation *e, const struct messenger *ms)
{
	return eval_find(e, ms);
}

/* A growing list of distinct strings (borrowed), in insertion order. */
struct strset {
	const char **v;
	size_t n, alloc;
};

static bool strset_has(const struct strset *s, const char *x)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i], x) == 0)
			return true;
	return false;
}

static void strset_add(struct strset *s, const char *x)
{
	if (strset_has(s, x))
		return;
	s->v = xgrow(s->v, sizeof(*s->v), s->n + 1, &s->alloc);
	s->v[s->n++] = x;
}

/* A fact of messenger ms as the fact source gives it (declared, or observed when only
 * observed): the value node at path, or NULL when it is unknown (missing, or contradicted by
 * an observation). The declared node is found by walking path's segments from base (the
 * messenger's tree or a list item), with t its schema type. */
static const struct node *fact_at(const struct factsrc *fs, const struct messenger *ms, const char *path,
				  const struct node *base, const struct stype *t, const char *const *segs)
{
	const struct fact_meta *meta = base ? base->meta : NULL;
	const struct node *n = base;
	for (; *segs; segs++) {
		t = t ? schema_child(t, *segs, NULL) : NULL;
		n = node_get(n, *segs);
		if (n && n->meta)
			meta = n->meta;
	}
	struct fact f;
	fact_get(fs, ms, path, t, n, meta, &f);
	return f.doubt ? NULL : f.value;
}

/* The platforms of a messenger's clients (clients[KEY].platforms through the fact source), in
 * the schema's order. */
static void messenger_platforms(const struct factsrc *fs, const struct messenger *ms, struct strset *out)
{
	static const char *const segs[] = {"platforms", NULL};
	const struct stype *ct = schema_child(&schema_messenger, "clients", NULL);
	struct strset seen = {0};
	const struct node *cl = node_get(ms->root, "clients");
	for (uint32_t i = 0; cl && cl->type == NODE_SEQ && i < cl->n; i++) {
		char *path = xasprintf("clients[%s].platforms", cl->kids[i]->key ? cl->kids[i]->key : "?");
		const struct node *pl = fact_at(fs, ms, path, cl->kids[i], ct ? ct->item : NULL, segs);
		for (uint32_t j = 0; pl && pl->type == NODE_SEQ && j < pl->n; j++)
			if (pl->kids[j]->str)
				strset_add(&seen, pl->kids[j]->str);
		free(path);
	}
	for (const char *const *p = schema_enum("platform"); *p; p++)
		if (strset_has(&seen, *p))
			strset_add(out, *p);
	for (size_t k = 0; k < seen.n; k++)
		strset_add(out, seen.v[k]);
	free(seen.v);
}

/* The facts beyond the criteria a reader filters by, as a state the matrix shows and filters
 * on: "yes", "no", a network type, or "unknown" (never read as no). */
enum { FACT_PHONE, FACT_NETWORK, FACT_ANONYMOUS, FACT__COUNT };

static const struct {
	const char *path, *key, *attr;
	const char *const segs[3];
} reader_facts[FACT__COUNT] = {
	[FACT_PHONE] = {"identifiers.registration", "site.facts.phone", "phone", {"identifiers", "registration", NULL}},
	[FACT_NETWORK] = {"network.type", "site.facts.network", "network", {"network", "type", NULL}},
	[FACT_ANONYMOUS] = {"network.anonymous-routing", "site.facts.anonymous", "anonymous",
			    {"network", "anonymous-routing", NULL}},
};

static bool value_has(const struct node *v, const char *s)
{
	if (v->type == NODE_SCALAR)
		return v->str && strcmp(v->str, s) == 0;
	for (uint32_t i = 0; v->type == NODE_SEQ && i < v->n; i++)
		if (value_has(v->kids[i], s))
			return true;
	return false;
}

/* The state of fact k of ms, its label and its sort rank (unknown sorts last). */
static const char *reader_fact(const struct site_ctx *sc, const struct factsrc *fs, const struct messenger *ms,
			       int k, const char **label, int *rank)
{
	const struct node *v = fact_at(fs, ms, reader_facts[k].path, ms->root, &schema_messenger,
				       reader_facts[k].segs);
	const char *const *types = schema_enum("network");
	int ntypes = 0;
	while (types[ntypes])
		ntypes++;
	const char *state = "unknown";
	if (v && k == FACT_PHONE)
		state = value_has(v, "phone") ? "yes" : "no";
	else if (v && k == FACT_ANONYMOUS && value_has(v, "true"))
		state = "yes";
	else if (v && k == FACT_ANONYMOUS && value_has(v, "false"))
		state = "no";
	else if (v && k == FACT_NETWORK && v->type == NODE_SCALAR && v->str && schema_enum_index(types, v->str) >= 0)
		state = v->str;
	if (strcmp(state, "unknown") == 0) {
		*label = str(sc, "site.facts.unknown");
		*rank = ntypes;
	} else if (k == FACT_NETWORK) {
		*label = network_label(sc, state);
		*rank = schema_enum_index(types, state);
	} else {
		bool yes = strcmp(state, "yes") == 0;
		*label = str(sc, yes ? "site.yes" : "site.no");
		*rank = yes ? 0 : 1;
	}
	return state;
}

static char *join(const struct strset *s)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < s->n; i++) {
		if (i)
			buf_addc(&b, ' ');
		buf_adds(&b, s->v[i]);
	}
	return buf_detach(&b, NULL);
}

/* The symbol of a verdict's mark, as "sym". */
static void add_sym(cJSON *o, enum verdict v)
{
	const char *mark = verdict_mark_utf8(v);
	const char *sp = strchr(mark, ' ');
	char *sym = xstrndup(mark, sp ? (size_t)(sp - mark) : strlen(mark));
	cJSON_AddStringToObject(o, "sym", sym);
	free(sym);
}

static void add_verdict(cJSON *o, const struct site_ctx *sc, enum verdict v)
{
	cJSON_AddStringToObject(o, "verdict", verdicts[v].class);
	add_sym(o, v);
	cJSON_AddStringToObject(o, "word", str(sc, verdicts[v].key));
	cJSON_AddNumberToObject(o, "rank", verdicts[v].rank);
}

static const char *level_label(const struct site_ctx *sc, enum level l)
{
	return str(sc, l == LEVEL_MINIMUM ? "criteria.minimum" : "criteria.best-case");
}

/* A criterion's text and the footnotes it refers to, rendered. */
static void add_criterion_text(cJSON *o, const struct site_ctx *sc, const struct criterion *cr,
			       const struct criteria *c)
{
	const char *text = loc_text(cr->text, sc->locale);
	add_md(o, "text", text ? text : cr->id);
	cJSON *notes = cJSON_AddArrayToObject(o, "notes");
	for (const char *s = text; s && (s = strstr(s, "[^")); s += 2) {
		size_t len = strcspn(s + 2, "]");
		for (size_t k = 0; k < c->nnotes; k++) {
			if (strlen(c->notes[k].id) != len || strncmp(c->notes[k].id, s + 2, len) != 0)
				continue;
			const char *nt = loc_text(c->notes[k].text, sc->locale);
			if (!nt)
				continue;
			cJSON *x = cJSON_CreateObject();
			add_md(x, "html", nt);
			cJSON_AddItemToArray(notes, x);
		}
	}
}

/* ---- the matrix ---- */

/* Placements across versions: section ids with the title of the newest version that has
 * them, then "excluded", "not-listed", "moved", "added-later", "discontinued" and
 * "undetermined". */
static cJSON *placement_options(const struct site_ctx *sc, struct evaluation *const *evals, size_t n)
{
	struct strset ids = {0};
	cJSON *a = cJSON_CreateArray();
	for (size_t i = n; i-- > 0;) {
		const struct criteria *c = evals[i]->c;
		for (size_t s = 0; s < c->nsections; s++) {
			if (strset_has(&ids, c->sections[s].id) || strcmp(c->sections[s].id, "excluded") == 0)
				continue;
			strset_add(&ids, c->sections[s].id);
			const char *t = loc_text(c->sections[s].title, sc->locale);
			cJSON *x = cJSON_CreateObject();
			cJSON_AddStringToObject(x, "value", c->sections[s].id);
			char *label = xasprintf("%s (%s)", t ? t : c->sections[s].id, c->sections[s].id);
			add_filled(x, "label", label);
			cJSON_AddItemToArray(a, x);
		}
	}
	static const char *const others[][2] = {
		{"excluded", "site.placement.excluded"},
		{"not-listed", "site.placement.not-listed"},
		{"moved", "site.placement.moved"},
		{"added-later", "site.placement.added-later"},
		{"discontinued", "site.placement.discontinued"},
		{"undetermined", "site.placement.undetermined"},
	};
	for (size_t k = 0; k < ARRAY_SIZE(others); k++) {
		cJSON *x = cJSON_CreateObject();
		cJSON_AddStringToObject(x, "value", others[k][0]);
		cJSON_AddStringToObject(x, "label", str(sc, others[k][1]));
		cJSON_AddItemToArray(a, x);
	}
	free(ids.v);
	return a;
}

static cJSON *criterion_options(struct evaluation *const *evals, size_t n)
{
	struct strset ids = {0};
	cJSON *a = cJSON_CreateArray();
	for (size_t i = n; i-- > 0;) {
		const struct criteria *c = evals[i]->c;
		for (size_t k = 0; k < c->ncrit; k++) {
			if (strset_has(&ids, c->crit[k].id))
				continue;
			strset_add(&ids, c->crit[k].id);
			cJSON *x = cJSON_CreateObject();
			cJSON_AddStringToObject(x, "value", c->crit[k].id);
			cJSON_AddStringToObject(x, "label", c->crit[k].id);
			cJSON_AddItemToArray(a, x);
		}
	}
	free(ids.v);
	return a;
}

static cJSON *platform_options(const struct site_ctx *sc, struct evaluation *const *evals, size_t n)
{
	struct strset all = {0}, ordered = {0};
	for (size_t i = 0; i < n; i++)
		for (size_t r = 0; r < evals[i]->n; r++)
			messenger_platforms(evals[i]->fs, evals[i]->v[r].m, &all);
	for (const char *const *p = schema_enum("platform"); *p; p++)
		if (strset_has(&all, *p))
			strset_add(&ordered, *p);
	for (size_t k = 0; k < all.n; k++)
		strset_add(&ordered, all.v[k]);
	/* one checkbox per platform (its value the platforms it asks for), then the groups */
	cJSON *a = cJSON_CreateArray();
	for (size_t k = 0; k < ordered.n; k++) {
		cJSON *x = cJSON_CreateObject();
		cJSON_AddStringToObject(x, "id", ordered.v[k]);
		cJSON_AddStringToObject(x, "value", ordered.v[k]);
		cJSON_AddStringToObject(x, "label", platform_label(sc, ordered.v[k]));
		cJSON_AddItemToArray(a, x);
	}
	const char *const *registry = schema_enum("platform");
	for (size_t g = 0; g < ARRAY_SIZE(platform_groups); g++) {
		struct buf value = BUF_INIT, names = BUF_INIT;
		bool offered = true;
		for (const char *const *p = platform_groups[g].members; *p; p++) {
			if (schema_enum_index(registry, *p) < 0 || !strset_has(&all, *p))
				offered = false;
			buf_addf(&value, "%s%s", value.len ? " " : "", *p);
			buf_addf(&names, "%s%s", names.len ? ", " : "", platform_label(sc, *p));
		}
		if (offered) {
			cJSON *x = cJSON_CreateObject();
			cJSON_AddStringToObject(x, "id", platform_groups[g].id);
			cJSON_AddStringToObject(x, "value", value.s);
			add_filled(x, "label", fill(str(sc, platform_groups[g].key), "platforms", names.s, (char *)NULL));
			cJSON_AddItemToArray(a, x);
		}
		buf_release(&value);
		buf_release(&names);
	}
	free(all.v);
	free(ordered.v);
	return a;
}

static cJSON *matrix_version(const struct site_ctx *sc, struct evaluation *const *evals, size_t n,
			     size_t vi)
{
	const struct evaluation *e = evals[vi];
	const struct criteria *c = e->c;
	cJSON *v = cJSON_CreateObject();
	cJSON_AddNumberToObject(v, "index", (double)vi);
	cJSON_AddStringToObject(v, "label", version_label(evals, n, vi));
	cJSON_AddBoolToObject(v, "newest", vi == n - 1);
	const char *title = loc_text(c->title, sc->locale);
	add_filled(v, "caption", fill(str(sc, "site.matrix.caption"), "category", title ? title : c->category,
				      "version", version_label(evals, n, vi), (char *)NULL));

	/* header groups: minimum criteria first, then best-case, in file order within each */
	size_t count[2] = {0, 0};
	for (size_t k = 0; k < c->ncrit; k++)
		count[c->crit[k].level == LEVEL_MINIMUM ? 0 : 1]++;
	cJSON *groups = cJSON_AddArrayToObject(v, "groups");
	cJSON *cols = cJSON_AddArrayToObject(v, "columns");
	cJSON *legend = cJSON_AddArrayToObject(v, "legend");
	size_t *colorder = xcalloc(c->ncrit ? c->ncrit : 1, sizeof(*colorder));
	size_t nc = 0;
	for (int lv = 0; lv < 2; lv++) {
		if (!count[lv])
			continue;
		cJSON *g = cJSON_CreateObject();
		cJSON_AddStringToObject(g, "label", level_label(sc, lv ? LEVEL_BEST_CASE : LEVEL_MINIMUM));
		cJSON_AddStringToObject(g, "level", lv ? "best" : "min");
		cJSON_AddNumberToObject(g, "count", (double)count[lv]);
		cJSON_AddItemToArray(groups, g);
		for (size_t k = 0; k < c->ncrit; k++) {
			if ((c->crit[k].level == LEVEL_MINIMUM) != (lv == 0))
				continue;
			colorder[nc++] = k;
			cJSON *x = cJSON_CreateObject();
			cJSON_AddStringToObject(x, "id", c->crit[k].id);
			cJSON_AddStringToObject(x, "level", lv ? "best" : "min");
			cJSON_AddNumberToObject(x, "col", (double)(nc + 1 + FACT__COUNT));
			cJSON_AddBoolToObject(x, "first", nc == 1 || (lv == 1 && nc == count[0] + 1));
			cJSON_AddItemToArray(cols, x);
			cJSON *l = cJSON_CreateObject();
			cJSON_AddStringToObject(l, "id", c->crit[k].id);
			cJSON_AddStringToObject(l, "level", level_label(sc, c->crit[k].level));
			add_criterion_text(l, sc, &c->crit[k], c);
			cJSON_AddItemToArray(legend, l);
		}
	}

	cJSON *rows = cJSON_AddArrayToObject(v, "rows");
	for (size_t i = 0; i < e->n; i++) {
		const struct messenger_result *r = &e->v[i];
		cJSON *row = cJSON_CreateObject();
		cJSON_AddStringToObject(row, "id", r->m->id);
		cJSON_AddStringToObject(row, "name", r->m->name);
		cJSON_AddNumberToObject(row, "order", (double)i);
		struct strset pf = {0};
		messenger_platforms(e->fs, r->m, &pf);
		char *pfs = join(&pf);
		cJSON_AddStringToObject(row, "platforms", pfs);
		free(pfs);
		free(pf.v);
		cJSON_AddStringToObject(row, "placement", placement_name(r));
		cJSON_AddStringToObject(row, "placement_label", placement_label(sc, r));
		cJSON_AddBoolToObject(row, "excluded", r->placement == NULL);
		cJSON_AddNumberToObject(row, "placement_rank", (double)r->placement_index);
		cJSON_AddBoolToObject(row, "undetermined", r->undetermined);
		cJSON *facts = cJSON_AddArrayToObject(row, "facts");
		for (int k = 0; k < FACT__COUNT; k++) {
			const char *label;
			int rank;
			const char *state = reader_fact(sc, e->fs, r->m, k, &label, &rank);
			cJSON_AddStringToObject(row, reader_facts[k].attr, state);
			cJSON *x = cJSON_CreateObject();
			cJSON_AddStringToObject(x, "label", label);
			cJSON_AddNumberToObject(x, "rank", rank);
			bool unknown = strcmp(state, "unknown") == 0;
			cJSON_AddBoolToObject(x, "unknown", unknown);
			if (unknown)
				add_sym(x, V_UNKNOWN);
			else
				cJSON_AddNullToObject(x, "sym");
			cJSON_AddItemToArray(facts, x);
		}
		struct strset pass = {0};
		cJSON *cells = cJSON_AddArrayToObject(row, "cells");
		for (size_t j = 0; j < nc; j++) {
			const struct crit_result *cr = &r->results[colorder[j]];
			if (verdict_met(cr->verdict))
				strset_add(&pass, cr->crit->id);
			cJSON *x = cJSON_CreateObject();
			add_verdict(x, sc, cr->verdict);
			cJSON_AddStringToObject(x, "crit", cr->crit->id);
			cJSON_AddBoolToObject(x, "first", j == 0 || j == count[0]);
			cJSON_AddItemToArray(cells, x);
		}
		char *ps = join(&pass);
		cJSON_AddStringToObject(row, "pass", ps);
		free(ps);
		free(pass.v);
		cJSON_AddItemToArray(rows, row);
	}
	cJSON_AddNumberToObject(v, "total", (double)e->n);
	free(colorder);
	return v;
}

/* Every messenger of every version, in the newest version's page order, then the ones only
 * older versions have. */
static void all_messengers(struct evaluation *const *evals, size_t n, const struct messenger ***out,
			   size_t *nout)
{
	size_t alloc = 0;
	*out = NULL;
	*nout = 0;
	for (size_t i = n; i-- > 0;)
		for (size_t r = 0; r < evals[i]->n; r++) {
			const struct messenger *ms = evals[i]->v[r].m;
			/* seen in a newer version already? */
			bool seen = false;
			for (size_t j = n; j-- > i + 1 && !seen;)
				seen = eval_find(evals[j], ms) != NULL;
			if (seen)
				continue;
			*out = xgrow(*out, sizeof(**out), *nout + 1, &alloc);
			(*out)[(*nout)++] = ms;
		}
}

static cJSON *history(const struct site_ctx *sc, struct evaluation *const *evals, size_t n,
		      const struct messenger *const *ms, size_t nms)
{
	cJSON *h = cJSON_CreateObject();
	cJSON *vs = cJSON_AddArrayToObject(h, "versions");
	for (size_t i = n; i-- > 0;) {
		cJSON *x = cJSON_CreateObject();
		cJSON_AddStringToObject(x, "label", version_label(evals, n, i));
		cJSON_AddItemToArray(vs, x);
	}
	cJSON *rows = cJSON_AddArrayToObject(h, "rows");
	for (size_t k = 0; k < nms; k++) {
		cJSON *row = cJSON_CreateObject();
		cJSON_AddStringToObject(row, "id", ms[k]->id);
		cJSON_AddStringToObject(row, "name", ms[k]->name);
		cJSON *cells = cJSON_AddArrayToObject(row, "cells");
		for (size_t i = n; i-- > 0;) {
			const struct messenger_result *r = result_of(evals[i], ms[k]);
			cJSON *x = cJSON_CreateObject();
			cJSON_AddStringToObject(x, "label", r ? placement_label(sc, r) : "–");
			cJSON_AddBoolToObject(x, "excluded", !r || !r->placement);
			cJSON_AddItemToArray(cells, x);
		}
		cJSON_AddItemToArray(rows, row);
	}
	return h;
}

/* The folder of locale's copy of the site, relative to the build's output: SITE_DIR for the
 * source locale, SITE_DIR/<locale> for another. */
static char *locale_dir(const char *locale)
{
	return strcmp(locale, LOCALE) == 0 ? xstrdup(SITE_DIR) : xasprintf(SITE_DIR "/%s", locale);
}

/* The name of a locale in its own language (its site.language), else its code. */
static const char *locale_name(const struct model *m, const char *locale)
{
	const struct i18n_entry *e = catalog_find(i18n_catalog(&m->i18n, locale), "site.language");
	return e ? e->text : locale;
}

/* The same page (file name page) in every locale of the site, as "locales": its language,
 * its name in that language, and the link to it from this locale's folder. */
static void add_locales(cJSON *root, const struct site_ctx *sc, const char *page)
{
	cJSON *a = cJSON_AddArrayToObject(root, "locales");
	bool here_source = strcmp(sc->locale, LOCALE) == 0;
	for (size_t i = 0; i < sc->nlocales; i++) {
		const char *loc = sc->locales[i];
		bool source = strcmp(loc, LOCALE) == 0;
		cJSON *x = cJSON_CreateObject();
		cJSON_AddStringToObject(x, "lang", loc);
		cJSON_AddStringToObject(x, "name", locale_name(sc->m, loc));
		cJSON_AddBoolToObject(x, "current", strcmp(loc, sc->locale) == 0);
		add_filled(x, "href", xasprintf("%s%s%s%s", here_source ? "" : "../", source ? "" : loc,
						source ? "" : "/", page));
		cJSON_AddItemToArray(a, x);
	}
	cJSON_AddBoolToObject(root, "has_locales", sc->nlocales > 1);
}

static void add_common(cJSON *root, const struct site_ctx *sc, struct evaluation *const *evals, size_t n,
		       const char *page)
{
	const struct criteria *c = evals[n - 1]->c;
	char date[11];
	date_format(evals[n - 1]->now, date);
	const char *title = loc_text(c->title, sc->locale);
	cJSON_AddStringToObject(root, "lang", sc->locale);
	/* strings of the data that are not localised prose (a developer's name, an audit's scope)
	 * are written in English: marked so on the other locales' pages */
	if (strcmp(sc->locale, "en") != 0)
		cJSON_AddStringToObject(root, "data_lang", "en");
	add_locales(root, sc, page);
	cJSON_AddStringToObject(root, "category", title ? title : c->category);
	cJSON_AddStringToObject(root, "now", date);
	cJSON_AddItemToObject(root, "t", strings(sc));
	cJSON *legend = cJSON_AddArrayToObject(root, "verdict_legend");
	static const enum verdict order[] = {V_PASS, V_FAIL, V_UNKNOWN, V_NA};
	for (size_t i = 0; i < ARRAY_SIZE(order); i++) {
		cJSON *x = cJSON_CreateObject();
		add_verdict(x, sc, order[i]);
		char *key = xasprintf("site.legend.%s", verdicts[order[i]].class);
		cJSON_AddStringToObject(x, "meaning", str(sc, key));
		free(key);
		cJSON_AddItemToArray(legend, x);
	}
}

static cJSON *index_context(const struct site_ctx *sc, struct evaluation *const *evals, size_t n,
			    const struct messenger *const *ms, size_t nms)
{
	cJSON *root = cJSON_CreateObject();
	add_common(root, sc, evals, n, "index.html");
	cJSON *versions = cJSON_AddArrayToObject(root, "versions");
	for (size_t i = n; i-- > 0;)
		cJSON_AddItemToArray(versions, matrix_version(sc, evals, n, i));
	cJSON_AddBoolToObject(root, "several_versions", n > 1);
	cJSON *filters = cJSON_AddObjectToObject(root, "filters");
	cJSON_AddItemToObject(filters, "platforms", platform_options(sc, evals, n));
	cJSON_AddItemToObject(filters, "placements", placement_options(sc, evals, n));
	cJSON_AddItemToObject(filters, "criteria", criterion_options(evals, n));
	cJSON *networks = cJSON_AddArrayToObject(filters, "networks");
	for (const char *const *v = schema_enum("network"); *v; v++) {
		cJSON *x = cJSON_CreateObject();
		cJSON_AddStringToObject(x, "value", *v);
		cJSON_AddStringToObject(x, "label", network_label(sc, *v));
		cJSON_AddItemToArray(networks, x);
	}
	cJSON *fcols = cJSON_AddArrayToObject(root, "fact_columns");
	for (int k = 0; k < FACT__COUNT; k++) {
		cJSON *x = cJSON_CreateObject();
		cJSON_AddStringToObject(x, "label", str(sc, reader_facts[k].key));
		cJSON_AddNumberToObject(x, "col", 2 + k);
		cJSON_AddBoolToObject(x, "first", k == 0);
		cJSON_AddItemToArray(fcols, x);
	}
	cJSON_AddNumberToObject(root, "fact_count", FACT__COUNT);
	if (n > 1)
		cJSON_AddItemToObject(root, "history", history(sc, evals, n, ms, nms));
	return root;
}

/* ---- the messenger pages ---- */

static cJSON *evidence_item(const struct fact *ev)
{
	cJSON *x = cJSON_CreateObject();
	struct buf v = BUF_INIT;
	cJSON_AddStringToObject(x, "fact", ev->path);
	add_str(x, "value", ev->value ? fact_text(&v, ev) : NULL);
	const char *src = ev->meta ? ev->meta->source : NULL;
	if (src)
		add_link(x, "source", src);
	else
		cJSON_AddNullToObject(x, "source");
	add_str(x, "checked", ev->meta ? ev->meta->checked : NULL);
	if (ev->obs) {
		cJSON *o = cJSON_AddObjectToObject(x, "obs");
		add_str(o, "status", obs_status_name(ev->status));
		add_str(o, "probe", ev->obs->probe);
		buf_reset(&v);
		if (ev->obs->value)
			fact_value_text(&v, ev->obs->value);
		add_str(o, "value", ev->obs->value ? v.s : ev->obs->reason);
		add_str(o, "observed", ev->obs->observed);
		if (ev->obs->source)
			add_link(o, "source", ev->obs->source);
		else
			cJSON_AddNullToObject(o, "source");
	} else {
		cJSON_AddNullToObject(x, "obs");
	}
	buf_release(&v);
	return x;
}

static cJSON *messenger_version(const struct site_ctx *sc, struct evaluation *const *evals, size_t n,
				size_t vi, const struct messenger_result *r, cJSON *probes,
				struct strset *probed)
{
	const struct criteria *c = evals[vi]->c;
	const char *label = version_label(evals, n, vi);
	cJSON *v = cJSON_CreateObject();
	cJSON_AddNumberToObject(v, "index", (double)vi);
	cJSON_AddStringToObject(v, "label", label);
	cJSON_AddBoolToObject(v, "newest", vi == n - 1);
	add_filled(v, "heading", fill(str(sc, "site.verdicts.version"), "version", label, (char *)NULL));
	add_filled(v, "caption", fill(str(sc, "site.verdicts.caption"), "name", r->m->name, "version",
				      label, (char *)NULL));
	cJSON_AddStringToObject(v, "placement", placement_name(r));
	cJSON_AddStringToObject(v, "placement_label", placement_label(sc, r));
	cJSON_AddBoolToObject(v, "excluded", r->placement == NULL);
	for (int lv = 0; lv < 2; lv++) {
		char a[24], b[24];
		snprintf(a, sizeof(a), "%zu", r->count[lv].met);
		snprintf(b, sizeof(b), "%zu", r->count[lv].total);
		add_filled(v, lv ? "met_best" : "met_min", fill(str(sc, "site.met"), "met", a, "total", b, (char *)NULL));
	}
	cJSON *levels = cJSON_AddArrayToObject(v, "levels");
	for (int lv = 0; lv < 2; lv++) {
		if (!r->count[lv].total)
			continue;
		cJSON *group = cJSON_CreateObject();
		cJSON_AddStringToObject(group, "label", level_label(sc, lv ? LEVEL_BEST_CASE : LEVEL_MINIMUM));
		cJSON_AddStringToObject(group, "met", cJSON_GetObjectItem(v, lv ? "met_best" : "met_min")->valuestring);
		cJSON_AddItemToArray(levels, group);
		cJSON *res = cJSON_AddArrayToObject(group, "results");
		for (size_t k = 0; k < c->ncrit; k++) {
			const struct crit_result *cr = &r->results[k];
			if ((cr->crit->level == LEVEL_MINIMUM) != (lv == 0))
				continue;
			cJSON *x = cJSON_CreateObject();
			cJSON_AddStringToObject(x, "id", cr->crit->id);
			add_criterion_text(x, sc, cr->crit, c);
			add_verdict(x, sc, cr->verdict);
			cJSON *evs = cJSON_AddArrayToObject(x, "evidence");
			for (size_t j = 0; j < cr->nev; j++) {
				const struct fact *ev = &cr->ev[j];
				cJSON_AddItemToArray(evs, evidence_item(ev));
				if (ev->obs && !strset_has(probed, ev->path)) {
					strset_add(probed, ev->path);
					cJSON_AddItemToArray(probes, evidence_item(ev));
				}
			}
			cJSON_AddBoolToObject(x, "has_evidence", cr->nev > 0);
			cJSON_AddItemToArray(res, x);
		}
	}
	return v;
}

static const char *channel_label(const struct site_ctx *sc, const char *ch)
{
	for (size_t i = 0; i < ARRAY_SIZE(channels); i++)
		if (strcmp(channels[i].channel, ch) == 0)
			return channels[i].label ? channels[i].label : str(sc, channels[i].key);
	return ch;
}

/* The label of a release series: the repository, a store channel, a platform's update feed. */
static char *series_label(const struct site_ctx *sc, const char *fact)
{
	if (strcmp(fact, "release.latest.date") == 0)
		return xstrdup(str(sc, "site.chart.repository"));
	const char *dot = strchr(fact, '.');
	const char *end = strrchr(fact, '.');
	char *mid = xstrndup(dot + 1, (size_t)(end - dot - 1));
	char *s = strncmp(fact, "store.", 6) == 0
			  ? xstrdup(channel_label(sc, mid))
			  : fill(str(sc, "site.chart.feed"), "platform", platform_label(sc, mid), (char *)NULL);
	free(mid);
	return s;
}

/* The release dates of ms seen by the probes (h): an inline SVG chart, one row per series,
 * each series with its own marker shape (readable without colour), and the same dates as a
 * table (its text alternative). Nothing when there is none. */
static void add_chart(cJSON *root, const struct site_ctx *sc, const struct messenger *ms,
		      const struct site_history *h)
{
	size_t first = SIZE_MAX, last = 0;
	for (size_t i = 0; h && i < h->nreleases; i++)
		if (strcmp(h->releases[i].messenger, ms->id) == 0) {
			if (first == SIZE_MAX)
				first = i;
			last = i + 1;
		}
	if (first == SIZE_MAX) {
		cJSON_AddBoolToObject(root, "has_chart", false);
		return;
	}
	const struct site_release *r = h->releases + first;
	size_t n = last - first, nseries = 0;
	long lo = r[0].date, hi = r[0].date;
	for (size_t i = 0; i < n; i++) {
		lo = r[i].date < lo ? r[i].date : lo;
		hi = r[i].date > hi ? r[i].date : hi;
		nseries += !i || strcmp(r[i].fact, r[i - 1].fact) != 0;
	}
	static const char *const shapes[] = {
		"<circle cx=\"%ld\" cy=\"%ld\" r=\"5\" class=\"mk\"/>",
		"<rect x=\"%ld\" y=\"%ld\" width=\"10\" height=\"10\" transform=\"translate(-5 -5)\" class=\"mk\"/>",
		"<path d=\"M%ld %ldm0 -6l6 10h-12z\" class=\"mk\"/>",
		"<path d=\"M%ld %ldm0 -6l6 6l-6 6l-6 -6z\" class=\"mk\"/>",
	};
	const long left = 190, right = 590, row = 30, top = 20;
	long height = top + (long)nseries * row + 30;
	struct buf svg = BUF_INIT, b = BUF_INIT;
	char *cap = fill(str(sc, "site.chart.caption"), "name", ms->name, (char *)NULL);
	buf_addf(&svg, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 600 %ld\" "
		 "width=\"600\" height=\"%ld\" role=\"img\" aria-labelledby=\"chart-t\"><title id=\"chart-t\">",
		 height, height);
	buf_add_html(&svg, cap);
	buf_adds(&svg, "</title>");
	cJSON *series = cJSON_AddArrayToObject(root, "chart_series");
	size_t si = 0;
	for (size_t i = 0; i < n; si++) {
		size_t j = i;
		while (j < n && strcmp(r[j].fact, r[i].fact) == 0)
			j++;
		long y = top + (long)si * row + row / 2;
		char *label = series_label(sc, r[i].fact);
		buf_addf(&svg, "<text x=\"4\" y=\"%ld\" class=\"lb\">", y + 4);
		buf_add_html(&svg, label);
		buf_addf(&svg, "</text><line x1=\"%ld\" y1=\"%ld\" x2=\"%ld\" y2=\"%ld\" class=\"ax\"/>", left, y, right, y);
		cJSON *x = cJSON_CreateObject();
		cJSON_AddStringToObject(x, "label", label);
		cJSON_AddStringToObject(x, "fact", r[i].fact);
		buf_reset(&b);
		for (size_t k = i; k < j; k++) {
			long px = hi == lo ? (left + right) / 2 : left + (r[k].date - lo) * (right - left) / (hi - lo);
			buf_addf(&svg, shapes[si % ARRAY_SIZE(shapes)], px, y);
			char d[11];
			date_format(r[k].date, d);
			buf_addf(&b, "%s%s", k > i ? ", " : "", d);
		}
		cJSON_AddStringToObject(x, "dates", b.s);
		cJSON_AddItemToArray(series, x);
		free(label);
		i = j;
	}
	char d1[11], d2[11];
	date_format(lo, d1);
	date_format(hi, d2);
	long yb = top + (long)nseries * row + 16;
	buf_addf(&svg, "<text x=\"%ld\" y=\"%ld\" class=\"lb\">%s</text>", left, yb, d1);
	if (hi != lo)
		buf_addf(&svg, "<text x=\"%ld\" y=\"%ld\" class=\"lb\" text-anchor=\"end\">%s</text>", right, yb, d2);
	buf_adds(&svg, "</svg>");
	cJSON_AddBoolToObject(root, "has_chart", true);
	cJSON_AddStringToObject(root, "chart_svg", svg.s);
	add_filled(root, "chart_caption", cap);
	buf_release(&svg);
	buf_release(&b);
}

/* The badge of ms under the newest criteria: "msgvet | 5/5 minimum", green when every
 * minimum criterion is met, red when one fails, grey when only unknowns stand in the way. */
static void badge_svg(struct buf *out, const struct site_ctx *sc, const struct messenger_result *r)
{
	char a[24], b[24];
	const struct level_counts *c = &r->count[0];
	snprintf(a, sizeof(a), "%zu", c->met);
	snprintf(b, sizeof(b), "%zu", c->total);
	char *text = fill(str(sc, "site.badge.text"), "met", a, "total", b, (char *)NULL);
	const char *colour = c->met == c->total ? "#1a7f37" : c->met + c->unknown < c->total ? "#b42318" : "#57606a";
	long lw = 54, tw = 12 + 7 * (long)strlen(text);
	buf_addf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%ld\" height=\"20\" role=\"img\" aria-label=\"msgvet: ", lw + tw);
	buf_add_html(out, text);
	buf_adds(out, "\"><title>msgvet: ");
	buf_add_html(out, text);
	buf_addf(out, "</title><rect width=\"%ld\" height=\"20\" fill=\"#24292f\"/><rect x=\"%ld\" width=\"%ld\" height=\"20\" fill=\"%s\"/>"
		 "<g fill=\"#fff\" font-family=\"Verdana,DejaVu Sans,sans-serif\" font-size=\"11\">"
		 "<text x=\"6\" y=\"14\">msgvet</text><text x=\"%ld\" y=\"14\">", lw, lw, tw, colour, lw + 6);
	buf_add_html(out, text);
	buf_adds(out, "</text></g></svg>\n");
	free(text);
}

static cJSON *messenger_context(const struct site_ctx *sc, struct evaluation *const *evals, size_t n,
				const struct messenger *ms, const struct site_history *h)
{
	cJSON *root = cJSON_CreateObject();
	char *page = xasprintf("%s.html", ms->id);
	add_common(root, sc, evals, n, page);
	free(page);
	const struct node *top = ms->root;
	cJSON_AddStringToObject(root, "id", ms->id);
	cJSON_AddStringToObject(root, "name", ms->name);
	add_str(root, "developer", node_str(top, "developer"));

	const struct node *links = node_get(top, "links");
	cJSON *la = cJSON_AddArrayToObject(root, "links");
	for (size_t i = 0; i < ARRAY_SIZE(link_kinds); i++) {
		const char *url = node_str(links, link_kinds[i].key);
		if (!url_linkable(url))
			continue;
		cJSON *x = cJSON_CreateObject();
		cJSON_AddStringToObject(x, "label", str(sc, link_kinds[i].label));
		add_link(x, "link", url);
		cJSON_AddItemToArray(la, x);
	}
	cJSON_AddBoolToObject(root, "has_links", cJSON_GetArraySize(la) > 0);

	/* prose in the locale, string by string, else in English (marked lang="en") */
	const struct node *prose = node_get(top, "prose");
	const struct node *mine = node_get(prose, sc->locale), *en = node_get(prose, LOCALE);
	static const char *const fields[] = {"summary", "setup", "notes"};
	for (size_t i = 0; i < ARRAY_SIZE(fields); i++) {
		const char *text = node_str(mine, fields[i]);
		char *lang = xasprintf("%s_lang", fields[i]);
		if (!text && (text = node_str(en, fields[i])) && mine != en)
			cJSON_AddStringToObject(root, lang, LOCALE);
		else
			cJSON_AddNullToObject(root, lang);
		free(lang);
		add_md(root, fields[i], text);
	}

	cJSON *probes = cJSON_CreateArray();
	struct strset probed = {0};
	cJSON *vs = cJSON_AddArrayToObject(root, "versions");
	for (size_t i = n; i-- > 0;) {
		const struct messenger_result *r = result_of(evals[i], ms);
		if (r)
			cJSON_AddItemToArray(vs, messenger_version(sc, evals, n, i, r, probes, &probed));
	}
	free(probed.v);
	cJSON_AddBoolToObject(root, "has_probes", cJSON_GetArraySize(probes) > 0);
	cJSON_AddItemToObject(root, "probes", probes);
	char *cap = fill(str(sc, "site.probe.caption"), "name", ms->name, (char *)NULL);
	add_filled(root, "probe_caption", cap);

	const struct node *dl = node_get(top, "downloads");
	cJSON *da = cJSON_AddArrayToObject(root, "downloads");
	for (uint32_t i = 0; dl && dl->type == NODE_SEQ && i < dl->n; i++) {
		const char *ch = node_str(dl->kids[i], "channel");
		const char *pf = node_str(dl->kids[i], "platform");
		const char *url = node_str(dl->kids[i], "url");
		cJSON *x = cJSON_CreateObject();
		cJSON_AddStringToObject(x, "channel", ch ? channel_label(sc, ch) : "");
		cJSON_AddStringToObject(x, "platform", pf ? platform_label(sc, pf) : "");
		add_link(x, "link", url);
		cJSON_AddItemToArray(da, x);
	}
	cJSON_AddBoolToObject(root, "has_downloads", cJSON_GetArraySize(da) > 0);
	add_filled(root, "downloads_caption", fill(str(sc, "site.downloads.caption"), "name", ms->name, (char *)NULL));

	const struct node *au = node_get(top, "audits");
	cJSON *aa = cJSON_AddArrayToObject(root, "audits");
	for (uint32_t i = 0; au && au->type == NODE_SEQ && i < au->n; i++) {
		const struct node *a = au->kids[i];
		cJSON *x = cJSON_CreateObject();
		const char *date = node_str(a, "date"), *who = node_str(a, "auditor");
		const char *scope = node_str(a, "scope"), *ind = node_str(a, "independent");
		cJSON_AddStringToObject(x, "date", date ? date : "");
		cJSON_AddStringToObject(x, "auditor", who ? who : "");
		cJSON_AddStringToObject(x, "scope", scope ? scope : "");
		add_str(x, "independent",
			ind ? str(sc, strcmp(ind, "true") == 0 ? "site.yes" : "site.no") : NULL);
		const char *rep = node_str(a, "report");
		if (rep)
			add_link(x, "report", rep);
		else
			cJSON_AddNullToObject(x, "report");
		cJSON_AddItemToArray(aa, x);
	}
	cJSON_AddBoolToObject(root, "has_audits", cJSON_GetArraySize(aa) > 0);
	add_chart(root, sc, ms, h);
	char *badge = xasprintf("%s-badge.svg", ms->id);
	cJSON_AddStringToObject(root, "badge", badge);
	free(badge);
	return root;
}

/* ---- what changed: the probe runs ---- */

static cJSON *changes_context(const struct site_ctx *sc, struct evaluation *const *evals, size_t n,
			      const struct site_history *h)
{
	cJSON *root = cJSON_CreateObject();
	add_common(root, sc, evals, n, "changes.html");
	cJSON_AddBoolToObject(root, "has_store", h != NULL);
	cJSON *runs = cJSON_AddArrayToObject(root, "runs");
	const struct criteria *c = evals[n - 1]->c;
	char *version = xasprintf("%s@%s", c->category, c->version);
	for (size_t i = 0; h && i < h->nruns; i++) {
		const struct site_run *r = &h->runs[i];
		char id[24], date[11], count[24];
		snprintf(id, sizeof(id), "%lld", r->id);
		snprintf(count, sizeof(count), "%zu", r->observed);
		date_format(r->started, date);
		cJSON *x = cJSON_CreateObject();
		cJSON_AddStringToObject(x, "id", id);
		cJSON_AddStringToObject(x, "date", date);
		add_filled(x, "heading", fill(str(sc, "site.changes.run"), "run", id, "date", date, (char *)NULL));
		add_filled(x, "observed", fill(str(sc, "site.changes.observed"), "count", count, (char *)NULL));
		if (i + 1 == h->nruns)
			add_filled(x, "first", fill(str(sc, "site.changes.first"), "count", count, (char *)NULL));
		add_filled(x, "caption_facts", fill(str(sc, "site.changes.caption-facts"), "run", id, (char *)NULL));
		add_filled(x, "caption_shifts", fill(str(sc, "site.changes.caption-shifts"), "run", id, "version", version, (char *)NULL));
		cJSON *ch = cJSON_AddArrayToObject(x, "changes");
		for (size_t k = 0; k < r->nchanges; k++) {
			const struct site_obs_change *o = &r->changes[k];
			cJSON *y = cJSON_CreateObject();
			cJSON_AddStringToObject(y, "messenger", o->messenger);
			cJSON_AddStringToObject(y, "fact", o->fact);
			add_str(y, "old", o->old);
			add_str(y, "new", o->new);
			add_str(y, "status", o->status && *o->status ? o->status : NULL);
			cJSON_AddItemToArray(ch, y);
		}
		cJSON_AddBoolToObject(x, "has_changes", r->nchanges > 0);
		cJSON *sh = cJSON_AddArrayToObject(x, "shifts");
		for (size_t k = 0; k < r->nshifts; k++) {
			const struct site_shift *o = &r->shifts[k];
			cJSON *y = cJSON_CreateObject();
			cJSON_AddStringToObject(y, "messenger", o->messenger);
			cJSON_AddStringToObject(y, "what", o->criterion ? o->criterion : str(sc, "site.changes.placement"));
			cJSON_AddStringToObject(y, "old", o->old);
			cJSON_AddStringToObject(y, "new", o->new);
			cJSON_AddItemToArray(sh, y);
		}
		cJSON_AddBoolToObject(x, "has_shifts", r->nshifts > 0);
		cJSON_AddBoolToObject(x, "nothing", !r->nchanges && !r->nshifts && i + 1 < h->nruns);
		cJSON_AddItemToArray(runs, x);
	}
	free(version);
	return root;
}

/* ---- templates ---- */

static struct mustache *load_template(const char *dir, const char *name, char **path)
{
	*path = xasprintf("%s/%s.mustache", dir, name);
	return template_load(*path);
}

static int render(const struct mustache *t, const char *path, cJSON *data, const char *dir,
		  struct buf *out)
{
	struct mustache_error err = {0};
	int rc = mustache_render(t, data, partial_from_dir, (void *)dir, NULL, out, &err);
	if (rc < 0)
		diag_report(stderr, err.file ? err.file : path, err.line, err.col, err.msg);
	cJSON_Delete(data);
	return rc;
}

struct site_file {
	char *path;
	struct buf content;
};

/* A messenger page is named by its id: it must be a plain file name that is not the index. */
static int check_page_name(const struct messenger *ms)
{
	bool ok = *ms->id && strlen(ms->id) <= 64 && ms->id[0] != '-';
	for (const char *s = ms->id; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
			ok = false;
	if (ok && strcmp(ms->id, "index") != 0)
		return 0;
	const struct node *id = node_get(ms->root, "id");
	fprintf(stderr, "%s:%u:%u: messenger id '%s' cannot name a page of the comparison site%s\n",
		ms->file ? ms->file : "<messenger>", id ? id->line : 1, id ? id->col : 1, ms->id,
		ok ? " (compare/index.html is the matrix)" : "");
	return -1;
}

int site_render(const struct model *m, struct evaluation *const *evals, size_t n,
		const struct site_history *h, const char *templates_dir, const char *locale,
		const char *const *locales, size_t nlocales, site_emit_fn emit, void *emit_ctx)
{
	if (n == 0)
		return 0;
	const struct site_ctx ctx = {m, locale, locales, nlocales}, *sc = &ctx;
	int rc = -1;
	char *sdir = locale_dir(locale);
	char *dir = xasprintf("%s/site", templates_dir);
	char *ipath = NULL, *mpath = NULL;
	struct mustache *itmpl = NULL, *mtmpl = NULL, *ctmpl = NULL;
	char *cpath = NULL;
	const struct messenger **ms = NULL;
	size_t nms = 0;
	struct site_file *files = NULL;
	size_t nfiles = 0;

	all_messengers(evals, n, &ms, &nms);
	for (size_t k = 0; k < nms; k++)
		if (check_page_name(ms[k]) < 0)
			goto out;
	if (!(itmpl = load_template(dir, "index.html", &ipath)) ||
	    !(mtmpl = load_template(dir, "messenger.html", &mpath)) ||
	    !(ctmpl = load_template(dir, "changes.html", &cpath)))
		goto out;
	files = xcalloc(2 * nms + 2, sizeof(*files));
	files[0].path = xasprintf("%s/index.html", sdir);
	/* the matrix has a row per messenger and version: its output budget grows with them (a
	 * row takes under 2 KiB), so that only a template that multiplies output runs out of it */
	buf_init(&files[0].content, MUSTACHE_MAX_OUTPUT + n * nms * SITE_ROW_BUDGET);
	if (render(itmpl, ipath, index_context(sc, evals, n, ms, nms), dir, &files[0].content) < 0)
		goto out;
	nfiles = 1;
	for (size_t k = 0; k < nms; k++, nfiles++) {
		files[nfiles].path = xasprintf("%s/%s.html", sdir, ms[k]->id);
		if (render(mtmpl, mpath, messenger_context(sc, evals, n, ms[k], h), dir,
			   &files[nfiles].content) < 0) {
			nfiles++;
			goto out;
		}
	}
	for (size_t k = 0; k < nms; k++) {
		const struct messenger_result *r = result_of(evals[n - 1], ms[k]);
		if (!r)
			continue;
		files[nfiles].path = xasprintf("%s/%s-badge.svg", sdir, ms[k]->id);
		badge_svg(&files[nfiles++].content, sc, r);
	}
	files[nfiles].path = xasprintf("%s/changes.html", sdir);
	if (render(ctmpl, cpath, changes_context(sc, evals, n, h), dir, &files[nfiles++].content) < 0)
		goto out;
	for (size_t i = 0; i < nfiles; i++)
		emit(emit_ctx, files[i].path, &files[i].content);
	rc = 0;
out:
	for (size_t i = 0; files && i < 2 * nms + 2; i++) {
		free(files[i].path);
		buf_release(&files[i].content);
	}
	free(files);
	free(ms);
	mustache_free(itmpl);
	mustache_free(mtmpl);
	mustache_free(ctmpl);
	free(cpath);
	free(ipath);
	free(mpath);
	free(dir);
	free(sdir);
	return rc;
}
