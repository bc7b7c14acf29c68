/* test_site.c - the HTML comparison site: Markdown from data rendered safely, the pages of the
 * guide's data (one per messenger, byte-stable, strings from the catalogue), and the errors
 * that stop a build (missing templates, a messenger id that cannot name a page). The site as a
 * browser sees it is tested by tests/browser/run.sh. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "diag.h"
#include "eval.h"
#include "model.h"
#include "page.h"
#include "site.h"
#include "util.h"

/* ---- Markdown ---- */

struct md_case {
	const char *md;
	const char *expected; /* exact output, or NULL */
	const char *has;      /* must contain, or NULL */
	const char *hasnt;    /* must not contain, or NULL */
};

static const struct md_case md_cases[] = {
	/* raw HTML is text */
	{"<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n", NULL, NULL},
	{"<img src=x onerror=alert(1)>", NULL, "&lt;img", "<img"},
	{"<a href=\"javascript:alert(1)\">x</a>", NULL, "&lt;a href", "<a "},
	/* links: http, https, mailto and fragments only */
	{"[ok](https://example.org/a?b=1&c=2)", "<p><a href=\"https://example.org/a?b=1&amp;c=2\">ok</a></p>\n", NULL, NULL},
	{"[mail](mailto:a@example.org)", NULL, "<a href=\"mailto:a@example.org\">mail</a>", NULL},
	{"[here](#top)", NULL, "<a href=\"#top\">here</a>", NULL},
	{"[x](javascript:alert(1))", "<p>x</p>\n", NULL, NULL},
	{"[x](JavaScript:alert(1))", "<p>x</p>\n", NULL, NULL},
	{"[x](java&#x73;cript:alert(1))", "<p>x</p>\n", NULL, NULL},
	{"[x](data:text/html,hi)", "<p>x</p>\n", NULL, NULL},
	{"[x](vbscript:msgbox)", "<p>x</p>\n", NULL, NULL},
	{"[relative](advanced/page.md)", "<p>relative</p>\n", NULL, NULL},
	{"[proto](//evil.example/x)", "<p>proto</p>\n", NULL, NULL},
	{"<javascript:alert(1)>", NULL, "javascript:alert(1)", "<a"},
	{"[t](https://example.org \"a\\\" onmouseover=\\\"x\")", NULL, "&quot; onmouseover=&quot;x", "\" onmouseover"},
	{"[**bold** link](https://example.org)", NULL, "<a href=\"https://example.org\"><strong>bold</strong> link</a>", NULL},
	/* no image is ever loaded: its description stays */
	{"![a tracking pixel](https://tracker.example/p.gif)", "<p>a tracking pixel</p>\n", NULL, NULL},
	{"![](https://tracker.example/p.gif)", "<p></p>\n", NULL, NULL},
	{"[![logo](https://t.example/l.png)](https://example.org)", "<p><a href=\"https://example.org\">logo</a></p>\n", NULL, NULL},
	/* footnote markers dropped, headings demoted, obsolete attributes dropped */
	{"Forward Secrecy[^forward-secrecy] and more[^x_1].", "<p>Forward Secrecy and more.</p>\n", NULL, NULL},
	{"a [^not a marker] b", NULL, "[^not a marker]", NULL},
	{"# One\n\n###### Six", "<h3>One</h3>\n<h6>Six</h6>\n", NULL, NULL},
	{"| a | b |\n|:--|--:|\n| 1 | 2 |", NULL, "<th>a</th>", "align="},
	{"```html\n<script>x</script>\n```", NULL, "&lt;script&gt;x&lt;/script&gt;", "<script"},
	{"a & b < c > d \"e\"", "<p>a &amp; b &lt; c &gt; d &quot;e&quot;</p>\n", NULL, NULL},
	{"", "", NULL, NULL},
};

static void test_markdown(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(md_cases); i++) {
		const struct md_case *c = &md_cases[i];
		struct buf b = BUF_INIT;
		site_markdown(&b, c->md);
		if (c->expected && strcmp(b.s, c->expected) != 0)
			fail_msg("case %zu %s: got '%s', expected '%s'", i, c->md, b.s, c->expected);
		if (c->has && !strstr(b.s, c->has))
			fail_msg("case %zu %s: '%s' lacks '%s'", i, c->md, b.s, c->has);
		if (c->hasnt && strstr(b.s, c->hasnt))
			fail_msg("case %zu %s: '%s' has '%s'", i, c->md, b.s, c->hasnt);
		buf_release(&b);
	}
}

/* ---- whole sites ---- */

struct file {
	char *path;
	char *data;
};

struct files {
	struct file v[128]; /* a site writes two files per messenger, and a few more */
	size_t n;
};

static void collect(void *ctx, const char *relpath, struct buf *content)
{
	struct files *f = ctx;
	assert_true(f->n < ARRAY_SIZE(f->v));
	f->v[f->n].path = xstrdup(relpath);
	f->v[f->n].data = buf_detach(content, NULL);
	f->n++;
}

static void files_free(struct files *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].path);
		free(f->v[i].data);
	}
	f->n = 0;
}

static const char *file_data(const struct files *f, const char *path)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->v[i].path, path) == 0)
			return f->v[i].data;
	fail_msg("no file %s", path);
	return NULL;
}

/* The site in English alone, as most tests build it. */
static const char *const en_only[] = {"en"};

struct guide {
	struct model m;
	struct evaluation *ev[8];
	size_t n;
};

/* Every version of the guide's category, oldest first, in page order. */
static void guide_load(struct guide *g)
{
	struct diag d = DIAG_INIT;
	if (model_load(&g->m, ".", &d) < 0 || d.n) {
		diag_print(&d, stderr);
		fail();
	}
	diag_release(&d);
	const struct messenger **ms = xcalloc(g->m.nmessengers, sizeof(*ms));
	for (size_t i = 0; i < g->m.nmessengers; i++)
		ms[i] = &g->m.messengers[i];
	const char *cat = model_criteria(&g->m, NULL)->category;
	g->n = 0;
	for (size_t i = 0; i < g->m.ncriteria && g->n < ARRAY_SIZE(g->ev); i++) {
		if (strcmp(g->m.criteria[i].category, cat) != 0)
			continue;
		long now;
		assert_int_equal(date_parse("2026-01-01", &now), 0);
		g->ev[g->n] = eval_run(&g->m.criteria[i], ms, g->m.nmessengers, NULL, now);
		eval_sort_page(g->ev[g->n++]);
	}
	free(ms);
	assert_true(g->n >= 2);
}

static void guide_free(struct guide *g)
{
	for (size_t i = 0; i < g->n; i++)
		eval_free(g->ev[i]);
	model_release(&g->m);
}

static void test_guide(void **state)
{
	(void)state;
	struct guide g;
	guide_load(&g);
	struct files a = {0}, b = {0};
	assert_int_equal(site_render(&g.m, g.ev, g.n, NULL, "templates", "en", en_only, 1, collect, &a), 0);
	/* the matrix, one page per messenger in the newest version's page order, their badges,
	 * the changes page */
	size_t nm = g.ev[g.n - 1]->n;
	assert_int_equal(a.n, 2 + 2 * nm);
	assert_string_equal(a.v[0].path, "compare/index.html");
	for (size_t i = 0; i < nm; i++) {
		char *want = xasprintf("compare/%s.html", g.ev[g.n - 1]->v[i].m->id);
		assert_string_equal(a.v[1 + i].path, want);
		free(want);
		want = xasprintf("compare/%s-badge.svg", g.ev[g.n - 1]->v[i].m->id);
		assert_string_equal(a.v[1 + nm + i].path, want);
		free(want);
	}
	assert_string_equal(a.v[1 + 2 * nm].path, "compare/changes.html");
	assert_non_null(strstr(file_data(&a, "compare/changes.html"), "No probe history yet"));
	const char *index = file_data(&a, "compare/index.html");
	assert_true(strncmp(index, "<!doctype html>\n<html lang=\"en\">\n", 33) == 0);
	assert_non_null(strstr(index, "<option value=\"excluded\">Excluded</option>"));
	assert_non_null(strstr(index, "data-id=\"briar\""));
	assert_non_null(strstr(index, "Evaluated on <time datetime=\"2026-01-01\">2026-01-01</time>"));
	/* the newest version shows without JavaScript, the others are hidden */
	char *newest = xasprintf("id=\"version-%zu\" data-version=\"%zu\" aria-labelledby=\"version-%zu-h\">",
				 g.n - 1, g.n - 1, g.n - 1);
	assert_non_null(strstr(index, newest));
	free(newest);
	assert_non_null(strstr(index, "id=\"version-0\" data-version=\"0\" aria-labelledby=\"version-0-h\" hidden>"));
	/* no Mustache tag is left over, nothing is loaded from elsewhere */
	for (size_t i = 0; i < a.n; i++) {
		assert_null(strstr(a.v[i].data, "{{"));
		assert_null(strstr(a.v[i].data, " src="));
	}
	const char *signal = file_data(&a, "compare/signal.html");
	assert_non_null(strstr(signal, "<title>Signal – "));
	assert_non_null(strstr(signal, "No observations yet"));
	assert_non_null(strstr(signal, "<a href=\"https://signal.org\">Homepage</a>"));
	/* byte-identical the second time */
	assert_int_equal(site_render(&g.m, g.ev, g.n, NULL, "templates", "en", en_only, 1, collect, &b), 0);
	assert_int_equal(a.n, b.n);
	for (size_t i = 0; i < a.n; i++) {
		assert_string_equal(a.v[i].path, b.v[i].path);
		assert_string_equal(a.v[i].data, b.v[i].data);
	}
	files_free(&a);
	files_free(&b);
	guide_free(&g);
}

static void test_strings_from_catalogue(void **state)
{
	(void)state;
	struct guide g;
	guide_load(&g);
	const struct catalog *en = i18n_catalog(&g.m.i18n, "en");
	assert_non_null(en);
	struct i18n_entry *e = (struct i18n_entry *)catalog_find(en, "site.title");
	assert_non_null(e);
	e->text = "Xyzzy <compared>";
	struct files f = {0};
	assert_int_equal(site_render(&g.m, g.ev, g.n, NULL, "templates", "en", en_only, 1, collect, &f), 0);
	assert_non_null(strstr(file_data(&f, "compare/index.html"), "<h1>Real-Time Communication: Xyzzy &lt;compared&gt;</h1>"));
	files_free(&f);
	guide_free(&g);
}

/* The French copy of the site: compare/fr/, lang="fr", French strings, criteria and prose,
 * English prose marked as such where French has none, and each page linked to its English
 * twin (and the English one to it). */
static void test_locale(void **state)
{
	(void)state;
	struct guide g;
	guide_load(&g);
	static const char *const both[] = {"en", "fr"};
	struct files en = {0}, fr = {0};
	assert_int_equal(site_render(&g.m, g.ev, g.n, NULL, "templates", "en", both, 2, collect, &en), 0);
	assert_int_equal(site_render(&g.m, g.ev, g.n, NULL, "templates", "fr", both, 2, collect, &fr), 0);
	assert_int_equal(en.n, fr.n);
	for (size_t i = 0; i < fr.n; i++) {
		char *want = xasprintf("compare/fr/%s", en.v[i].path + strlen("compare/"));
		assert_string_equal(fr.v[i].path, want);
		free(want);
	}
	const char *index = file_data(&fr, "compare/fr/index.html");
	assert_true(strncmp(index, "<!doctype html>\n<html lang=\"fr\">\n", 33) == 0);
	assert_non_null(strstr(index, "<option value=\"excluded\">Exclue</option>"));
	assert_non_null(strstr(index, "Évalué le <time datetime=\"2026-01-01\">2026-01-01</time>"));
	assert_non_null(strstr(index, "Communication en temps réel"));
	assert_non_null(strstr(index, "<a href=\"../index.html\" hreflang=\"en\" lang=\"en\">English</a>"));
	assert_non_null(strstr(file_data(&en, "compare/index.html"),
			       "<a href=\"fr/index.html\" hreflang=\"fr\" lang=\"fr\">Français</a>"));
	const char *signal = file_data(&fr, "compare/fr/signal.html");
	assert_non_null(strstr(signal, "<a href=\"../signal.html\" hreflang=\"en\" lang=\"en\">English</a>"));
	assert_non_null(strstr(signal, "<a href=\"https://signal.org\">Page d&#39;accueil</a>"));
	assert_null(strstr(signal, "No observations yet"));
	files_free(&en);
	files_free(&fr);
	guide_free(&g);
}

static void test_observation_shown(void **state)
{
	(void)state;
	struct guide g;
	guide_load(&g);
	/* a probe observation on one fact of Signal's shows on its page */
	static const struct node value = {.str = "true", .type = NODE_SCALAR, .plain = true};
	static const struct observation obs = {.messenger = "signal", .fact = "forward-secrecy",
					       .value = &value, .probe = "forge",
					       .observed = "2026-01-02", .source = "https://signal.org/docs/"};
	struct evaluation *e = g.ev[g.n - 1];
	struct fact *hit = NULL;
	for (size_t i = 0; i < e->n && !hit; i++) {
		if (strcmp(e->v[i].m->id, "signal") != 0)
			continue;
		for (size_t k = 0; k < e->c->ncrit && !hit; k++)
			for (size_t j = 0; j < e->v[i].results[k].nev; j++)
				if (strcmp(e->v[i].results[k].ev[j].path, "forward-secrecy") == 0)
					hit = &e->v[i].results[k].ev[j];
	}
	assert_non_null(hit);
	hit->obs = &obs;
	hit->status = OBS_CONFIRMED;
	struct files f = {0};
	assert_int_equal(site_render(&g.m, g.ev, g.n, NULL, "templates", "en", en_only, 1, collect, &f), 0);
	const char *signal = file_data(&f, "compare/signal.html");
	assert_null(strstr(signal, "No observations yet"));
	assert_non_null(strstr(signal, "<td>confirmed</td>"));
	assert_non_null(strstr(signal, "Probe: confirmed (true) · <time datetime=\"2026-01-02\">2026-01-02</time>"));
	assert_non_null(strstr(file_data(&f, "compare/briar.html"), "No observations yet"));
	files_free(&f);
	guide_free(&g);
}

static void test_errors(void **state)
{
	(void)state;
	struct guide g;
	guide_load(&g);
	struct files f = {0};
	/* missing templates: an error, nothing emitted */
	assert_int_equal(site_render(&g.m, g.ev, g.n, NULL, "tests/no-such-dir", "en", en_only, 1, collect, &f), -1);
	assert_int_equal(f.n, 0);
	/* a messenger named "index" would overwrite the matrix */
	const char *id = g.m.messengers[0].id;
	g.m.messengers[0].id = "index";
	assert_int_equal(site_render(&g.m, g.ev, g.n, NULL, "templates", "en", en_only, 1, collect, &f), -1);
	assert_int_equal(f.n, 0);
	g.m.messengers[0].id = "../escape";
	assert_int_equal(site_render(&g.m, g.ev, g.n, NULL, "templates", "en", en_only, 1, collect, &f), -1);
	assert_int_equal(f.n, 0);
	g.m.messengers[0].id = id;
	/* nothing to render: nothing emitted, no error */
	assert_int_equal(site_render(&g.m, g.ev, 0, NULL, "templates", "en", en_only, 1, collect, &f), 0);
	assert_int_equal(f.n, 0);
	guide_free(&g);
}

/* The presentation tables (icons of the page, channel labels of the site) cover every value of
 * the schema's registries: a platform, channel or threat added there cannot go unshown. */
static void test_registry_covered(void **state)
{
	(void)state;
	const char *gap = page_registry_gap();
	if (gap)
		fail_msg("the page has no icon for '%s'", gap);
	gap = site_registry_gap();
	if (gap)
		fail_msg("the site has no label for the channel '%s'", gap);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_registry_covered),
		cmocka_unit_test(test_markdown),
		cmocka_unit_test(test_guide),
		cmocka_unit_test(test_strings_from_catalogue),
		cmocka_unit_test(test_locale),
		cmocka_unit_test(test_observation_shown),
		cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests_name("site", tests, NULL, NULL);
}
