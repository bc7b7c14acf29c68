/* test_rule.c - the rule language: Kleene logic, SPDX, dates, parse errors, and every case of
 * tests/eval/cases.txt (one cmocka test per case). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "model.h"
#include "rule.h"
#include "schema.h"
#include "spdx.h"
#include "util.h"
#include "yamlfile.h"

static void test_kleene(void **state)
{
	(void)state;
	const enum tri F = TRI_FAIL, U = TRI_UNKNOWN, P = TRI_PASS;
	/* and: the full truth table */
	assert_int_equal(tri_and(F, F), F);
	assert_int_equal(tri_and(F, U), F);
	assert_int_equal(tri_and(F, P), F);
	assert_int_equal(tri_and(U, F), F);
	assert_int_equal(tri_and(U, U), U);
	assert_int_equal(tri_and(U, P), U);
	assert_int_equal(tri_and(P, F), F);
	assert_int_equal(tri_and(P, U), U);
	assert_int_equal(tri_and(P, P), P);
	/* or */
	assert_int_equal(tri_or(F, F), F);
	assert_int_equal(tri_or(F, U), U);
	assert_int_equal(tri_or(F, P), P);
	assert_int_equal(tri_or(U, F), U);
	assert_int_equal(tri_or(U, U), U);
	assert_int_equal(tri_or(U, P), P);
	assert_int_equal(tri_or(P, F), P);
	assert_int_equal(tri_or(P, U), P);
	assert_int_equal(tri_or(P, P), P);
	/* not */
	assert_int_equal(tri_not(F), P);
	assert_int_equal(tri_not(U), U);
	assert_int_equal(tri_not(P), F);
	assert_string_equal(tri_name(U), "unknown");
}

static void test_spdx(void **state)
{
	(void)state;
	char err[160];
	assert_int_equal(spdx_check("AGPL-3.0-only", err, sizeof(err), NULL, 0), 0);
	assert_int_equal(spdx_check("GPL-3.0-or-later OR MIT", err, sizeof(err), NULL, 0), 0);
	assert_int_equal(spdx_check("(MIT AND Apache-2.0) OR BSD-3-Clause", err, sizeof(err), NULL, 0), 0);
	assert_int_equal(spdx_check("GPL-2.0+", err, sizeof(err), NULL, 0), 0);
	assert_int_equal(spdx_check("LicenseRef-Custom", err, sizeof(err), NULL, 0), 0);
	assert_int_equal(spdx_check("", err, sizeof(err), NULL, 0), -1);
	assert_int_equal(spdx_check("MIT AND", err, sizeof(err), NULL, 0), -1);
	assert_int_equal(spdx_check("(MIT", err, sizeof(err), NULL, 0), -1);
	assert_int_equal(spdx_check("MIT Apache-2.0", err, sizeof(err), NULL, 0), -1);
	assert_int_equal(spdx_check("MIT WITH Nonsense-exception", err, sizeof(err), NULL, 0), -1);
	assert_int_equal(spdx_check("AGPL-3.0-onyl", err, sizeof(err), NULL, 0), -1);
	assert_non_null(strstr(err, "did you mean 'AGPL-3.0-only'"));
	assert_int_equal(spdx_check("mit and mit", err, sizeof(err), NULL, 0), -1);
	/* the whole SPDX License List: ids outside the common ones, with their OSI flag */
	assert_int_equal(spdx_check("BSD-4-Clause", err, sizeof(err), NULL, 0), 0);
	assert_int_equal(spdx_osi_approved("BSD-4-Clause"), 0);
	assert_int_equal(spdx_osi_approved("AAL"), 1);
	assert_int_equal(spdx_osi_approved("Zlib"), 1);
	assert_int_equal(spdx_check("bsd-4-clause", err, sizeof(err), NULL, 0), -1);
	assert_non_null(strstr(err, "'BSD-4-Clause'"));
	assert_non_null(strstr(spdx_list_version(), "."));
	/* deprecated ids are valid, with a warning naming the current id */
	char warn[200];
	static const struct {
		const char *expr, *want;
	} dep[] = {
		{"GPL-3.0", "'GPL-3.0' is deprecated in the SPDX License List: write 'GPL-3.0-only'"},
		{"GPL-3.0+", "'GPL-3.0+' is deprecated in the SPDX License List: write 'GPL-3.0-or-later'"},
		{"GPL-2.0+", "write 'GPL-2.0-or-later'"},
		{"LGPL-2.1+", "write 'LGPL-2.1-or-later'"},
		{"AGPL-3.0", "'AGPL-3.0' is deprecated in the SPDX License List: write 'AGPL-3.0-only'"},
		{"AGPL-3.0+", "'AGPL-3.0+' is deprecated in the SPDX License List: write 'AGPL-3.0-or-later'"},
		{"MIT OR (Apache-2.0 AND LGPL-2.0)", "write 'LGPL-2.0-only'"},
		{"StandardML-NJ", "write 'SMLNJ'"},
	};
	for (size_t i = 0; i < ARRAY_SIZE(dep); i++) {
		assert_int_equal(spdx_check(dep[i].expr, err, sizeof(err), warn, sizeof(warn)), 0);
		if (!strstr(warn, dep[i].want))
			fail_msg("%s: warning '%s' lacks '%s'", dep[i].expr, warn, dep[i].want);
	}
	assert_int_equal(spdx_osi_approved("GPL-3.0+"), 1);
	assert_int_equal(spdx_check("GPL-3.0-only OR MIT+", err, sizeof(err), warn, sizeof(warn)), 0);
	assert_string_equal(warn, "");
	assert_int_equal(spdx_osi_approved("MIT"), 1);
	assert_int_equal(spdx_osi_approved("SSPL-1.0"), 0);
	assert_int_equal(spdx_osi_approved("SSPL-1.0 OR MIT"), 1);
	assert_int_equal(spdx_osi_approved("SSPL-1.0 AND MIT"), 0);
	assert_int_equal(spdx_osi_approved("((((MIT))))"), 1);
	assert_int_equal(spdx_osi_approved("bad expression !"), -1);
	/* nesting is bounded */
	char deep[200] = "";
	for (int i = 0; i < 40; i++)
		strcat(deep, "(");
	assert_int_equal(spdx_osi_approved(deep), -1);
}

static void test_dates(void **state)
{
	(void)state;
	long d;
	char out[11];
	assert_int_equal(date_parse("1970-01-01", &d), 0);
	assert_int_equal(d, 0);
	assert_int_equal(date_parse("2024-02-29", &d), 0);
	date_format(d, out);
	assert_string_equal(out, "2024-02-29");
	assert_int_equal(date_parse("2023-02-29", &d), -1);
	assert_int_equal(date_parse("2023-13-01", &d), -1);
	assert_int_equal(date_parse("2023-2-01", &d), -1);
	assert_int_equal(date_parse("2023-02-01x", &d), -1);
	assert_int_equal(date_parse("", &d), -1);
	assert_int_equal(date_parse("2000-12-31", &d), 0);
	assert_int_equal(d, 11322);
	for (long x = 0; x < 40000; x += 97) {
		long y;
		date_format(x, out);
		assert_int_equal(date_parse(out, &y), 0);
		assert_int_equal(x, y);
	}
}

/* Parse a rule from YAML text; NULL with the first error copied to err. */
static struct rule *parse_rule(struct arena *a, const char *text, char *err, size_t errlen)
{
	struct diag d = DIAG_INIT;
	struct node *n = yaml_read_mem(a, "rule", text, strlen(text), &d);
	struct rule *r = n ? rule_parse(a, n, RULE_FACTS, NULL, &d) : NULL;
	if (d.n && err)
		snprintf(err, errlen, "%s", d.v[0].msg);
	if (r && d.n)
		r = NULL;
	diag_release(&d);
	return r;
}

static void test_rule_errors(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	char err[512];
	static const struct {
		const char *rule, *error;
	} cases[] = {
		{"{is: forward-secrecy}", NULL},
		{"{is: forward-secrecey}", "did you mean 'forward-secrecy'"},
		{"{is: e2ee.nothing}", "'nothing' is unknown"},
		{"{is: network.type}", "'is' needs a bool fact"},
		{"{equals: network.type, value: mesh}", "expected a network type"},
		{"{equals: clients, value: x}", "needs a single-valued fact"},
		{"{includes: clients.platforms, values: [beos]}", "expected a platform"},
		{"{includes: forward-secrecy, values: [true]}", "'includes' needs a list"},
		{"{all: forward-secrecy, that: {is: x}}", "needs a list of items"},
		{"{all: clients}", "needs 'that'"},
		{"{all: clients, that: {is: forward-secrecy}}", "'forward-secrecy' is unknown"},
		{"{osi-licence: developer}", "needs a licence fact"},
		{"{exists: name}", "not a fact a rule can read"},
		{"{is: store.google-pla.offered}", "did you mean 'google-play'"},
		{"{is: repository.archived}", NULL},
		{"{within: release.latest.date, days: 365}", NULL},
		{"{within: audits.date, days: soon}", "expected a number of days"},
		{"{after: audits.date, date: 2020-02-30}", "expected a date"},
		{"{frobnicate: x}", "unknown rule operator 'frobnicate'"},
		{"{is: forward-secrecy, not: {is: x}}", "two operators"},
		{"{is: forward-secrecy, extra: 1}", "unexpected key 'extra'"},
		{"{all-of: []}", "non-empty list of rules"},
		{"{criterion: forward-secrecy}", "for section rules"},
		{"[is, x]", "expected a rule"},
		{"{not: {not: {not: {not: {not: {not: {not: {not: {not: {not: {not: {not: {not: {not: {not: {not: {not: {is: forward-secrecy}}}}}}}}}}}}}}}}}}", "nested too deeply"},
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		err[0] = '\0';
		struct rule *r = parse_rule(&a, cases[i].rule, err, sizeof(err));
		if (!cases[i].error) {
			assert_non_null(r);
			continue;
		}
		if (r || !strstr(err, cases[i].error)) {
			print_error("rule %s: expected error containing \"%s\", got \"%s\"\n",
				    cases[i].rule, cases[i].error, err);
			fail();
		}
	}
	arena_release(&a);
}

/* The case table. */

struct ecase {
	char *name;
	char *rule;
	char *now;
	char *expect;
	char *facts;
	char *observe[4];   /* "PATH = VALUE" or "PATH failed REASON" */
	size_t nobs;
	char *status[4];    /* "PATH STATUS": the evidence of PATH has that status */
	size_t nstatus;
	unsigned line;
};

static const char *cases_file = "tests/eval/cases.txt";

static void run_case(void **state)
{
	const struct ecase *c = *state;
	struct arena a = ARENA_INIT;
	struct diag d = DIAG_INIT;
	char err[512] = "";
	struct buf y = BUF_INIT;
	buf_adds(&y, "id: case\nname: Case\nlinks: {homepage: \"https://example.org\"}\n"
		     "prose: {en: {summary: s}}\n");
	buf_adds(&y, c->facts);
	struct node *root = yaml_read_mem(&a, "facts", y.s, y.len, &d);
	if (root)
		schema_validate(&a, root, &schema_messenger, &d);
	if (d.n) {
		print_error("%s:%u: case '%s': facts do not load: %s:%u:%u: %s\n", cases_file, c->line,
			    c->name, d.v[0].file, d.v[0].line, d.v[0].col, d.v[0].msg);
		fail();
	}
	struct rule *r = parse_rule(&a, c->rule, err, sizeof(err));
	if (!r) {
		print_error("%s:%u: case '%s': rule does not parse: %s\n", cases_file, c->line,
			    c->name, err);
		fail();
	}
	struct messenger m = {.id = "case", .name = "Case", .file = "facts", .order = 0, .root = root};
	struct factsrc fs = FACTSRC_INIT;
	for (size_t i = 0; i < c->nobs; i++) {
		/* PATH = VALUE (YAML flow), or PATH failed REASON */
		char *path = xstrdup(c->observe[i]);
		char *sp = strchr(path, ' ');
		const char *oerr = NULL;
		struct node *v = NULL;
		const char *reason = NULL;
		if (sp && strncmp(sp, " = ", 3) == 0) {
			*sp = '\0';
			char *doc = xasprintf("v: %s\n", sp + 3);
			struct node *vr = yaml_read_mem(&a, "observe", doc, strlen(doc), &d);
			v = vr ? node_get(vr, "v") : NULL;
			free(doc);
		} else if (sp && strncmp(sp, " failed ", 8) == 0) {
			*sp = '\0';
			reason = sp + 8;
		}
		if ((!v && !reason) || factsrc_add(&fs, &m, path, v, reason, "test", "2026-01-01",
						   "https://example.org/probe", &oerr) < 0) {
			print_error("%s:%u: case '%s': observe '%s': %s\n", cases_file, c->line, c->name,
				    c->observe[i], oerr ? oerr : "expected PATH = VALUE or PATH failed REASON");
			fail();
		}
		free(path);
	}
	struct rule_env env = {0};
	env.arena = &a;
	env.m = &m;
	env.fs = &fs;
	if (date_parse(c->now ? c->now : "2026-01-01", &env.now) < 0) {
		print_error("%s:%u: bad now\n", cases_file, c->line);
		fail();
	}
	enum tri t = rule_eval(r, &env);
	if (strcmp(tri_name(t), c->expect) != 0) {
		print_error("%s:%u: case '%s': expected %s, got %s\n", cases_file, c->line, c->name,
			    c->expect, tri_name(t));
		fail();
	}
	/* every fact read is recorded as evidence */
	if (env.nev == 0 && c->facts[0]) {
		print_error("%s:%u: case '%s': no evidence recorded\n", cases_file, c->line, c->name);
		fail();
	}
	for (size_t i = 0; i < c->nstatus; i++) {
		const char *sp = strchr(c->status[i], ' ');
		size_t plen = sp ? (size_t)(sp - c->status[i]) : 0;
		const struct fact *hit = NULL;
		for (size_t k = 0; k < env.nev && !hit; k++)
			if (strlen(env.ev[k].path) == plen && strncmp(env.ev[k].path, c->status[i], plen) == 0)
				hit = &env.ev[k];
		if (!sp || !hit || strcmp(obs_status_name(hit->status), sp + 1) != 0) {
			print_error("%s:%u: case '%s': expected evidence %s, got %s\n", cases_file, c->line,
				    c->name, c->status[i], hit ? obs_status_name(hit->status) : "no such evidence");
			fail();
		}
	}
	free(env.ev);
	factsrc_release(&fs);
	buf_release(&y);
	diag_release(&d);
	arena_release(&a);
}

static char *trim_dup(const char *s)
{
	while (*s == ' ')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == '\n' || s[n - 1] == ' ' || s[n - 1] == '\r'))
		n--;
	return xstrndup(s, n);
}

static struct ecase *load_cases(const char *path, size_t *count)
{
	FILE *fp = fopen(path, "r");
	if (!fp) {
		fprintf(stderr, "cannot open %s\n", path);
		exit(1);
	}
	struct ecase *v = NULL;
	size_t n = 0, alloc = 0;
	char line[4096];
	unsigned lineno = 0;
	struct buf facts = BUF_INIT;
	struct ecase *cur = NULL;
	while (fgets(line, sizeof(line), fp)) {
		lineno++;
		if (strncmp(line, "== ", 3) == 0) {
			if (cur)
				cur->facts = buf_detach(&facts, NULL);
			v = xgrow(v, sizeof(*v), n + 1, &alloc);
			cur = &v[n++];
			memset(cur, 0, sizeof(*cur));
			cur->name = trim_dup(line + 3);
			cur->line = lineno;
			continue;
		}
		if (!cur || (line[0] == '#' && !facts.len))
			continue;
		if (!cur->expect && strncmp(line, "rule:", 5) == 0)
			cur->rule = trim_dup(line + 5);
		else if (!cur->expect && strncmp(line, "now:", 4) == 0)
			cur->now = trim_dup(line + 4);
		else if (!cur->expect && strncmp(line, "observe:", 8) == 0 && cur->nobs < 4)
			cur->observe[cur->nobs++] = trim_dup(line + 8);
		else if (!cur->expect && strncmp(line, "status:", 7) == 0 && cur->nstatus < 4)
			cur->status[cur->nstatus++] = trim_dup(line + 7);
		else if (!cur->expect && strncmp(line, "expect:", 7) == 0)
			cur->expect = trim_dup(line + 7);
		else if (cur->expect)
			buf_adds(&facts, line);
		else if (line[0] != '\n') {
			fprintf(stderr, "%s:%u: unexpected line before 'expect:'\n", path, lineno);
			exit(1);
		}
	}
	if (cur)
		cur->facts = buf_detach(&facts, NULL);
	buf_release(&facts);
	fclose(fp);
	for (size_t i = 0; i < n; i++) {
		if (!v[i].rule || !v[i].expect) {
			fprintf(stderr, "%s:%u: case '%s' needs rule: and expect:\n", path, v[i].line,
				v[i].name);
			exit(1);
		}
	}
	*count = n;
	return v;
}

int main(int argc, char **argv)
{
	if (argc > 1)
		cases_file = argv[1];
	const struct CMUnitTest fixed[] = {
		cmocka_unit_test(test_kleene),
		cmocka_unit_test(test_spdx),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_rule_errors),
	};
	int failed = cmocka_run_group_tests_name("rule", fixed, NULL, NULL);

	size_t n;
	struct ecase *cases = load_cases(cases_file, &n);
	struct CMUnitTest *tests = xcalloc(n, sizeof(*tests));
	for (size_t i = 0; i < n; i++) {
		tests[i].name = cases[i].name;
		tests[i].test_func = run_case;
		tests[i].initial_state = &cases[i];
	}
	failed += _cmocka_run_group_tests("eval-cases", tests, n, NULL, NULL);
	for (size_t i = 0; i < n; i++) {
		free(cases[i].name);
		free(cases[i].rule);
		free(cases[i].now);
		free(cases[i].expect);
		free(cases[i].facts);
		for (size_t k = 0; k < cases[i].nobs; k++)
			free(cases[i].observe[k]);
		for (size_t k = 0; k < cases[i].nstatus; k++)
			free(cases[i].status[k]);
	}
	free(cases);
	free(tests);
	return failed ? 1 : 0;
}
