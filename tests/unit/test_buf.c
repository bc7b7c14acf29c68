/* test_buf.c - the string buffer: growth, the size limit, detach, and every escaper. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "buf.h"
#include "util.h"

static const char *esc(void (*fn)(struct buf *, const char *), const char *s, struct buf *b)
{
	buf_reset(b);
	fn(b, s);
	return b->s;
}

static void test_growth_and_limit(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	assert_string_equal(b.s, "");
	for (int i = 0; i < 1000; i++)
		buf_addf(&b, "%d,", i);
	assert_int_equal(b.len, strlen(b.s));
	buf_release(&b);
	assert_string_equal(b.s, "");

	buf_init(&b, 5);
	assert_int_equal(buf_adds(&b, "abc"), 0);
	assert_int_equal(buf_adds(&b, "def"), -1); /* refused whole, nothing half-added */
	assert_true(b.overflow);
	assert_string_equal(b.s, "abc");
	assert_int_equal(buf_adds(&b, "de"), 0);
	size_t len;
	char *s = buf_detach(&b, &len);
	assert_string_equal(s, "abcde");
	assert_int_equal(len, 5);
	assert_string_equal(b.s, "");
	free(s);
	s = buf_detach(&b, NULL); /* an empty buffer detaches a real, freeable string */
	assert_string_equal(s, "");
	free(s);
}

static void test_escapers(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	assert_string_equal(esc(buf_add_html, "<a href=\"x\">&'", &b),
			    "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
	assert_string_equal(esc(buf_add_url, "https://x.org/?a=1&b=2", &b), "https://x.org/?a=1&amp;b=2");
	assert_string_equal(esc(buf_add_url, "javascript:alert(1)", &b), "#");
	assert_string_equal(esc(buf_add_url, "data:text/html,x", &b), "#");
	assert_string_equal(esc(buf_add_url, "page.html#x", &b), "page.html#x");
	assert_string_equal(esc(buf_add_csv, "plain", &b), "plain");
	assert_string_equal(esc(buf_add_csv, "a,\"b\"\nc", &b), "\"a,\"\"b\"\"\nc\"");
	assert_string_equal(esc(buf_add_json, "q\"\\\n\t\x01", &b), "\"q\\\"\\\\\\n\\t\\u0001\"");
	/* Markdown: inline syntax always, block markers only at the start, no new lines */
	assert_string_equal(esc(buf_add_md, "SimpleX Chat", &b), "SimpleX Chat");
	assert_string_equal(esc(buf_add_md, "open-source-clients", &b), "open-source-clients");
	assert_string_equal(esc(buf_add_md, "# x", &b), "\\# x");
	assert_string_equal(esc(buf_add_md, "- x", &b), "\\- x");
	assert_string_equal(esc(buf_add_md, "a *b* _c_ `d` [e](f) <g> |h| {i}", &b),
			    "a \\*b\\* \\_c\\_ \\`d\\` \\[e\\](f) &lt;g&gt; &#124;h&#124; \\{i\\}");
	/* < > & | have no backslash escape in Python-Markdown (mkdocs): entities */
	assert_string_equal(esc(buf_add_md, "x\n</div>\n# y", &b), "x &lt;/div&gt; # y");
	assert_string_equal(esc(buf_add_md, "A & B, &amp;", &b), "A &amp; B, &amp;amp;");
	/* every line break and control character becomes a space */
	assert_string_equal(esc(buf_add_md, "a\rb\x0b" "c\xc2\x85" "d\xe2\x80\xa8" "e\xe2\x80\xa9" "f", &b),
			    "a b c d e f");
	/* a list number, an emoji shortcode, a setext underline */
	assert_string_equal(esc(buf_add_md, "1. x", &b), "1\\. x");
	assert_string_equal(esc(buf_add_md, "a :fontawesome-x: b: c", &b), "a &#58;fontawesome-x: b: c");
	assert_string_equal(esc(buf_add_md, "===", &b), "&#61;==");
	/* CSV: a cell a spreadsheet would run as a formula starts with an apostrophe */
	assert_string_equal(esc(buf_add_csv, "=HYPERLINK(\"x\")", &b), "\"'=HYPERLINK(\"\"x\"\")\"");
	assert_string_equal(esc(buf_add_csv, "+1", &b), "\"'+1\"");
	assert_string_equal(esc(buf_add_csv, "-1", &b), "\"'-1\"");
	assert_string_equal(esc(buf_add_csv, "@SUM(A1)", &b), "\"'@SUM(A1)\"");
	assert_string_equal(esc(buf_add_csv, "\tx", &b), "\"'\tx\"");
	assert_string_equal(esc(buf_add_csv, "\rx", &b), "\"'\rx\"");
	assert_string_equal(esc(buf_add_csv, "a=b", &b), "a=b");
	/* ordered list markers and indentation at the start (found by tests/fuzz/fuzz_escape.c) */
	assert_string_equal(esc(buf_add_md, "11) x", &b), "11\\) x");
	assert_string_equal(esc(buf_add_md, "1. x 2. y", &b), "1\\. x 2. y");
	assert_string_equal(esc(buf_add_md, "2026", &b), "2026");
	assert_string_equal(esc(buf_add_md, "    x", &b), "x");
	assert_string_equal(esc(buf_add_md, " \t# x", &b), "\\# x");
	assert_string_equal(esc(buf_add_md, "\n# x", &b), "\\# x");
	/* a control character before a block marker is dropped too (found by the fuzzer) */
	assert_string_equal(esc(buf_add_md, " \x0e# x", &b), "\\# x");
	buf_release(&b);
}

static void test_utf8(void **state)
{
	(void)state;
	assert_int_equal(utf8_width("✔ pass"), 6);
	assert_int_equal(utf8_width("e\xcc\x81"), 1); /* e + combining acute */
	assert_true(utf8_valid("é✔", strlen("é✔")));
	assert_false(utf8_valid("\xc3", 1));          /* truncated */
	assert_false(utf8_valid("\xc0\xaf", 2));      /* overlong */
	assert_false(utf8_valid("\xed\xa0\x80", 3));  /* surrogate */
	assert_false(utf8_valid("\xf4\x90\x80\x80", 4)); /* beyond U+10FFFF */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_growth_and_limit),
		cmocka_unit_test(test_escapers),
		cmocka_unit_test(test_utf8),
	};
	return cmocka_run_group_tests_name("buf", tests, NULL, NULL);
}
