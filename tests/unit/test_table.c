/* test_table.c - fitting text to the terminal: truncation with an ellipsis, wrapping at spaces
 * (UTF-8 aware), tables narrowed to a width, and the ASCII verdict marks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "buf.h"
#include "present.h"
#include "table.h"
#include "util.h"

static char *truncated(const char *s, size_t width)
{
	struct buf b = BUF_INIT;
	text_truncate(&b, s, width);
	return buf_detach(&b, NULL);
}

static char *wrapped(const char *s, size_t width, size_t *lines)
{
	struct buf b = BUF_INIT;
	*lines = text_wrap(&b, s, width);
	return buf_detach(&b, NULL);
}

#define CHECK_STR(call, want)                                                                      \
	do {                                                                                       \
		char *got_ = (call);                                                               \
		assert_string_equal(got_, want);                                                   \
		free(got_);                                                                        \
	} while (0)

static void test_truncate(void **state)
{
	(void)state;
	CHECK_STR(truncated("centralised", 20), "centralised");
	CHECK_STR(truncated("centralised", 11), "centralised");
	CHECK_STR(truncated("centralised", 9), "centrali…");
	CHECK_STR(truncated("centralised", 1), "…");
	CHECK_STR(truncated("centralised", 0), "");
	/* widths count characters, not bytes: é is one column, two bytes */
	CHECK_STR(truncated("décentralisé", 5), "déce…");
	CHECK_STR(truncated("✔ pass", 6), "✔ pass");
	CHECK_STR(truncated("✔ pass", 3), "✔ …");
	char *t = truncated("réseau fédéré décentralisé", 10);
	assert_int_equal(utf8_width(t), 10);
	free(t);
}

static void test_wrap(void **state)
{
	(void)state;
	size_t n;
	CHECK_STR(wrapped("SimpleX Chat", 20, &n), "SimpleX Chat");
	assert_int_equal(n, 1);
	CHECK_STR(wrapped("SimpleX Chat", 9, &n), "SimpleX\nChat");
	assert_int_equal(n, 2);
	/* words are kept whole while they fit, and joined by one space */
	CHECK_STR(wrapped("a bb ccc dddd", 6, &n), "a bb\nccc\ndddd");
	assert_int_equal(n, 3);
	CHECK_STR(wrapped("  lead  and   gaps ", 8, &n), "lead and\ngaps");
	/* a word longer than the line is cut with an ellipsis */
	CHECK_STR(wrapped("post-compromise-security, platforms", 16, &n), "post-compromise…\nplatforms");
	assert_int_equal(n, 2);
	CHECK_STR(wrapped("fédération décentralisée", 11, &n), "fédération\ndécentrali…");
	CHECK_STR(wrapped("", 5, &n), "");
	assert_int_equal(n, 1);
	/* every line fits */
	char *w = wrapped("Evaluates encrypted messengers against a privacy guide's criteria, with evidence.", 17, &n);
	for (char *line = strtok(w, "\n"); line; line = strtok(NULL, "\n"))
		assert_true(utf8_width(line) <= 17);
	free(w);
}

static char *print_table(const struct table *t, size_t width)
{
	char *out = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&out, &len);
	assert_non_null(fp);
	table_print(t, fp, false, width);
	fclose(fp);
	return out;
}

static void test_table_fit(void **state)
{
	(void)state;
	struct table t;
	table_init(&t, 3);
	const char *cells[] = {"id", "name", "network",
			       "simplex", "SimpleX Chat", "decentralised",
			       "signal", "Signal", "centralised"};
	for (size_t i = 0; i < ARRAY_SIZE(cells); i++)
		table_add(&t, cells[i], TONE_NONE);
	assert_int_equal(table_width(&t), 7 + 2 + 12 + 2 + 13);
	/* no width, or a wide one: the table as it always was */
	const char *natural = "id       name          network\n"
			      "simplex  SimpleX Chat  decentralised\n"
			      "signal   Signal        centralised\n";
	CHECK_STR(print_table(&t, 0), natural);
	CHECK_STR(print_table(&t, 80), natural);
	CHECK_STR(print_table(&t, 36), natural);
	/* narrower: the widest columns give way, their cells wrapped or cut */
	CHECK_STR(print_table(&t, 30),
		  "id       name       network\n"
		  "simplex  SimpleX    decentral…\n"
		  "         Chat\n"
		  "signal   Signal     centralis…\n");
	char *out = print_table(&t, 24);
	for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n"))
		assert_true(utf8_width(line) <= 24);
	free(out);
	table_release(&t);
}

static void test_marks(void **state)
{
	(void)state;
	present_ascii = false;
	assert_string_equal(verdict_mark(V_PASS), "✔ pass");
	assert_string_equal(verdict_mark(V_FAIL), "✘ fail");
	assert_string_equal(verdict_mark(V_NA), "– n/a");
	present_ascii = true;
	assert_string_equal(verdict_mark(V_PASS), "+ pass");
	assert_string_equal(verdict_mark(V_FAIL), "x fail");
	assert_string_equal(verdict_mark(V_UNKNOWN), "? unknown");
	assert_string_equal(verdict_mark(V_NA), "- n/a");
	/* files keep UTF-8 whatever the terminal */
	assert_string_equal(verdict_mark_utf8(V_PASS), "✔ pass");
	present_ascii = false;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_truncate),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_table_fit),
		cmocka_unit_test(test_marks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
