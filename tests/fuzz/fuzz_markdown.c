/* fuzz_markdown.c - the safety check of Markdown from data (schema_check_scalar() with
 * schema_markdown, the entry point `msgvet validate` uses for prose, criterion texts and
 * catalogue strings).
 *
 * Each input is one text, given to the check as a quoted YAML scalar would be.
 * Properties: no crash, leak or undefined behaviour; the check returns 0 or -1, and -1 exactly
 * when it recorded an error.
 * Unless MSGVET_FUZZ_MD_INERT=0 is in the environment it also asserts what the hardening work
 * promises (issue 8, "The published page"): a text the check accepts has, for a CommonMark
 * parser (md4c), no raw HTML (block or inline), and no link or image whose destination has a
 * scheme other than https (or mailto for a link). The pattern-based check of today fails it within seconds
 * (tests/README.md lists how); the md4c-based check must pass it. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <md4c.h>

#include "diag.h"
#include "fuzz.h"
#include "node.h"
#include "schema.h"

static bool inert_oracle;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	const char *e = getenv("MSGVET_FUZZ_MD_INERT");
	inert_oracle = !e || strcmp(e, "0") != 0; /* on, since the md4c-based check landed */
	return 0;
}

/* The destination of a link or image, checked: relative, https, or mailto for a link. */
static void check_dest(const MD_ATTRIBUTE *href, bool image, const char *text)
{
	size_t n = href->size;
	const char *s = href->text;
	char *url = fuzz_cstr((const uint8_t *)s, n);
	char scheme[64];
	bool ok = !fuzz_url_scheme(url, scheme, sizeof(scheme)) || strcmp(scheme, "https") == 0 ||
		  (!image && strcmp(scheme, "mailto") == 0);
	free(url);
	if (ok)
		return;
	fuzz_fail("markdown: accepted text has a %s to '%.*s': %s", image ? "image" : "link",
		  (int)n, s, text);
}

static int enter_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
	(void)detail;
	if (type == MD_BLOCK_HTML)
		fuzz_fail("markdown: accepted text has an HTML block: %s", (const char *)ud);
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
	if (type == MD_SPAN_A)
		check_dest(&((const MD_SPAN_A_DETAIL *)detail)->href, false, ud);
	else if (type == MD_SPAN_IMG)
		check_dest(&((const MD_SPAN_IMG_DETAIL *)detail)->src, true, ud);
	return 0;
}

static int leave_span(MD_SPANTYPE type, void *detail, void *ud)
{
	(void)type;
	(void)detail;
	(void)ud;
	return 0;
}

static int text(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE size, void *ud)
{
	if (type == MD_TEXT_HTML)
		fuzz_fail("markdown: accepted text has raw HTML '%.*s': %s", (int)size, s,
			  (const char *)ud);
	return 0;
}

static void check_inert(const char *s)
{
	MD_PARSER p = {0, MD_FLAG_TABLES, enter_block, leave_block, enter_span, leave_span, text,
		       NULL, NULL};
	if (md_parse(s, (MD_SIZE)strlen(s), &p, (void *)s) != 0)
		fuzz_fail("markdown: md4c failed on an accepted text");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	struct node n = {0};
	n.str = s;
	n.file = "fuzz.yml";
	n.line = 1;
	n.col = 1;
	n.type = NODE_SCALAR;
	struct diag d = DIAG_INIT;
	int rc = schema_check_scalar(&schema_markdown, &n, &d);
	if (rc != 0 && rc != -1)
		fuzz_fail("markdown: schema_check_scalar returned %d", rc);
	if ((rc < 0) != (d.n > 0))
		fuzz_fail("markdown: schema_check_scalar returned %d with %zu errors", rc, d.n);
	if (rc == 0 && inert_oracle)
		check_inert(s);
	diag_release(&d);
	free(s);
	return 0;
}
