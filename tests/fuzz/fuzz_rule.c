/* fuzz_rule.c - the rule parser and evaluator.
 *
 * Each input is a rule in YAML (as written under `rule:`, `applies:` or `admit:` in a criteria
 * file). It is parsed as a fact rule and as a section rule against the newest criteria of the
 * bundled data, and whatever parses is evaluated, with a trace, against every bundled messenger
 * (data/messengers/, loaded once), with a few probe observations, and described.
 * Properties: no crash, leak or undefined behaviour; a parse fails exactly when an error is
 * recorded; evaluation gives one of the three results and evidence that names a fact. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "fuzz.h"
#include "model.h"
#include "rule.h"
#include "util.h"
#include "yamlfile.h"

static struct model model;
static const struct criteria *crit;
static enum tri *crit_results; /* by criterion index: fail, unknown, pass in turn */
static struct observation obs[3];
static long now;

static void cleanup(void)
{
	free(crit_results);
	model_release(&model);
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
	const char *id = model.messengers[0].id;
	obs[0] = (struct observation){id, "clients[0].licence", "GPL-3.0-only", "confirmed",
				      "2025-06-01", "https://example.org/a"};
	obs[1] = (struct observation){id, "forward-secrecy", "false", "contradicted", "2025-06-01",
				      "https://example.org/b"};
	obs[2] = (struct observation){id, "audits[0].date", NULL, "failed", "2025-06-01",
				      "https://example.org/c"};
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
		env.obs = obs;
		env.nobs = ARRAY_SIZE(obs);
		env.want_trace = true;
		env.criteria = crit;
		env.crit_results = ctx == RULE_SECTION ? crit_results : NULL;
		enum tri t = rule_eval(r, &env);
		if (t != TRI_FAIL && t != TRI_UNKNOWN && t != TRI_PASS)
			fuzz_fail("rule: result %d is not three-valued", (int)t);
		for (size_t k = 0; k < env.nev; k++)
			if (!env.ev[k].fact)
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
