/* test_loader.c - strict YAML reading, schema validation and fact normalisation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "i18n.h"
#include "node.h"
#include "schema.h"
#include "util.h"
#include "yamlfile.h"

/* Read text; return the first diagnostic as "line:col: msg" in out, or "" when it loads. */
static struct node *read_text(struct arena *a, const char *text, size_t len, char *out, size_t n)
{
	struct diag d = DIAG_INIT;
	struct node *root = yaml_read_mem(a, "t.yml", text, len, &d);
	out[0] = '\0';
	if (d.n)
		snprintf(out, n, "%u:%u: %s", d.v[0].line, d.v[0].col, d.v[0].msg);
	diag_release(&d);
	return root;
}

static void test_tree_and_positions(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	char err[256];
	const char *y = "a: 1\nb:\n  - x\n  - \"true\"\nc: {d: true}\n";
	struct node *r = read_text(&a, y, strlen(y), err, sizeof(err));
	assert_non_null(r);
	assert_string_equal(err, "");
	assert_int_equal(r->type, NODE_MAP);
	assert_int_equal(r->n, 3);
	struct node *b = node_get(r, "b");
	assert_int_equal(b->type, NODE_SEQ);
	assert_int_equal(b->n, 2);
	assert_int_equal(b->kids[0]->line, 3);
	assert_int_equal(b->kids[0]->col, 5);
	assert_true(b->kids[0]->plain);
	assert_false(b->kids[1]->plain);
	assert_string_equal(node_str(node_get(r, "c"), "d"), "true");
	assert_null(node_get(r, "missing"));
	assert_null(node_get(b, "x"));
	arena_release(&a);
}

static void test_refusals(void **state)
{
	(void)state;
	static const struct {
		const char *yaml;
		const char *expect;
	} cases[] = {
		{"a: 1\na: 2\n", "2:1: duplicate key 'a' (first at line 1)"},
		{"a: &x 1\nb: *x\n", "1:4: YAML anchor '&x' is not allowed"},
		{"a: !!str 1\n", "1:4: YAML tag 'tag:yaml.org,2002:str' is not allowed"},
		{"", "1:1: file is empty: expected a mapping"},
		{"a: 1\n---\nb: 2\n", "2:1: a second YAML document"},
		{"a:\n\t- x\n", "2:1: tab character where YAML expects spaces"},
		{"a: \"open\n", "YAML syntax error"},
		{"[1, 2]: x\n", "mapping key must be a plain string"},
		{"a: \xff\n", "1:4: invalid UTF-8 (byte 0xFF)"},
	};
	struct arena a = ARENA_INIT;
	char err[256];
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct node *r = read_text(&a, cases[i].yaml, strlen(cases[i].yaml), err, sizeof(err));
		if (r || !strstr(err, cases[i].expect)) {
			print_error("yaml %zu: expected \"%s\", got \"%s\"\n", i, cases[i].expect, err);
			fail();
		}
	}
	/* NUL byte */
	struct node *r = read_text(&a, "a: b\0c\n", 7, err, sizeof(err));
	assert_null(r);
	assert_non_null(strstr(err, "1:5: NUL byte"));
	arena_release(&a);
}

static void test_limits(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	char err[256];
	struct buf b = BUF_INIT;
	/* nesting */
	for (int i = 0; i < 40; i++)
		buf_adds(&b, "[");
	for (int i = 0; i < 40; i++)
		buf_adds(&b, "]");
	assert_null(read_text(&a, b.s, b.len, err, sizeof(err)));
	assert_non_null(strstr(err, "nesting is too deep"));
	/* scalar size */
	buf_reset(&b);
	buf_adds(&b, "a: ");
	buf_addn(&b, 'x', YAML_MAX_SCALAR + 1);
	assert_null(read_text(&a, b.s, b.len, err, sizeof(err)));
	assert_non_null(strstr(err, "is too long"));
	/* file size */
	buf_reset(&b);
	buf_addn(&b, '#', YAML_MAX_FILE + 1);
	assert_null(read_text(&a, b.s, b.len, err, sizeof(err)));
	buf_release(&b);
	arena_release(&a);
}

static size_t validate(struct arena *a, const char *y, char *err, size_t n)
{
	struct diag d = DIAG_INIT;
	struct node *r = yaml_read_mem(a, "m.yml", y, strlen(y), &d);
	size_t errs = d.n;
	if (r)
		errs += schema_validate(a, r, &schema_messenger, &d);
	err[0] = '\0';
	if (d.n)
		snprintf(err, n, "%u:%u: %s", d.v[0].line, d.v[0].col, d.v[0].msg);
	diag_release(&d);
	return errs;
}

#define BASE "id: x\nname: X\nlinks: {homepage: \"https://x.org\"}\n"

static void test_schema(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	char err[512];
	assert_int_equal(validate(&a, BASE, err, sizeof(err)), 0);
	static const struct {
		const char *yaml;
		const char *expect;
	} cases[] = {
		{BASE "forward-secrecy: yes\n", "4:18: expected a bool (true or false), found 'yes'"},
		{BASE "forward-secrecy: \"true\"\n", "expected a bool"},
		{BASE "forward-secrecey: true\n", "unknown key 'forward-secrecey' in a messenger (did you mean 'forward-secrecy'?)"},
		{"id: x\nname: X\n", "missing required key 'links'"},
		{BASE "network: {type: mesh}\n", "expected a network type (one of: centralised, federated, p2p, decentralised), found 'mesh'"},
		{BASE "audits: [{date: 2020-02-30, auditor: a, scope: s, report: \"https://r.org\", independent: true}]\n", "expected a date (YYYY-MM-DD), found '2020-02-30'"},
		{"id: x\nname: X\nlinks: {homepage: \"http://x.org\"}\n", "expected an https URL, found 'http://x.org'"},
		{BASE "developer: {value: D}\n", "fact is missing 'source'"},
		{BASE "developer: {value: D, source: \"https://s.org\", checked: 2020-01-01, extra: 1}\n", "unknown key 'extra' in the fact 'developer'"},
		{BASE "clients: [{name: c, repository: \"https://r.org\", licence: GPL-3}]\n", "unknown licence id 'GPL-3'"},
		{BASE "threats: [censorship, censorship]\n", "'censorship' is listed twice"},
		{BASE "prose: {english: {summary: s}}\n", "'english' is not a locale"},
		{BASE "prose: {fr: {summary: s}}\n", "missing the English text 'en'"},
		{BASE "order: first\n", "expected an integer"},
		{"id: X_1\nname: X\nlinks: {homepage: \"https://x.org\"}\n", "expected an id"},
		{BASE "clients: {name: c}\n", "expected a list of clients, found a mapping"},
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		size_t n = validate(&a, cases[i].yaml, err, sizeof(err));
		if (n == 0 || !strstr(err, cases[i].expect)) {
			print_error("schema %zu: expected \"%s\", got \"%s\"\n", i, cases[i].expect, err);
			fail();
		}
	}
	arena_release(&a);
}

static void test_fact_normalisation(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct diag d = DIAG_INIT;
	const char *y = BASE "forward-secrecy: {value: true, source: \"https://s.org/fs\", checked: 2025-02-01}\n"
			"e2ee:\n  source: \"https://s.org/e2ee\"\n  checked: 2025-03-01\n  all-default: false\n";
	struct node *r = yaml_read_mem(&a, "m.yml", y, strlen(y), &d);
	assert_non_null(r);
	assert_int_equal(schema_validate(&a, r, &schema_messenger, &d), 0);
	struct node *fs = node_get(r, "forward-secrecy");
	assert_int_equal(fs->type, NODE_SCALAR);
	assert_string_equal(fs->str, "true");
	assert_non_null(fs->meta);
	assert_string_equal(fs->meta->source, "https://s.org/fs");
	assert_string_equal(fs->meta->checked, "2025-02-01");
	struct node *e2ee = node_get(r, "e2ee");
	assert_non_null(e2ee->meta);
	assert_string_equal(e2ee->meta->source, "https://s.org/e2ee");
	assert_null(node_get(e2ee, "all-default")->meta);
	diag_release(&d);
	arena_release(&a);
}

/* An empty catalogue directory is no catalogue at all (qsort never sees a NULL array, which
 * UBSan would abort on). */
static void test_i18n_empty_dir(void **state)
{
	(void)state;
	char dir[] = "/tmp/msgvet-i18n-XXXXXX";
	assert_non_null(mkdtemp(dir));
	struct arena a = ARENA_INIT;
	struct diag d = DIAG_INIT;
	struct i18n t;
	assert_int_equal(i18n_load(&t, &a, dir, &d), 0);
	assert_int_equal(t.n, 0);
	assert_int_equal(d.n, 0);
	i18n_release(&t);
	diag_release(&d);
	arena_release(&a);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tree_and_positions),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_schema),
		cmocka_unit_test(test_fact_normalisation),
		cmocka_unit_test(test_i18n_empty_dir),
	};
	return cmocka_run_group_tests_name("loader", tests, NULL, NULL);
}
