/* licexpr.c - a repository's licence as one SPDX expression (the rule is in licexpr.h). */
#define _GNU_SOURCE /* memmem */
#include "licexpr.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "util.h"

#define NOTICE_MAX (256 * 1024) /* bytes of the notice read */

/* Words of a notice saying its licences are alternatives. */
static const char *const dual_words[] = {
	"dual licen", "dual-licen", "dually licen", "under either", "either of", "your choice of",
	"at your choice",
};

/* Words of a LicenseRef name that make it an alternative sold beside the others. */
static const char *const alt_words[] = {"commercial", "proprietary", "enterprise"};

/* Words granting later versions of a GNU licence ("or later" alone is not: "Python 3.8 or
 * later" is a README's requirement, not a grant). */
static const char *const later_words[] = {"any later version", "-or-later"};

struct terms {
	char **v;
	bool *alt;
	size_t n, alloc, alt_alloc;
};

struct ev {
	struct licexpr *out;
	size_t alloc;
};

static void say(struct ev *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct ev *e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *s = xmalloc(n > 0 ? (size_t)n + 1 : 1);
	va_start(ap, fmt);
	vsnprintf(s, n > 0 ? (size_t)n + 1 : 1, fmt, ap);
	va_end(ap);
	struct licexpr *o = e->out;
	o->evidence = xgrow(o->evidence, sizeof(*o->evidence), o->nevidence + 1, &e->alloc);
	o->evidence[o->nevidence++] = s;
}

static bool has_term(const struct terms *t, const char *s)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->v[i], s) == 0)
			return true;
	return false;
}

static void add_term(struct terms *t, char *s, bool alt)
{
	size_t n = t->n;
	t->v = xgrow(t->v, sizeof(*t->v), n + 1, &t->alloc);
	t->alt = xgrow(t->alt, sizeof(*t->alt), n + 1, &t->alt_alloc);
	t->v[n] = s;
	t->alt[n] = alt;
	t->n++;
}

static bool contains_ci(const char *s, const char *word)
{
	size_t n = strlen(word);
	for (; *s; s++)
		if (strncasecmp(s, word, n) == 0)
			return true;
	return false;
}

/* LicenseRef-<Name> for a licence file that is no known licence. */
static char *ref_name(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (strncmp(base, "LicenseRef-", 11) == 0) {
		const char *dot = strrchr(base, '.');
		size_t n = dot && dot > base + 11 ? (size_t)(dot - base) : strlen(base);
		return xasprintf("%.*s", (int)n, base);
	}
	static const char *const stems[] = {"LICENSE", "LICENCE", "COPYING", "UNLICENSE"};
	const char *name = base;
	bool root = base == path;
	for (size_t i = 0; root && i < ARRAY_SIZE(stems); i++) {
		size_t n = strlen(stems[i]);
		if (strncasecmp(base, stems[i], n) == 0 && base[n] && strchr("-_.", base[n]) &&
		    base[n + 1]) {
			name = base + n + 1; /* the suffix */
			break;
		}
	}
	/* the name up to its extension (".txt", ".md"): a suffix like "commercial.md" */
	const char *dot = strchr(name, '.');
	size_t n = dot && dot > name ? (size_t)(dot - name) : strlen(name);
	struct buf b = BUF_INIT;
	buf_adds(&b, "LicenseRef-");
	bool start = name != base; /* a suffix is capitalised: COMMERCIAL -> Commercial */
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)name[i];
		if (!isalnum(c) && c != '.' && c != '-')
			c = '-';
		if (name != base && isalpha(c))
			c = (unsigned char)(start ? toupper(c) : tolower(c));
		start = c == '-' || c == '.';
		buf_addc(&b, (char)c);
	}
	return buf_detach(&b, NULL);
}

/* The notice in lower case, with runs of blanks and Markdown emphasis as one space. */
static void normalise_notice(const char *s, size_t len, struct buf *out)
{
	if (len > NOTICE_MAX)
		len = NOTICE_MAX;
	bool blank = false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\0' || isspace(c) || c == '*' || c == '`') {
			blank = out->len > 0;
			continue;
		}
		if (blank)
			buf_addc(out, ' ');
		blank = false;
		buf_addc(out, (char)tolower(c));
	}
}

/* The first of words found in text at the start of a word ("either of", not "neither of");
 * NULL when none. */
static const char *find_any(const char *text, const char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (const char *p = strstr(text, words[i]); p; p = strstr(p + 1, words[i]))
			if (p == text || !isalnum((unsigned char)p[-1]) || words[i][0] == '-')
				return words[i];
	return NULL;
}

/* "only" right after a licence version ("version 3 only", "v3 only", "gplv3 only",
 * "gpl-3.0-only"; not "android 8 only"): whether there is one, the phrase in phrase. */
static bool says_only(const char *text, struct buf *phrase)
{
	for (const char *p = strstr(text, "only"); p; p = strstr(p + 1, "only")) {
		if (p == text || isalnum((unsigned char)p[4]))
			continue;
		char sep = p[-1];
		if (sep != ' ' && sep != '-')
			continue;
		const char *w = p - 1;
		while (w > text && w[-1] != ' ' && !(sep == ' ' && w[-1] == '('))
			w--;
		bool digit = false, gpl = false;
		for (const char *q = w; q < p - 1; q++) {
			digit |= isdigit((unsigned char)*q) != 0;
			gpl |= strncmp(q, "gpl", 3) == 0;
		}
		/* the word before: "version" */
		const char *v = w > text ? w - 1 : w;
		while (v > text && v[-1] != ' ')
			v--;
		bool version = w > text && w - 1 - v == 7 && strncmp(v, "version", 7) == 0;
		bool vnum = w[0] == 'v' && isdigit((unsigned char)w[1]);
		if (!digit || !(gpl || vnum || version))
			continue;
		buf_reset(phrase);
		buf_add(phrase, version ? v : w, (size_t)(p + 4 - (version ? v : w)));
		return true;
	}
	return false;
}

static bool gnu_id(const char *id)
{
	return (strncmp(id, "GPL-", 4) == 0 || strncmp(id, "LGPL-", 5) == 0 ||
		strncmp(id, "AGPL-", 5) == 0) &&
	       !str_has_suffix(id, "-only") && !str_has_suffix(id, "-or-later") &&
	       !str_has_suffix(id, "+");
}

/* Files whose SPDX-License-Identifier expression names id as id-only (only), id-or-later or
 * id+ (later), or id alone (bare). */
static void count_headers(const struct licexpr_input *in, const char *id, size_t *only,
			  size_t *later, size_t *bare)
{
	size_t idn = strlen(id);
	*only = *later = *bare = 0;
	for (size_t i = 0; i < in->nspdx; i++) {
		const char *s = in->spdx[i].expression;
		bool o = false, l = false, b = false;
		while (*s) {
			size_t n = strcspn(s, " ()\t");
			if (n >= idn && strncmp(s, id, idn) == 0) {
				const char *rest = s + idn;
				size_t rn = n - idn;
				if (rn == 0)
					b = true;
				else if (rn == 5 && strncmp(rest, "-only", 5) == 0)
					o = true;
				else if ((rn == 9 && strncmp(rest, "-or-later", 9) == 0) ||
					 (rn == 1 && *rest == '+'))
					l = true;
			}
			s += n;
			while (*s && strchr(" ()\t", *s))
				s++;
		}
		*only += o ? in->spdx[i].files : 0;
		*later += l ? in->spdx[i].files : 0;
		*bare += b ? in->spdx[i].files : 0;
	}
}

enum grant { GRANT_NONE, GRANT_ONLY, GRANT_LATER, GRANT_BOTH };

/* -only or -or-later for the GNU licence id; returns the term to use (owned). */
static char *gnu_suffix(const struct licexpr_input *in, const char *notice, const char *id,
			struct ev *e)
{
	enum grant readme = GRANT_NONE;
	struct buf only_phrase = BUF_INIT;
	const char *later_phrase = NULL;
	if (notice) {
		later_phrase = find_any(notice, later_words, ARRAY_SIZE(later_words));
		bool o = says_only(notice, &only_phrase);
		readme = later_phrase && o ? GRANT_BOTH : later_phrase ? GRANT_LATER : o ? GRANT_ONLY : GRANT_NONE;
	}
	size_t only, later, bare;
	count_headers(in, id, &only, &later, &bare);
	later += in->later_headers;
	enum grant heads = only && later ? GRANT_BOTH : only ? GRANT_ONLY : later ? GRANT_LATER : GRANT_NONE;
	struct buf hb = BUF_INIT;
	if (only)
		buf_addf(&hb, "%zu file%s %s-only", only, only == 1 ? " says" : "s say", id);
	if (later)
		buf_addf(&hb, "%s%zu file%s later versions (%s-or-later, %s+ or \"any later version\")",
			 only ? ", " : "", later, later == 1 ? " grants" : "s grant", id, id);
	if (bare)
		buf_addf(&hb, "%s%zu file%s %s alone", hb.len ? ", " : "", bare, bare == 1 ? " says" : "s say", id);
	char *term = NULL;
	if (readme == GRANT_BOTH) {
		say(e, "%s: %s says both \"%s\" and \"%s\": the plain identifier is kept%s%s", id,
		    in->notice_path, later_phrase, only_phrase.s, hb.len ? "; headers: " : "", hb.s);
	} else if (readme != GRANT_NONE) {
		const char *suffix = readme == GRANT_ONLY ? "-only" : "-or-later";
		const char *phrase = readme == GRANT_ONLY ? only_phrase.s : later_phrase;
		enum grant other = readme == GRANT_ONLY ? GRANT_LATER : GRANT_ONLY;
		if (heads == other || heads == GRANT_BOTH) {
			say(e, "%s: %s says \"%s\" (%s%s) but the headers disagree (%s): both reported, the plain identifier is kept",
			    id, in->notice_path, phrase, id, suffix, hb.s);
		} else {
			term = xasprintf("%s%s", id, suffix);
			say(e, "%s: %s from %s (\"%s\")%s%s", id, suffix, in->notice_path, phrase,
			    hb.len ? "; headers agree: " : "", hb.s);
		}
	} else if (heads == GRANT_ONLY || heads == GRANT_LATER) {
		const char *suffix = heads == GRANT_ONLY ? "-only" : "-or-later";
		term = xasprintf("%s%s", id, suffix);
		say(e, "%s: %s from the files' headers (%s); %s", id, suffix, hb.s,
		    in->notice_path ? "the README does not say" : "there is no README");
	} else if (heads == GRANT_BOTH) {
		say(e, "%s: the headers disagree (%s) and %s: both reported, the plain identifier is kept",
		    id, hb.s, in->notice_path ? "the README does not say" : "there is no README");
	} else {
		say(e, "%s: neither %s nor the files' headers say \"only\" or \"or later\": the plain identifier is kept%s%s",
		    id, in->notice_path ? in->notice_path : "a README (there is none)",
		    hb.len ? "; headers: " : "", hb.s);
	}
	buf_release(&hb);
	buf_release(&only_phrase);
	return term ? term : xstrdup(id);
}

static void join(struct buf *out, const struct terms *t, bool alt, const char *op)
{
	bool first = true;
	for (size_t i = 0; i < t->n; i++) {
		if (t->alt[i] != alt)
			continue;
		if (!first)
			buf_addf(out, " %s ", op);
		buf_adds(out, t->v[i]);
		first = false;
	}
}

void licexpr_decide(const struct licexpr_input *in, struct licexpr *out)
{
	memset(out, 0, sizeof(*out));
	struct ev e = {out, 0};
	struct terms t = {0};
	struct buf notice = BUF_INIT;
	if (in->notice)
		normalise_notice(in->notice, in->notice_len, &notice);
	const char *ntext = in->notice ? notice.s : NULL;
	for (size_t i = 0; i < in->nfiles; i++) {
		const struct licexpr_file *f = &in->files[i];
		if (!f->text) {
			say(&e, "%s: left out: %s", f->path, f->reason ? f->reason : "not read");
			continue;
		}
		bool known = strcmp(f->licence, "other") != 0 && strcmp(f->licence, "unknown") != 0;
		if (known) {
			if (has_term(&t, f->licence)) {
				say(&e, "%s: %s again", f->path, f->licence);
				continue;
			}
			say(&e, "%s: %s (the text matches)", f->path, f->licence);
			char *term = gnu_id(f->licence) ? gnu_suffix(in, ntext, f->licence, &e) : xstrdup(f->licence);
			add_term(&t, term, false);
			continue;
		}
		char *ref = ref_name(f->path);
		bool alt = false;
		for (size_t k = 0; k < ARRAY_SIZE(alt_words); k++)
			alt |= contains_ci(ref + 11, alt_words[k]);
		if (strcmp(f->licence, "other") == 0)
			say(&e, "%s: %s: a licence text resembling %s, with changes%s", f->path, ref,
			    f->closest ? f->closest : "a known one", alt ? "; an alternative (joined with OR)" : "");
		else
			say(&e, "%s: %s: no known licence text%s", f->path, ref,
			    alt ? "; an alternative (joined with OR)" : "");
		if (has_term(&t, ref))
			free(ref);
		else
			add_term(&t, ref, alt);
	}
	size_t nopen = 0, nalt = 0;
	for (size_t i = 0; i < t.n; i++)
		*(t.alt[i] ? &nalt : &nopen) += 1;
	struct buf x = BUF_INIT;
	const char *op = "AND";
	if (nopen > 1) {
		const char *dual = ntext ? find_any(ntext, dual_words, ARRAY_SIZE(dual_words)) : NULL;
		if (dual) {
			op = "OR";
			say(&e, "%s says the licences are alternatives (\"%s\"): joined with OR", in->notice_path, dual);
		} else {
			say(&e, "%s: joined with AND", in->notice_path ?
				    "the README does not say the licences are alternatives" : "no README says the licences are alternatives");
		}
	}
	bool paren = nopen > 1 && nalt > 0;
	if (paren)
		buf_addc(&x, '(');
	join(&x, &t, false, op);
	if (paren)
		buf_addc(&x, ')');
	if (nopen > 0 && nalt > 0)
		buf_adds(&x, " OR ");
	join(&x, &t, true, "OR");
	out->expression = x.len ? buf_detach(&x, NULL) : NULL;
	if (!out->expression && in->nfiles == 0)
		say(&e, "no licence file");
	buf_release(&x);
	buf_release(&notice);
	for (size_t i = 0; i < t.n; i++)
		free(t.v[i]);
	free(t.v);
	free(t.alt);
}

void licexpr_release(struct licexpr *e)
{
	free(e->expression);
	for (size_t i = 0; i < e->nevidence; i++)
		free(e->evidence[i]);
	free(e->evidence);
	memset(e, 0, sizeof(*e));
}

bool licexpr_grants_later(const char *text, size_t len)
{
	static const char phrase[] = "later version";
	const char *p = memmem(text, len, phrase, sizeof(phrase) - 1);
	if (!p)
		return false;
	/* "any later version", or "any\n * later version" across a comment's line break */
	const char *q = p;
	while (q > text && strchr(" \t\r\n*#/-;", q[-1]))
		q--;
	if (q - text < 3 || strncasecmp(q - 3, "any", 3) != 0)
		return false;
	return !memmem(text, len, "TERMS AND CONDITIONS", 20);
}
