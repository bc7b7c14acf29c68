/* fuzz_rule.c - the rule parser and evaluator.
 *
 * Each input is a rule in YAML (as written under `rule:`, `applies:` or `admit:` in a criteria
 * file). It is parsed as a fact rule and as a section rule against the newest criteria of the
 * bundled data, and whatever parses is evaluated, with a trace, against every bundled messenger
 * (data/messengers/, loaded once), with a few probe observations (fact source), and described.
 * Properties: no crash, leak or undefined behaviour; a parse fails exactly when an error is
 * recorded; evaluation gives one of the three results and evidence that names a fact. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "facts.h"
#include "fuzz.h"
#include "model.h"
#include "rule.h"
#include "util.h"
#include "yamlfile.h"

static struct model model;
static const struct criteria *crit;
static enum tri *crit_results; /* by criterion index: fail, unknown, pass in turn */
static struct factsrc facts = FACTSRC_INIT;
static long now;

static void cleanup(void)
{
	free(crit_results);
	factsrc_release(&facts);
	model_release(&model);
}

/* Observe path of the first messenger: value (a plain scalar), or a failure when NULL. A path
 * that messenger lacks is skipped: the observations only widen what the evaluation meets. */
static void observe(const char *path, const char *value)
{
	struct node n = {0};
	n.str = value;
	n.type = NODE_SCALAR;
	n.plain = true;
	n.file = "fuzz";
	n.line = n.col = 1;
	const char *err;
	factsrc_add(&facts, &model.messengers[0], path, value ? &n : NULL,
		    value ? NULL : "fuzz: no answer", "fuzz", "2025-06-01", "https://example.org/",
		    &err);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	struct diag d = DIAG_INIT;
	if (model_load(&model, ".", &d) < 0 || model.nmessengers == 0) {
		diag_print(&d, stderr);
		fuzz_fail("rule: the bundled data does not load (run from the repository root)");
	}
	diag_release(&d);
	crit = model_criteria(&model, NULL);
	crit_results = xcalloc(crit->ncrit + 1, sizeof(*crit_results));
	for (size_t i = 0; i < crit->ncrit; i++)
		crit_results[i] = (enum tri)(i % 3);
	observe("clients[0].licence", "GPL-3.0-only"); /* confirmed or contradicted */
	observe("forward-secrecy", "false");
	observe("audits[0].date", NULL);               /* failed */
	if (facts.n == 0)
		fuzz_fail("rule: no observation fits %s", model.messengers[0].id);
	if (date_parse("2026-01-01", &now) < 0)
		fuzz_fail("rule: date_parse");
	atexit(cleanup);
	return 0;
}

static void evaluate(struct arena *a, const struct rule *r, enum rule_ctx ctx)
{
	struct buf desc = BUF_INIT;
	rule_describe(r, &desc);
	buf_release(&desc);
	for (size_t i = 0; i < model.nmessengers; i++) {
		struct rule_env env = {0};
		env.arena = a;
		env.m = &model.messengers[i];
		env.now = now;
		env.fs = &facts;
		env.want_trace = true;
		env.criteria = crit;
		env.crit_results = ctx == RULE_SECTION ? crit_results : NULL;
		enum tri t = rule_eval(r, &env);
		if (t != TRI_FAIL && t != TRI_UNKNOWN && t != TRI_PASS)
			fuzz_fail("rule: result %d is not three-valued", (int)t);
		for (size_t k = 0; k < env.nev; k++)
			if (!env.ev[k].path)
				fuzz_fail("rule: evidence %zu names no fact", k);
		for (size_t k = 0; k < env.ntrace; k++) {
			struct buf b = BUF_INIT;
			rule_describe(env.trace[k].rule, &b);
			buf_release(&b);
		}
		free(env.ev);
		free(env.trace);
	}
}

static void parse(const uint8_t *data, size_t size, enum rule_ctx ctx)
{
	struct arena a = ARENA_INIT;
	struct diag d = DIAG_INIT;
	struct node *n = yaml_read_mem(&a, "rule.yml", (const char *)data, size, &d);
	struct rule *r = n ? rule_parse(&a, n, ctx, crit, &d) : NULL;
	if (n && !r && d.n == 0)
		fuzz_fail("rule: rule_parse failed without an error message");
	if (r && d.n == 0)
		evaluate(&a, r, ctx);
	diag_release(&d);
	arena_release(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	parse(data, size, RULE_FACTS);
	parse(data, size, RULE_SECTION);
	return 0;
}
