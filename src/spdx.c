/* spdx.c - a recursive-descent parser for SPDX licence expressions (SPDX spec annex D):
 *   or-expr   = and-expr *( "OR" and-expr )
 *   and-expr  = with-expr *( "AND" with-expr )
 *   with-expr = simple [ "WITH" exception-id ]
 *   simple    = license-id [ "+" ] / "LicenseRef-" idstring / "(" or-expr ")"
 * Operators are matched case-sensitively in upper case, as the spec recommends. */
#include "spdx.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "util.h"

struct lic {
	const char *id;
	int osi;
};

/* The licences that messenger projects use, the OSI-approved list's common entries, and common
 * non-OSI ones so that they are recognised (and fail the OSI test) rather than rejected. */
static const struct lic licences[] = {
	{"0BSD", 1}, {"AFL-3.0", 1}, {"AGPL-3.0-only", 1}, {"AGPL-3.0-or-later", 1},
	{"Apache-1.1", 1}, {"Apache-2.0", 1}, {"APSL-2.0", 1}, {"Artistic-2.0", 1},
	{"BlueOak-1.0.0", 1}, {"BSD-1-Clause", 1}, {"BSD-2-Clause", 1},
	{"BSD-2-Clause-Patent", 1}, {"BSD-3-Clause", 1}, {"BSL-1.0", 1}, {"CDDL-1.0", 1},
	{"CECILL-2.1", 1}, {"CPAL-1.0", 1}, {"ECL-2.0", 1}, {"EFL-2.0", 1}, {"EPL-1.0", 1},
	{"EPL-2.0", 1}, {"EUPL-1.1", 1}, {"EUPL-1.2", 1}, {"GPL-2.0-only", 1},
	{"GPL-2.0-or-later", 1}, {"GPL-3.0-only", 1}, {"GPL-3.0-or-later", 1}, {"ISC", 1},
	{"LGPL-2.1-only", 1}, {"LGPL-2.1-or-later", 1}, {"LGPL-3.0-only", 1},
	{"LGPL-3.0-or-later", 1}, {"LPPL-1.3c", 1}, {"MIT", 1}, {"MIT-0", 1}, {"MPL-1.1", 1},
	{"MPL-2.0", 1}, {"MPL-2.0-no-copyleft-exception", 1}, {"MS-PL", 1}, {"MS-RL", 1},
	{"MulanPSL-2.0", 1}, {"NCSA", 1}, {"OFL-1.1", 1}, {"OSL-3.0", 1}, {"PostgreSQL", 1},
	{"Python-2.0", 1}, {"UPL-1.0", 1}, {"Unlicense", 1}, {"W3C", 1}, {"Zlib", 1},
	{"ZPL-2.1", 1},
	/* deprecated ids, still seen in the wild; the spec maps them to -only */
	{"AGPL-3.0", 1}, {"GPL-2.0", 1}, {"GPL-3.0", 1}, {"LGPL-2.1", 1}, {"LGPL-3.0", 1},
	/* not OSI-approved */
	{"BUSL-1.1", 0}, {"CC-BY-4.0", 0}, {"CC-BY-SA-4.0", 0}, {"CC-BY-NC-4.0", 0},
	{"CC0-1.0", 0}, {"Elastic-2.0", 0}, {"SSPL-1.0", 0}, {"WTFPL", 0},
	{"Commons-Clause", 0}, {"JSON", 0},
};

static const char *const exceptions[] = {
	"Classpath-exception-2.0", "GCC-exception-3.1", "LLVM-exception", "OpenSSL-exception",
	"Autoconf-exception-3.0", "Bison-exception-2.2", "Font-exception-2.0",
	"Qt-GPL-exception-1.0", "Qt-LGPL-exception-1.1", "openvpn-openssl-exception",
	"Universal-FOSS-exception-1.0", "WxWindows-exception-3.1",
};

struct parser {
	const char *p;
	char *err;
	size_t errlen;
	int failed;
	const char *after; /* the last operator read, for "expected a licence id after 'AND'" */
};

enum tok { T_END, T_LPAREN, T_RPAREN, T_AND, T_OR, T_WITH, T_ID, T_BAD };

static void fail(struct parser *ps, const char *fmt, const char *arg)
{
	if (!ps->failed && ps->err)
		snprintf(ps->err, ps->errlen, fmt, arg);
	ps->failed = 1;
}

static void fail2(struct parser *ps, const char *fmt, const char *a1, const char *a2)
{
	if (!ps->failed && ps->err)
		snprintf(ps->err, ps->errlen, fmt, a1, a2);
	ps->failed = 1;
}

static const char id_chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-+:";

/* Read the next token; for T_ID the text is copied into id. */
static enum tok lex(struct parser *ps, char *id, size_t idlen)
{
	while (*ps->p == ' ')
		ps->p++;
	const char *s = ps->p;
	if (!*s)
		return T_END;
	if (*s == '(') {
		ps->p++;
		return T_LPAREN;
	}
	if (*s == ')') {
		ps->p++;
		return T_RPAREN;
	}
	size_t n = strspn(s, id_chars);
	if (n == 0) {
		char c[32];
		unsigned char u = (unsigned char)*s;
		if (u > ' ' && u < 0x7f)
			snprintf(c, sizeof(c), "'%c'", *s);
		else if (u == '\t' || u == '\n' || u == '\r')
			snprintf(c, sizeof(c), "a %s", u == '\t' ? "tab" : "line break");
		else
			snprintf(c, sizeof(c), "a non-ASCII character");
		fail(ps, "unexpected character %s (licence ids hold letters, digits, '.', '-' and '+')", c);
		return T_BAD;
	}
	ps->p += n;
	if (n == 3 && strncmp(s, "AND", 3) == 0)
		return T_AND;
	if (n == 2 && strncmp(s, "OR", 2) == 0)
		return T_OR;
	if (n == 4 && strncmp(s, "WITH", 4) == 0)
		return T_WITH;
	if (n >= idlen) {
		fail(ps, "%s", "licence id is too long");
		return T_BAD;
	}
	memcpy(id, s, n);
	id[n] = '\0';
	return T_ID;
}

static enum tok peek(struct parser *ps)
{
	const char *save = ps->p;
	char id[128];
	int failed = ps->failed;
	enum tok t = lex(ps, id, sizeof(id));
	ps->p = save;
	ps->failed = failed;
	return t;
}

static const struct lic *find_lic(const char *id)
{
	for (size_t i = 0; i < ARRAY_SIZE(licences); i++)
		if (strcmp(licences[i].id, id) == 0)
			return &licences[i];
	return NULL;
}

/* The id or exception that id differs from only in letter case, or NULL. */
static const char *case_twin(const char *id, const char *const *cand, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(cand[i], id) == 0)
			return cand[i];
	return NULL;
}

/* A close candidate for "did you mean": see schema.c's suggest(). */
static const char *suggest(const char *s, const char *const *cand, size_t n)
{
	const char *near = case_twin(s, cand, n);
	if (near)
		return near;
	near = closest_match(s, cand, n);
	if (!near)
		return NULL;
	size_t ls = strlen(s), allowed = ls / 3 > 1 ? ls / 3 : 1;
	if (ls >= 3 && strncmp(near, s, ls) == 0)
		return near;
	return edit_distance(s, near, allowed) <= allowed ? near : NULL;
}

/* What a token is, for "found ..." in messages. */
static const char *tok_name(enum tok t, const char *id, char out[140])
{
	switch (t) {
	case T_END: return "the end";
	case T_LPAREN: return "'('";
	case T_RPAREN: return "')'";
	case T_AND: return "'AND'";
	case T_OR: return "'OR'";
	case T_WITH: return "'WITH'";
	default: snprintf(out, 140, "'%.100s'", id); return out;
	}
}

/* Whether s (of the given length) is an SPDX idstring: letters, digits, '.', '-'. */
static int idstring(const char *s, size_t n)
{
	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '.' && s[i] != '-')
			return 0;
	return 1;
}

/* LicenseRef-x or DocumentRef-y:LicenseRef-x; 1 when well-formed, 0 when not one, -1 after
 * an error. */
static int license_ref(struct parser *ps, const char *id)
{
	const char *ref = id;
	if (strncmp(id, "DocumentRef-", 12) == 0) {
		const char *colon = strchr(id, ':');
		if (!colon || !idstring(id + 12, (size_t)(colon - id - 12))) {
			fail(ps, "'%s' is not a document reference (expected DocumentRef-<id>:LicenseRef-<id>)",
			     id);
			return -1;
		}
		ref = colon + 1;
		if (strncmp(ref, "LicenseRef-", 11) != 0) {
			fail(ps, "'%s' is not a document reference (expected DocumentRef-<id>:LicenseRef-<id>)",
			     id);
			return -1;
		}
	} else if (strncmp(id, "LicenseRef-", 11) != 0) {
		return 0;
	}
	if (!idstring(ref + 11, strlen(ref + 11))) {
		fail(ps, "'%s' is not a licence reference (expected LicenseRef- and letters, digits, '.' or '-')",
		     id);
		return -1;
	}
	return 1;
}

static int or_expr(struct parser *ps, unsigned depth);

/* Returns OSI approval of the simple expression (1/0), or -1 on error. */
static int simple(struct parser *ps, unsigned depth)
{
	char id[128], tn[140];
	enum tok t = lex(ps, id, sizeof(id));
	if (t == T_LPAREN) {
		if (depth > 16) {
			fail(ps, "%s", "parentheses nested too deeply");
			return -1;
		}
		ps->after = "(";
		int v = or_expr(ps, depth + 1);
		if (v < 0)
			return -1;
		enum tok c = lex(ps, id, sizeof(id));
		if (c != T_RPAREN) {
			if (c != T_BAD)
				fail(ps, "expected ')' to close '(', found %s", tok_name(c, id, tn));
			return -1;
		}
		return v;
	}
	if (t != T_ID) {
		if (t == T_BAD)
			return -1;
		if (ps->after)
			fail2(ps, "expected a licence id after '%s', found %s", ps->after,
			      tok_name(t, id, tn));
		else
			fail(ps, "expected a licence id, found %s", tok_name(t, id, tn));
		return -1;
	}
	if (strcmp(id, "and") == 0 || strcmp(id, "or") == 0 || strcmp(id, "with") == 0) {
		fail(ps, "'%s' is not a licence id (operators are written in upper case)", id);
		return -1;
	}
	size_t n = strlen(id);
	int plus = n > 1 && id[n - 1] == '+';
	if (plus)
		id[--n] = '\0';
	if (strchr(id, '+')) {
		fail(ps, "'+' may only end a licence id: '%s'", id);
		return -1;
	}
	int osi;
	int ref = license_ref(ps, id);
	if (ref < 0)
		return -1;
	if (ref) {
		if (plus) {
			fail(ps, "'+' cannot follow a licence reference: '%s'", id);
			return -1;
		}
		osi = 0;
	} else {
		const struct lic *l = find_lic(id);
		if (!l) {
			const char *cand[ARRAY_SIZE(licences)];
			for (size_t i = 0; i < ARRAY_SIZE(licences); i++)
				cand[i] = licences[i].id;
			const char *near = suggest(id, cand, ARRAY_SIZE(licences));
			if (near && strcasecmp(near, id) == 0)
				fail2(ps, "licence id '%.60s' is written '%s' (ids are case-sensitive here)",
				      id, near);
			else if (near)
				fail2(ps, "unknown licence id '%.60s' (did you mean '%s'?)", id, near);
			else
				fail(ps, "unknown licence id '%.60s' (see https://spdx.org/licenses/)", id);
			return -1;
		}
		osi = l->osi;
	}
	if (peek(ps) == T_WITH) {
		lex(ps, id, sizeof(id));
		enum tok e = lex(ps, id, sizeof(id));
		if (e != T_ID) {
			if (e != T_BAD)
				fail(ps, "expected an exception id after 'WITH', found %s", tok_name(e, id, tn));
			return -1;
		}
		size_t i;
		for (i = 0; i < ARRAY_SIZE(exceptions); i++)
			if (strcmp(exceptions[i], id) == 0)
				break;
		if (i == ARRAY_SIZE(exceptions)) {
			const char *near = suggest(id, exceptions, ARRAY_SIZE(exceptions));
			if (near)
				fail2(ps, "unknown licence exception '%.60s' (did you mean '%s'?)", id, near);
			else
				fail(ps, "unknown licence exception '%.60s'", id);
			return -1;
		}
	}
	return osi;
}

static int and_expr(struct parser *ps, unsigned depth)
{
	int v = simple(ps, depth);
	if (v < 0)
		return -1;
	while (peek(ps) == T_AND) {
		char id[128];
		lex(ps, id, sizeof(id));
		ps->after = "AND";
		int w = simple(ps, depth);
		if (w < 0)
			return -1;
		v = v && w;
	}
	return v;
}

static int or_expr(struct parser *ps, unsigned depth)
{
	int v = and_expr(ps, depth);
	if (v < 0)
		return -1;
	while (peek(ps) == T_OR) {
		char id[128];
		lex(ps, id, sizeof(id));
		ps->after = "OR";
		int w = and_expr(ps, depth);
		if (w < 0)
			return -1;
		v = v || w;
	}
	return v;
}

static int parse(const char *expr, char *err, size_t errlen)
{
	struct parser ps = {expr, err, errlen, 0, NULL};
	if (strlen(expr) > 512) {
		fail(&ps, "%s", "expression is too long (at most 512 characters)");
		return -1;
	}
	if (!*expr) {
		fail(&ps, "%s", "expected a licence id, found an empty expression");
		return -1;
	}
	int v = or_expr(&ps, 0);
	if (v < 0)
		return -1;
	char id[128], tn[140];
	enum tok t = lex(&ps, id, sizeof(id));
	if (t == T_END)
		return v;
	if (t == T_RPAREN)
		fail(&ps, "%s", "found ')' without a matching '('");
	else if (t == T_ID && (strcmp(id, "and") == 0 || strcmp(id, "or") == 0 ||
			       strcmp(id, "with") == 0))
		fail(&ps, "found '%s': operators are written in upper case (AND, OR, WITH)", id);
	else if (t == T_WITH)
		fail(&ps, "%s", "'WITH' must follow a licence id, not a parenthesised expression");
	else if (t != T_BAD)
		fail(&ps, "expected 'AND' or 'OR' between licences, found %s", tok_name(t, id, tn));
	return -1;
}

int spdx_check(const char *expr, char *err, size_t errlen)
{
	return parse(expr, err, errlen) < 0 ? -1 : 0;
}

int spdx_osi_approved(const char *expr)
{
	return parse(expr, NULL, 0);
}
