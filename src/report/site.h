/* site.h - the self-contained HTML comparison site (compare/ under the build's output).
 *
 * site_render() turns the evaluations of one category (one per criteria version) into the
 * matrix page compare/index.html and one page per messenger, compare/<id>.html, from the
 * Mustache templates under templates/site/, in one locale: English in compare/, another
 * locale in compare/<locale>/ (as the guide's pages are docs/ and docs/<locale>/), each page
 * linking to the same page in the other locales built. Every page is standalone: CSS and
 * JavaScript are inline, nothing is loaded from outside the site, and it works from file://.
 * Strings come from the locale's catalogue, string by string falling back to English
 * (site_check_strings makes sure English has them all), and so do the criteria's texts and the
 * messengers' prose (English prose on another locale's page is marked lang="en"); text from data is
 * escaped for its context, prose is rendered from Markdown with md4c (raw HTML refused, links
 * only for http, https and mailto, images reduced to their text). Pure apart from reading the
 * templates: the same inputs give the same bytes. */
#ifndef MSGVET_SITE_H
#define MSGVET_SITE_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "eval.h"
#include "model.h"

/* Receives one output file: path relative to the site root (e.g. "compare/index.html"); takes
 * the bytes with buf_detach. */
typedef void (*site_emit_fn)(void *ctx, const char *relpath, struct buf *content);

/* The probe history the site shows, gathered by the command from the store (plain data; the
 * renderer reads nothing else). Strings are borrowed. */
struct site_obs_change {          /* one observation that changed in a run */
	const char *messenger, *fact;
	const char *old, *new;        /* values as text; a failed probe's reason; old NULL: new fact */
	const char *status;           /* the fact's observation status after the run */
};
struct site_shift {               /* one verdict or placement that the run changed */
	const char *messenger;
	const char *criterion;        /* NULL: the placement */
	const char *old, *new;        /* verdict or placement names */
};
struct site_run {                 /* one completed probe run */
	long long id;
	long started;                 /* days since the epoch */
	size_t observed;              /* observations it made */
	const struct site_obs_change *changes;
	size_t nchanges;
	const struct site_shift *shifts;
	size_t nshifts;
};
struct site_release {             /* one release date seen by a probe */
	const char *messenger;
	const char *fact;             /* release.latest.date, store.<channel>.released, feed.<platform>.released */
	long date;                    /* days since the epoch */
};
struct site_history {
	const struct site_run *runs;  /* newest first */
	size_t nruns;
	const struct site_release *releases; /* by messenger, fact, date; no duplicates */
	size_t nreleases;
};

/* Render the comparison site for evals[0..n) (one evaluation per criteria version, messengers
 * in page order, evals[n-1] the newest; borrowed) in locale, with strings from m->i18n and
 * templates from templates_dir/site/ (templates_dir is ROOT/templates). locales[0..nlocales)
 * are the locales the build writes the site in (locale among them), linked from each page.
 * Files are named under compare/ for "en", compare/<locale>/ for another locale, and handed to
 * emit only once every page of the locale has rendered. It only reads its inputs, so several
 * locales may render at once on different threads (each with its own emit context). Returns 0, or -1 after printing a file:line:col
 * error to stderr (bad template, or a messenger id that cannot name a page). Besides the
 * matrix and the messenger pages: compare/changes.html (what the probe runs of h changed;
 * h NULL when there is no probe database) and a badge per messenger, compare/<id>-badge.svg. */
int site_render(const struct model *m, struct evaluation *const *evals, size_t n,
		const struct site_history *h, const char *templates_dir, const char *locale,
		const char *const *locales, size_t nlocales, site_emit_fn emit, void *emit_ctx);

/* Whether the English catalogue t (read from file) has every string the site needs; each one
 * missing is recorded in d. 0 or -1. */
int site_check_strings(const struct i18n *t, const char *file, struct diag *d);

/* The first download channel of the schema's registry that the site has no label for, or
 * NULL when it has one for every channel. */
const char *site_registry_gap(void);

/* Render Markdown from data as HTML for the site: footnote markers [^id] removed, raw HTML
 * escaped, links kept only for http, https and mailto URLs (others become their text), images
 * replaced by their alternative text, headings demoted by two levels. Appends to out. */
void site_markdown(struct buf *out, const char *md);

#endif
