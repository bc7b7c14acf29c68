/* fuzz_escape.c - the Markdown, HTML and URL escapers of src/buf.c.
 *
 * Each input is one string (up to its first NUL, as strings from data are). Properties:
 *  - buf_add_md: the escaped text, parsed by a CommonMark parser (md4c, with tables as the
 *    guide's pages use them), alone and after a word on the same line, is one paragraph of
 *    plain text equal to the input with line breaks and control characters turned into spaces (as a browser shows
 *    it: runs of blanks as one, none at the ends): no element, link, emphasis, code span,
 *    entity or HTML comes from it.
 *  - buf_add_html: the output holds no '<', '>', '"' or '\'', every '&' starts one of the
 *    escaper's five references, and decoding them gives the input back.
 *  - buf_add_url: the output is "#", or the HTML-escaped input; and what a browser would take
 *    as the URL's scheme (WHATWG: leading C0 controls and spaces stripped, tabs and newlines
 *    removed) is none, http, https or mailto.
 * No crash, leak or undefined behaviour either. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <md4c.h>

#include "buf.h"
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

/* ---------------------------------------------------------------- Markdown */

struct mdcheck {
	const char *input; /* for messages */
	const char *escaped;
	struct buf text;   /* plain text md4c reported */
};

static int enter_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
	const struct mdcheck *c = ud;
	(void)detail;
	if (type != MD_BLOCK_DOC && type != MD_BLOCK_P)
		fuzz_fail("escape: buf_add_md: block %d from input '%s' (escaped '%s')", (int)type,
			  c->input, c->escaped);
	return 0;
}

static int leave_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
	(void)type;
	(void)detail;
	(void)ud;
	return 0;
}

static int enter_span(MD_SPANTYPE type, void *detail, void *ud)
{
	const struct mdcheck *c = ud;
	(void)detail;
	fuzz_fail("escape: buf_add_md: span %d from input '%s' (escaped '%s')", (int)type, c->input,
		  c->escaped);
}

static int leave_span(MD_SPANTYPE type, void *detail, void *ud)
{
	(void)type;
	(void)detail;
	(void)ud;
	return 0;
}

/* The character an entity buf_add_md writes stands for (it writes < > & | : = ~ as entities,
 * since Python-Markdown has no backslash escape for them); -1 for any other entity. */
static int entity_char(const char *s, size_t n)
{
	static const struct {
		const char *name;
		char c;
	} named[] = {{"&lt;", '<'}, {"&gt;", '>'}, {"&amp;", '&'}};
	for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++)
		if (strlen(named[i].name) == n && memcmp(named[i].name, s, n) == 0)
			return named[i].c;
	if (n >= 4 && s[0] == '&' && s[1] == '#' && s[n - 1] == ';') {
		int v = 0;
		for (size_t i = 2; i + 1 < n; i++) {
			if (s[i] < '0' || s[i] > '9')
				return -1;
			v = v * 10 + (s[i] - '0');
		}
		if (v == '|' || v == ':' || v == '=' || v == '~')
			return v;
	}
	return -1;
}

static int md_text(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE size, void *ud)
{
	struct mdcheck *c = ud;
	if (type == MD_TEXT_ENTITY) {
		int ch = entity_char(s, size);
		if (ch < 0)
			fuzz_fail("escape: buf_add_md: an entity it does not write ('%.*s') from input '%s' (escaped '%s')",
				  (int)size, s, c->input, c->escaped);
		buf_addc(&c->text, (char)ch);
		return 0;
	}
	if (type != MD_TEXT_NORMAL)
		fuzz_fail("escape: buf_add_md: text of type %d ('%.*s') from input '%s' (escaped '%s')",
			  (int)type, (int)size, s, c->input, c->escaped);
	buf_add(&c->text, s, size);
	return 0;
}

/* s with every run of spaces and tabs made one space, and none at either end: the text as
 * a browser shows it. */
static void squeeze(const char *s, struct buf *out)
{
	bool blank = false;
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t') {
			blank = out->len > 0;
			continue;
		}
		if (blank)
			buf_addc(out, ' ');
		blank = false;
		buf_addc(out, *s);
	}
}

static void check_md(const char *input, const char *prefix)
{
	struct buf esc = BUF_INIT, expect = BUF_INIT;
	buf_adds(&esc, prefix);
	buf_add_md(&esc, input);
	buf_adds(&expect, prefix);
	/* every line break and control character (as buf_linebreak defines them) reads as a space */
	for (const char *p = input; *p; p++) {
		size_t lb = buf_linebreak(p);
		buf_addc(&expect, lb ? ' ' : *p);
		if (lb)
			p += lb - 1;
	}
	struct mdcheck c = {input, esc.s, BUF_INIT};
	MD_PARSER p = {0, MD_FLAG_TABLES, enter_block, leave_block, enter_span, leave_span, md_text,
		       NULL, NULL};
	if (md_parse(esc.s, (MD_SIZE)esc.len, &p, &c) != 0)
		fuzz_fail("escape: md4c failed on '%s'", esc.s);
	struct buf want = BUF_INIT, got = BUF_INIT;
	squeeze(expect.s, &want);
	squeeze(c.text.s, &got);
	if (strcmp(want.s, got.s) != 0)
		fuzz_fail("escape: buf_add_md: input '%s' escaped as '%s' reads back as '%s'", input,
			  esc.s, got.s);
	buf_release(&want);
	buf_release(&got);
	buf_release(&c.text);
	buf_release(&esc);
	buf_release(&expect);
}

/* ---------------------------------------------------------------- HTML */

static const struct {
	char c;
	const char *ref;
} html_refs[] = {
	{'&', "&amp;"}, {'<', "&lt;"}, {'>', "&gt;"}, {'"', "&quot;"}, {'\'', "&#39;"},
};

/* Decode the escaper's output; fails on anything a browser could read as markup. */
static void html_decode(const char *input, const char *out, struct buf *dec)
{
	for (const char *p = out; *p; p++) {
		if (strchr("<>\"'", *p))
			fuzz_fail("escape: buf_add_html: '%c' left in the output of '%s'", *p, input);
		if (*p != '&') {
			buf_addc(dec, *p);
			continue;
		}
		size_t k;
		for (k = 0; k < sizeof(html_refs) / sizeof(html_refs[0]); k++)
			if (strncmp(p, html_refs[k].ref, strlen(html_refs[k].ref)) == 0)
				break;
		if (k == sizeof(html_refs) / sizeof(html_refs[0]))
			fuzz_fail("escape: buf_add_html: a bare '&' in the output of '%s'", input);
		buf_addc(dec, html_refs[k].c);
		p += strlen(html_refs[k].ref) - 1;
	}
}

static void check_html(const char *input)
{
	struct buf out = BUF_INIT, dec = BUF_INIT;
	buf_add_html(&out, input);
	html_decode(input, out.s, &dec);
	if (strcmp(dec.s, input) != 0)
		fuzz_fail("escape: buf_add_html: '%s' decodes to '%s'", input, dec.s);
	buf_release(&out);
	buf_release(&dec);
}

static void check_url(const char *input)
{
	struct buf out = BUF_INIT, html = BUF_INIT, dec = BUF_INIT;
	buf_add_url(&out, input);
	buf_add_html(&html, input);
	if (strcmp(out.s, "#") != 0 && strcmp(out.s, html.s) != 0)
		fuzz_fail("escape: buf_add_url: '%s' became '%s'", input, out.s);
	html_decode(input, out.s, &dec);
	char scheme[64];
	if (fuzz_url_scheme(dec.s, scheme, sizeof(scheme)) && strcmp(scheme, "http") != 0 &&
	    strcmp(scheme, "https") != 0 && strcmp(scheme, "mailto") != 0)
		fuzz_fail("escape: buf_add_url: '%s' kept the scheme '%s'", input, scheme);
	buf_release(&out);
	buf_release(&html);
	buf_release(&dec);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	check_md(s, "");
	check_md(s, "word ");
	check_html(s);
	check_url(s);
	free(s);
	return 0;
}
