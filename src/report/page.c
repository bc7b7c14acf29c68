/* page.c - the Mustache context of the guide's category page. */
#include "page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "node.h"
#include "schema.h"
#include "tmplfile.h"
#include "util.h"

struct download_kind {
	const char *channel;
	const char *platform; /* NULL: any */
	const char *icon;
	const char *label;     /* fixed label, or NULL: the platform's localised name */
};

/* The guide's icons for download channels, in lookup order. */
static const struct download_kind download_kinds[] = {
	{"google-play", NULL, "simple-googleplay", "Google Play"},
	{"app-store", NULL, "simple-appstore", "App Store"},
	{"f-droid", NULL, "simple-fdroid", "F-Droid"},
	{"flathub", NULL, "simple-flathub", "Flathub"},
	{"github", NULL, "simple-github", "GitHub"},
	{"gitlab", NULL, "simple-gitlab", "GitLab"},
	{"web", NULL, "octicons-globe-16", NULL},
	{"direct", "android", "simple-android", NULL},
	{"direct", "ios", "simple-apple", NULL},
	{"direct", "windows", "fontawesome-brands-windows", NULL},
	{"direct", "macos", "simple-apple", NULL},
	{"direct", "linux", "simple-linux", NULL},
	{"direct", "web", "octicons-globe-16", NULL},
};

struct threat_kind {
	const char *id, *icon, *anchor, *class;
};

static const struct threat_kind threat_kinds[] = {
	{"passive-attacks", "material-bug-outline", "security-and-privacy", "pg-orange"},
	{"service-providers", "material-server-network", "privacy-from-service-providers", "pg-teal"},
	{"mass-surveillance", "material-eye-outline", "mass-surveillance-programs", "pg-blue"},
	{"surveillance-capitalism", "material-account-cash", "surveillance-as-a-business-model", "pg-brown"},
	{"censorship", "material-close-outline", "avoiding-censorship", "pg-blue-gray"},
};

struct card_link {
	const char *key;   /* links.<key> in the data */
	const char *icon;
	const char *title; /* i18n key */
	const char *space; /* before the closing brace, as the guide writes it */
};

static const struct card_link card_links[] = {
	{"privacy-policy", "octicons-eye-16", "links.privacy-policy", " "},
	{"documentation", "octicons-info-16", "links.documentation", ""},
	{"source-code", "octicons-code-16", "links.source-code", " "},
	{"donations", "octicons-heart-16", "links.contribute", " "},
};

/* A URL as a Markdown link destination: characters that could end the destination or start
 * an attribute list after it are percent-encoded, and so is every byte outside printable
 * ASCII (no line separator or control character reaches the page). */
static void add_url(cJSON *obj, const char *key, const char *url)
{
	struct buf b = BUF_INIT;
	for (const char *p = url ? url : ""; *p; p++) {
		if (strchr("()[]{}<> \"'\\", *p) || (unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7F)
			buf_addf(&b, "%%%02X", (unsigned char)*p);
		else
			buf_addc(&b, *p);
	}
	cJSON_AddStringToObject(obj, key, b.s);
	buf_release(&b);
}

/* Replace footnote markers [^id] by the page's numbers. */
static char *number_footnotes(const char *s, const struct criteria *c)
{
	struct buf b = BUF_INIT;
	while (*s) {
		if (s[0] == '[' && s[1] == '^') {
			size_t len = strcspn(s + 2, "]");
			if (s[2 + len] == ']') {
				size_t k;
				for (k = 0; k < c->nnotes; k++)
					if (strlen(c->notes[k].id) == len &&
					    strncmp(c->notes[k].id, s + 2, len) == 0)
						break;
				if (k < c->nnotes) {
					buf_addf(&b, "[^%zu]", k + 1);
					s += 3 + len;
					continue;
				}
			}
		}
		buf_addc(&b, *s++);
	}
	return buf_detach(&b, NULL);
}

/* Markdown from data: trailing blank lines removed, footnotes numbered. */
static void add_md(cJSON *obj, const char *key, const char *md, const struct criteria *c)
{
	if (!md)
		return;
	char *s = number_footnotes(md, c);
	size_t n = strlen(s);
	while (n && (s[n - 1] == '\n' || s[n - 1] == ' '))
		s[--n] = '\0';
	cJSON_AddStringToObject(obj, key, s);
	free(s);
}

/* A YAML scalar for the front matter: double-quoted when plain style could misread it, with
 * every line break and control character escaped (PyYAML, which mkdocs uses, breaks lines at
 * CR, NEL, U+2028 and U+2029 too). */
static char *yaml_scalar(const char *s, bool force_quotes)
{
	bool quote = force_quotes || strpbrk(s, ":#'\"{}[],&*!|>%@`\\") || *s == '-' || *s == '?' ||
		     *s == ' ' || !*s;
	for (const char *p = s; *p && !quote; p++)
		quote = buf_linebreak(p) > 0;
	if (!quote)
		return xstrdup(s);
	struct buf b = BUF_INIT;
	buf_addc(&b, '"');
	for (const char *p = s; *p; p++) {
		size_t lb = buf_linebreak(p);
		if (lb == 1)
			buf_addf(&b, "\\x%02X", (unsigned char)*p);
		else if (lb == 2)
			buf_addf(&b, "\\x%02X", (unsigned char)p[1]);
		else if (lb == 3)
			buf_adds(&b, (unsigned char)p[2] == 0xA8 ? "\\L" : "\\P");
		else if (*p == '"' || *p == '\\')
			buf_addf(&b, "\\%c", *p);
		else
			buf_addc(&b, *p);
		if (lb)
			p += lb - 1;
	}
	buf_addc(&b, '"');
	return buf_detach(&b, NULL);
}

/* A front matter key; an optional one (required false) is left out when s is NULL. */
static void add_front(cJSON *front, const char *key, const char *s, bool quote, bool required)
{
	if (!s && !required)
		return;
	char *v = yaml_scalar(s ? s : "", quote);
	cJSON_AddStringToObject(front, key, v);
	free(v);
}

/* A title inside an attribute list: bare when it is one word, else double-quoted. attr_list
 * has no escapes inside quotes: characters that would end the value or the list are written
 * as entities (Python-Markdown keeps entities when it writes the attribute), line breaks and
 * control characters as spaces. */
static char *attr_value(const char *s)
{
	bool bare = *s != '\0';
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      *p == '-' || *p == '_' || (unsigned char)*p >= 0x80) || buf_linebreak(p))
			bare = false;
	if (bare)
		return xstrdup(s);
	struct buf b = BUF_INIT;
	buf_addc(&b, '"');
	for (const char *p = s; *p; p++) {
		size_t lb = buf_linebreak(p);
		if (lb) {
			buf_addc(&b, ' ');
			p += lb - 1;
			continue;
		}
		switch (*p) {
		case '"': buf_adds(&b, "&quot;"); break;
		case '&': buf_adds(&b, "&amp;"); break;
		case '<': buf_adds(&b, "&lt;"); break;
		case '>': buf_adds(&b, "&gt;"); break;
		case '{': buf_adds(&b, "&#123;"); break;
		case '}': buf_adds(&b, "&#125;"); break;
		default: buf_addc(&b, *p);
		}
	}
	buf_addc(&b, '"');
	return buf_detach(&b, NULL);
}

/* Every string of the catalogue as nested objects: t.links.homepage. */
static cJSON *strings(const struct i18n *t, const char *locale)
{
	cJSON *root = cJSON_CreateObject();
	const struct catalog *en = i18n_catalog(t, "en");
	for (size_t i = 0; en && i < en->n; i++) {
		json_set_dotted(root, en->v[i].key, i18n_get(t, locale, en->v[i].key));
	}
	return root;
}

static const char *page_text(const struct criteria *c, const char *key, const char *locale)
{
	return loc_text(node_get(c->page, key), locale);
}

const char *page_file(const struct criteria *c)
{
	static char name[96];
	const char *f = node_str(c->page, "file");
	if (f)
		return f;
	snprintf(name, sizeof(name), "%.60s.md", c->category);
	return name;
}

static cJSON *messenger_card(const struct messenger *m, const struct criteria *c,
			     const struct i18n *t, const char *locale)
{
	cJSON *o = cJSON_CreateObject();
	const struct node *root = m->root;
	const struct node *prose = node_get(root, "prose");
	const struct node *mine = node_get(prose, locale), *en = node_get(prose, "en");
#define PROSE(k) (node_str(mine, k) ? node_str(mine, k) : node_str(en, k))
	cJSON_AddStringToObject(o, "id", m->id);
	cJSON_AddStringToObject(o, "name", m->name);
	const char *logo = node_str(root, "logo");
	char *deflogo = xasprintf("assets/img/messengers/%s.svg", m->id);
	add_url(o, "logo", logo ? logo : deflogo);
	free(deflogo);
	const char *alt = i18n_get(t, locale, "logo-alt");
	const char *at = alt ? strstr(alt, "{name}") : NULL;
	char *alttext = at ? xasprintf("%.*s%s%s", (int)(at - alt), alt, m->name, at + 6)
			   : xstrdup(m->name);
	cJSON_AddStringToObject(o, "logo_alt", alttext);
	free(alttext);
	add_md(o, "summary", PROSE("summary"), c);
	add_md(o, "setup", PROSE("setup"), c);
	add_md(o, "notes", PROSE("notes"), c);
	const struct node *links = node_get(root, "links");
	add_url(o, "homepage", node_str(links, "homepage"));
	cJSON *cl = cJSON_AddArrayToObject(o, "card_links");
	for (size_t i = 0; i < ARRAY_SIZE(card_links); i++) {
		const char *url = node_str(links, card_links[i].key);
		if (!url)
			continue;
		const char *title = i18n_get(t, locale, card_links[i].title);
		if (strcmp(card_links[i].key, "donations") == 0 && PROSE("donations-title"))
			title = PROSE("donations-title");
		cJSON *l = cJSON_CreateObject();
		cJSON_AddStringToObject(l, "icon", card_links[i].icon);
		add_url(l, "url", url);
		char *tv = attr_value(title ? title : card_links[i].key);
		cJSON_AddStringToObject(l, "title_attr", tv);
		free(tv);
		cJSON_AddStringToObject(l, "space", card_links[i].space);
		cJSON_AddItemToArray(cl, l);
	}
	/* the guide's download order is the order the file gives: items are kept sorted by key,
	 * so put them back in line order */
	const struct node *dl = node_get(root, "downloads");
	const struct node **dls = xcalloc(dl ? dl->n + 1 : 1, sizeof(*dls));
	for (uint32_t i = 0; dl && i < dl->n; i++) {
		uint32_t j = i;
		while (j > 0 && dls[j - 1]->line > dl->kids[i]->line) {
			dls[j] = dls[j - 1];
			j--;
		}
		dls[j] = dl->kids[i];
	}
	cJSON *da = cJSON_AddArrayToObject(o, "downloads");
	for (uint32_t i = 0; dl && i < dl->n; i++) {
		const char *ch = node_str(dls[i], "channel");
		const char *pf = node_str(dls[i], "platform");
		const struct download_kind *k = NULL;
		for (size_t j = 0; j < ARRAY_SIZE(download_kinds) && !k; j++)
			if (strcmp(download_kinds[j].channel, ch) == 0 &&
			    (!download_kinds[j].platform || (pf && strcmp(download_kinds[j].platform, pf) == 0)))
				k = &download_kinds[j];
		if (!k)
			continue;
		cJSON *x = cJSON_CreateObject();
		cJSON_AddStringToObject(x, "icon", k->icon);
		const char *label = k->label;
		char *pkey = NULL;
		if (!label) {
			pkey = xasprintf("platforms.%s", pf ? pf : "web");
			label = i18n_get(t, locale, pkey);
		}
		cJSON_AddStringToObject(x, "label", label ? label : (pf ? pf : ch));
		free(pkey);
		add_url(x, "url", node_str(dls[i], "url"));
		cJSON_AddItemToArray(da, x);
	}
	free(dls);
	cJSON_AddBoolToObject(o, "has_downloads", cJSON_GetArraySize(da) > 0);
#undef PROSE
	return o;
}

/* Whether m stands under a messenger placed in section sec (its card then follows that one). */
static bool placed_under(const struct evaluation *e, const struct messenger *m, const struct section *sec)
{
	for (size_t i = 0; m->under && i < e->n; i++)
		if (strcmp(e->v[i].m->id, m->under) == 0)
			return e->v[i].placement == sec;
	return false;
}

cJSON *page_context(const struct evaluation *e, const struct i18n *t, const char *locale)
{
	const struct criteria *c = e->c;
	cJSON *root = cJSON_CreateObject();
	cJSON_AddStringToObject(root, "locale", locale);
	cJSON_AddStringToObject(root, "criteria", c->version);
	cJSON_AddItemToObject(root, "t", strings(t, locale));

	cJSON *front = cJSON_AddObjectToObject(root, "front");
	add_front(front, "meta_title", page_text(c, "meta-title", locale), true, false);
	add_front(front, "title", loc_text(c->title, locale), true, true);
	add_front(front, "icon", node_str(c->page, "icon"), false, true);
	add_front(front, "description", page_text(c, "description", locale), false, false);
	add_front(front, "cover", node_str(c->page, "cover"), false, false);
	add_md(root, "intro", page_text(c, "intro", locale), c);
	const char *ntb = node_str(c->page, "network-types-button");
	cJSON_AddBoolToObject(root, "network_types_button", !ntb || strcmp(ntb, "false") != 0);
	const char *mh = node_str(c->page, "minimum-heading");
	cJSON_AddBoolToObject(root, "minimum_heading", !mh || strcmp(mh, "false") != 0);
	const struct node *cn = node_get(c->page, "criteria-note");
	if (cn) {
		cJSON *x = cJSON_AddObjectToObject(root, "criteria_note");
		cJSON_AddStringToObject(x, "kind", node_str(cn, "kind"));
		cJSON_AddStringToObject(x, "title", loc_text(node_get(cn, "title"), locale));
		add_md(x, "text", loc_text(node_get(cn, "text"), locale), c);
	} else {
		cJSON_AddFalseToObject(root, "criteria_note");
	}

	cJSON *threats = cJSON_AddArrayToObject(root, "threats");
	const struct node *tl = node_get(c->page, "threats");
	for (uint32_t i = 0; tl && i < tl->n; i++) {
		for (size_t k = 0; k < ARRAY_SIZE(threat_kinds); k++) {
			if (strcmp(threat_kinds[k].id, tl->kids[i]->str) != 0)
				continue;
			cJSON *x = cJSON_CreateObject();
			char *key = xasprintf("threats.%s", threat_kinds[k].id);
			const char *name = i18n_get(t, locale, key);
			free(key);
			cJSON_AddStringToObject(x, "icon", threat_kinds[k].icon);
			cJSON_AddStringToObject(x, "name", name ? name : threat_kinds[k].id);
			cJSON_AddStringToObject(x, "anchor", threat_kinds[k].anchor);
			cJSON_AddStringToObject(x, "class", threat_kinds[k].class);
			cJSON_AddItemToArray(threats, x);
		}
	}

	cJSON_AddBoolToObject(root, "has_threats", cJSON_GetArraySize(threats) > 0);

	cJSON *sections = cJSON_AddArrayToObject(root, "sections");
	for (size_t s = 0; s < c->nsections; s++) {
		const struct section *sec = &c->sections[s];
		cJSON *ms = cJSON_CreateArray();
		/* a messenger that stands under another placed in the same section follows its
		 * card, one heading level down (Molly under Signal) */
		const char *heading = sec->untitled ? "##" : "###";
		const char *sub = sec->untitled ? "###" : "####";
		for (size_t i = 0; i < e->n; i++) {
			const struct messenger_result *r = &e->v[i];
			if (r->placement != sec || placed_under(e, r->m, sec))
				continue;
			cJSON *card = messenger_card(r->m, c, t, locale);
			cJSON_AddStringToObject(card, "heading", heading);
			cJSON_AddItemToArray(ms, card);
			for (size_t k = 0; k < e->n; k++) {
				const struct messenger *x = e->v[k].m;
				if (e->v[k].placement != sec || !x->under || strcmp(x->under, r->m->id) != 0)
					continue;
				card = messenger_card(x, c, t, locale);
				cJSON_AddStringToObject(card, "heading", sub);
				cJSON_AddItemToArray(ms, card);
			}
		}
		if (cJSON_GetArraySize(ms) == 0) {
			cJSON_Delete(ms); /* an empty section is not on the page */
			continue;
		}
		cJSON *x = cJSON_CreateObject();
		cJSON_AddStringToObject(x, "id", sec->id);
		if (!sec->untitled)
			cJSON_AddStringToObject(x, "title", loc_text(sec->title, locale));
		add_md(x, "intro", loc_text(sec->intro, locale), c);
		add_md(x, "warning", loc_text(sec->warning, locale), c);
		/* absent keys would be looked up in the page's context (its intro) */
		static const char *const own[] = {"title", "intro", "warning"};
		for (size_t k = 0; k < ARRAY_SIZE(own); k++)
			if (!cJSON_HasObjectItem(x, own[k]))
				cJSON_AddFalseToObject(x, own[k]);
		cJSON_AddItemToObject(x, "messengers", ms);
		cJSON_AddItemToArray(sections, x);
	}

	cJSON *mins = cJSON_AddArrayToObject(root, "minimum");
	cJSON *best = cJSON_AddArrayToObject(root, "best_case");
	for (size_t k = 0; k < c->ncrit; k++) {
		cJSON *x = cJSON_CreateObject();
		add_md(x, "text", loc_text(c->crit[k].text, locale), c);
		cJSON_AddStringToObject(x, "id", c->crit[k].id);
		cJSON_AddItemToArray(c->crit[k].level == LEVEL_MINIMUM ? mins : best, x);
	}
	cJSON *notes = cJSON_AddArrayToObject(root, "footnotes");
	for (size_t k = 0; k < c->nnotes; k++) {
		cJSON *x = cJSON_CreateObject();
		cJSON_AddNumberToObject(x, "n", (double)(k + 1));
		add_md(x, "text", loc_text(c->notes[k].text, locale), c);
		cJSON_AddItemToArray(notes, x);
	}
	cJSON_AddBoolToObject(root, "has_footnotes", c->nnotes > 0);
	return root;
}

const char *page_registry_gap(void)
{
	for (const char *const *t = schema_enum("threat"); *t; t++) {
		bool found = false;
		for (size_t i = 0; i < ARRAY_SIZE(threat_kinds) && !found; i++)
			found = strcmp(threat_kinds[i].id, *t) == 0;
		if (!found)
			return *t;
	}
	for (const char *const *c = schema_enum("channel"); *c; c++) {
		bool direct = strcmp(*c, "direct") == 0;
		for (const char *const *p = schema_enum("platform"); *p; p++) {
			bool found = false;
			for (size_t i = 0; i < ARRAY_SIZE(download_kinds) && !found; i++)
				found = strcmp(download_kinds[i].channel, *c) == 0 &&
					(!download_kinds[i].platform || strcmp(download_kinds[i].platform, *p) == 0);
			if (!found)
				return direct ? *p : *c;
			if (!direct)
				break; /* other channels have one icon whatever the platform */
		}
	}
	return NULL;
}
