/* mdcheck.c - Markdown from data parsed with md4c (CommonMark) and checked for markup. */
#include "mdcheck.h"

#include <ctype.h>
#include <md4c.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"

struct walk {
	const char *s;
	size_t len;
	unsigned char *code; /* 1 for each byte inside a code span or block */
	int span_code;       /* depth of code spans */
	int block_code;      /* inside a code block */
	struct md_problem *p;
	bool failed;
	bool relocate;       /* the problem's line is the one of the next text */
	size_t last;         /* offset of the last text seen */
	const char *const *placeholders;
};

static unsigned line_at(const struct walk *w, size_t off)
{
	unsigned line = 1;
	for (size_t i = 0; i < off && i < w->len; i++)
		line += w->s[i] == '\n';
	return line;
}

/* Up to 24 bytes of s for a message: control characters and quotes shown as \xNN. */
static void snippet(char *out, size_t outlen, const char *s, size_t n)
{
	size_t o = 0;
	if (n > 24)
		n = 24;
	for (size_t i = 0; i < n && o + 5 < outlen; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7F || c == '\'')
			o += (size_t)snprintf(out + o, outlen - o, "\\x%02X", c);
		else
			out[o++] = (char)c;
	}
	/* do not end in the middle of a UTF-8 sequence */
	while (o > 0 && ((unsigned char)out[o - 1] & 0xC0) == 0x80)
		o--;
	if (o > 0 && ((unsigned char)out[o - 1] & 0xC0) == 0xC0)
		o--;
	out[o] = '\0';
}

static void fail_at(struct walk *w, size_t off, const char *fmt, const char *what, size_t n)
{
	if (w->failed)
		return;
	w->failed = true;
	char shown[128];
	snippet(shown, sizeof(shown), what, n);
	w->p->line = line_at(w, off);
	snprintf(w->p->msg, sizeof(w->p->msg), fmt, shown);
}

static bool inside(const struct walk *w, const char *t)
{
	return t >= w->s && t < w->s + w->len;
}

/* A link destination: https, mailto (links only), a fragment, or a relative path into the
 * guide ([a-z0-9._/-] with an optional #anchor). */
static bool dest_ok(const char *u, size_t n, bool image)
{
	if (n >= 8 && strncasecmp(u, "https://", 8) == 0)
		return n > 8;
	if (!image && n > 7 && strncasecmp(u, "mailto:", 7) == 0)
		return true;
	if (n == 0 || u[0] == '/')
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = u[i];
		if (c == '#') {
			for (size_t j = i + 1; j < n; j++)
				if (!((u[j] >= 'a' && u[j] <= 'z') || (u[j] >= '0' && u[j] <= '9') ||
				      u[j] == '-' || u[j] == '_'))
					return false;
			return true;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '/' ||
		      c == '-' || c == '_'))
			return false;
	}
	return true;
}

static void check_dest(struct walk *w, const MD_ATTRIBUTE *a, bool image)
{
	if (w->failed || dest_ok(a->text, a->size, image))
		return;
	const char *fmt = image ? "image source '%s' is not an https URL"
				: "link destination '%s' is not an https or mailto URL (nor a relative path into the guide)";
	if (inside(w, a->text)) {
		fail_at(w, (size_t)(a->text - w->s), fmt, a->text, a->size);
	} else {
		/* md4c unescaped it into its own buffer: the line is the one of the next text */
		fail_at(w, w->last, fmt, a->text, a->size);
		w->relocate = true;
	}
}

static int enter_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
	(void)detail;
	struct walk *w = ud;
	/* an HTML block's text comes as MD_TEXT_HTML, refused in text() */
	if (type == MD_BLOCK_CODE)
		w->block_code++;
	return 0;
}

static int leave_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
	(void)detail;
	struct walk *w = ud;
	if (type == MD_BLOCK_CODE)
		w->block_code--;
	return 0;
}

static int enter_span(MD_SPANTYPE type, void *detail, void *ud)
{
	struct walk *w = ud;
	if (type == MD_SPAN_CODE)
		w->span_code++;
	else if (type == MD_SPAN_A)
		check_dest(w, &((MD_SPAN_A_DETAIL *)detail)->href, false);
	else if (type == MD_SPAN_IMG)
		check_dest(w, &((MD_SPAN_IMG_DETAIL *)detail)->src, true);
	return 0;
}

static int leave_span(MD_SPANTYPE type, void *detail, void *ud)
{
	(void)detail;
	struct walk *w = ud;
	if (type == MD_SPAN_CODE)
		w->span_code--;
	return 0;
}

static int text(MD_TEXTTYPE type, const MD_CHAR *t, MD_SIZE size, void *ud)
{
	struct walk *w = ud;
	if (!inside(w, t))
		return 0;
	size_t off = (size_t)(t - w->s);
	if (w->relocate) {
		w->p->line = line_at(w, off);
		w->relocate = false;
	}
	w->last = off;
	if (type == MD_TEXT_HTML)
		fail_at(w, off, "raw HTML '%s' is not allowed in Markdown from data (write Markdown; put code in backticks)", t, size);
	if (type == MD_TEXT_CODE || w->span_code || w->block_code)
		memset(w->code + off, 1, size);
	return 0;
}

/* Whether the '<' at s starts something CommonMark calls an autolink: <scheme:...> with no
 * space, or <user@host>. */
static bool autolink(const char *s, size_t n)
{
	size_t k = 1;
	while (k < n && (isalnum((unsigned char)s[k]) || strchr("+.-", s[k])))
		k++;
	bool uri = k > 2 && k < n && s[k] == ':', at = false;
	for (; k < n && s[k] != '>'; k++) {
		if ((unsigned char)s[k] <= ' ' || s[k] == '<')
			return false;
		at = at || s[k] == '@';
	}
	return k < n && (uri || at);
}

static bool placeholder(const struct walk *w, const char *s, size_t n)
{
	for (size_t i = 0; w->placeholders && w->placeholders[i]; i++)
		if (strlen(w->placeholders[i]) == n && strncmp(w->placeholders[i], s, n) == 0)
			return true;
	return false;
}

/* What md4c's CommonMark parse would not call markup but Python-Markdown might: a tag-like
 * '<' (autolinks included: Python-Markdown may read <https://...> as a tag), and attribute
 * lists. Outside code only. A backslash escapes only what Python-Markdown escapes too: "\<"
 * is text for CommonMark but a backslash and a tag for Python-Markdown. */
static void scan_source(struct walk *w)
{
	const char *s = w->s;
	for (size_t i = 0; i < w->len && !w->failed; i++) {
		if (w->code[i])
			continue;
		if (s[i] == '\\' && i + 1 < w->len && strchr("\\`*_{}[]()>#+-.!", s[i + 1])) {
			i++;
			continue;
		}
		if (s[i] == '<') {
			char c = i + 1 < w->len ? s[i + 1] : '\0';
			bool tag = isalpha((unsigned char)c) || c == '/' || c == '!' || c == '?';
			if (tag && !autolink(s + i, w->len - i))
				fail_at(w, i, "raw HTML '%s' is not allowed in Markdown from data (write Markdown; put code in backticks)",
					s + i, strcspn(s + i, " >\n\t"));
			else if (tag)
				fail_at(w, i, "autolink '%s' is not allowed in Markdown from data (write it as a link: [text](https://...))",
					s + i, strcspn(s + i, " >\n\t") + 1);
		} else if (s[i] == '{') {
			size_t j = i + 1;
			while (j < w->len && s[j] != '}' && s[j] != '\n' && !w->code[j])
				j++;
			bool content = false;
			for (size_t k = i + 1; k < j; k++)
				content = content || (s[k] != ' ' && s[k] != ':');
			if (j < w->len && s[j] == '}' && content && !placeholder(w, s + i + 1, j - i - 1))
				fail_at(w, i, "attribute list '%s' is not allowed in Markdown from data (only the templates write them)",
					s + i, j + 1 - i);
		}
	}
}

int mdcheck(const char *s, size_t len, const char *const *placeholders, struct md_problem *p)
{
	struct walk w = {s, len, xcalloc(len + 1, 1), 0, 0, p, false, false, 0, placeholders};
	MD_PARSER parser = {0};
	parser.flags = MD_FLAG_TABLES;
	parser.enter_block = enter_block;
	parser.leave_block = leave_block;
	parser.enter_span = enter_span;
	parser.leave_span = leave_span;
	parser.text = text;
	if (md_parse(s, (MD_SIZE)len, &parser, &w) != 0 && !w.failed) {
		p->line = 1;
		snprintf(p->msg, sizeof(p->msg), "the Markdown parser failed on this text");
		w.failed = true;
	}
	if (!w.failed)
		scan_source(&w);
	free(w.code);
	return w.failed ? -1 : 0;
}
