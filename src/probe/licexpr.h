/* licexpr.h - a repository's licence as one SPDX expression, from its licence files, its
 * notice (the README) and the SPDX-License-Identifier lines of its files. Pure: no I/O.
 *
 * The rule (man page msgvet(1), `repo`, says the same):
 *  1. Terms. Each licence file whose text matches a known licence gives that identifier (once,
 *     however many files carry it). Each licence file read as text that is no known licence
 *     (`unknown`, or `other`: a modified licence) gives `LicenseRef-<Name>`, Name taken from the
 *     file name: the suffix after the stem (LICENSE-COMMERCIAL, COPYING.proprietary:
 *     Commercial, Proprietary), else the name without extension (LICENSES/Foo.txt: Foo;
 *     LICENSE: LICENSE), a name already starting with "LicenseRef-" kept as it is. Files that
 *     are no text (symbolic links, binary, too large, unreadable) give no term; the evidence
 *     says so.
 *  2. Alternatives. A LicenseRef whose name says commercial, proprietary or enterprise is an
 *     alternative licence sold beside the others: it is joined with OR at the top.
 *  3. The other terms are joined with OR when the notice says the licences are alternatives
 *     ("dual licensed", "dual-licensed", "under either", "either of", "your choice of", "at
 *     your choice"), else with AND (each applies to its part of the tree: the REUSE layout).
 *  4. GNU licences (GPL, LGPL, AGPL) get "-only" or "-or-later". The notice decides when it
 *     says so ("any later version", "-or-later": or-later; "only" right after a licence version
 *     such as "version 3 only", "v3 only", "GPLv3 only", "GPL-3.0-only": only), then the files' headers
 *     (SPDX-License-Identifier lines with X-only, or X-or-later / X+, and headers granting "any
 *     later version" in prose). When the notice says nothing and the headers agree, they
 *     decide. When notice and headers disagree, or the headers disagree among themselves, or
 *     nothing says, the plain identifier is kept and the evidence reports each side with its
 *     count: nothing is picked silently.
 * Evidence: one sentence per finding, in the order above. */
#ifndef MSGVET_LICEXPR_H
#define MSGVET_LICEXPR_H

#include <stdbool.h>
#include <stddef.h>

/* One licence file as the detector saw it; everything borrowed. */
struct licexpr_file {
	const char *path;
	const char *licence; /* SPDX id, "other" or "unknown" */
	const char *closest; /* for other: the licence it resembles; else NULL */
	const char *reason;  /* why it is not a licence (NULL for a match) */
	bool text;           /* it was read as text (not a link, binary, too large or unreadable) */
};

/* How many files carry one SPDX-License-Identifier expression; borrowed. */
struct licexpr_tally {
	const char *expression;
	size_t files;
};

struct licexpr_input {
	const struct licexpr_file *files; /* in path order */
	size_t nfiles;
	const char *notice_path; /* the README, or NULL when there is none */
	const char *notice;      /* its text (need not be NUL-terminated) */
	size_t notice_len;
	const struct licexpr_tally *spdx;
	size_t nspdx;
	size_t later_headers; /* files whose first lines grant "any later version" in prose */
};

/* The decision; every pointer owned. */
struct licexpr {
	char *expression; /* NULL when no file gives a term */
	char **evidence;
	size_t nevidence;
};

void licexpr_decide(const struct licexpr_input *in, struct licexpr *out);
void licexpr_release(struct licexpr *e);

/* Whether text (len bytes) grants "any later version" in prose, as GNU notices do; a copy of
 * a licence text itself (holding "TERMS AND CONDITIONS") does not count. */
bool licexpr_grants_later(const char *text, size_t len);

#endif
