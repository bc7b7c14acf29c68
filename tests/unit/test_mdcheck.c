/* test_mdcheck.c - Markdown from data: what stays text is accepted, markup is refused at its
 * line, code spans follow CommonMark. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "mdcheck.h"

static const char *const placeholders[] = {"name", NULL};

static int check(const char *s, struct md_problem *p)
{
	memset(p, 0, sizeof(*p));
	return mdcheck(s, strlen(s), placeholders, p);
}

static void test_accepted(void **state)
{
	(void)state;
	static const char *const ok[] = {
		"**bold**, _em_, [a link](https://example.org/x?a=1#y) and [mail](mailto:a@example.org)",
		"![logo](https://example.org/a.png)",
		"[the criteria](about/criteria.md#minimum) and [a section](#anchor)",
		"code: `<script>alert(1)</script>` and ``a ` <b>`` and `{ onclick=x }`",
		"    <div>indented code</div>\n",
		"```\n<img src=x onerror=alert(1)>\n```\n",
		"a < b, 1 <2, & and &amp; and &lt;b&gt;",
		"{name} logo, and \\{ escaped \\} braces",
		"a | b | c",
	};
	struct md_problem p;
	for (size_t i = 0; i < sizeof(ok) / sizeof(*ok); i++) {
		if (check(ok[i], &p) != 0)
			fail_msg("refused %s: line %u: %s", ok[i], p.line, p.msg);
	}
}

static void test_refused(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		unsigned line;
		const char *msg; /* a part of the message */
	} bad[] = {
		{"[JS](javascript:alert(1))", 1, "link destination 'javascript:alert(1)'"},
		{"[JS](JavaScript&#58;alert(1))", 1, "link destination"},
		{"a\n\n[x][r]\n\n[r]: data:text/html,x", 5, "link destination 'data:text/html,x'"},
		{"![x](http://example.org/a.png)", 1, "image source 'http://example.org/a.png'"},
		{"[x](//evil.example/)", 1, "link destination '//evil.example/'"},
		{"[x](https://example.org){ onclick=\"alert(2)\" }", 1, "attribute list '{ onclick=\"alert(2)\" }'"},
		{"para\n{: onerror=alert(3) }", 2, "attribute list '{: onerror=alert(3) }'"},
		{"a ` b <img src=x onerror=alert(4)>", 1, "raw HTML '<img src=x onerror=alert"},
		{"a `code\n\n<img src=x onerror=alert(5)>` b", 3, "raw HTML"},
		{"<img/src=x/onerror=alert(6)>", 1, "raw HTML"},
		{"\\<img src=x onerror=alert(7)>", 1, "raw HTML '<img'"},
		{"x\n<!-- comment -->", 2, "raw HTML '<!-- comment -->'"},
		{"<https://example.org/>", 1, "autolink"},
		{"<div>\nblock\n</div>", 1, "raw HTML '<div>'"},
		{"{version}", 1, "attribute list '{version}'"},
		{"a\x1b b <b>", 1, "raw HTML '<b>'"},
	};
	struct md_problem p;
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		if (check(bad[i].s, &p) == 0)
			fail_msg("accepted %s", bad[i].s);
		if (p.line != bad[i].line || !strstr(p.msg, bad[i].msg))
			fail_msg("%s: got line %u '%s', want line %u '%s'", bad[i].s, p.line, p.msg,
				 bad[i].line, bad[i].msg);
	}
	/* data in messages is inert */
	assert_int_equal(check("x <b\x1b[2J>", &p), -1);
	assert_null(strchr(p.msg, '\x1b'));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accepted),
		cmocka_unit_test(test_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
