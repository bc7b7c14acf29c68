/* test_eval.c - evaluation over whole models: verdicts, n/a, placement, page order, and the
 * placements the guide's data must produce under both criteria versions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "diag.h"
#include "eval.h"
#include "model.h"
#include "util.h"

static struct evaluation *evaluate(struct model *m, const char *root, const char *spec)
{
	struct diag d = DIAG_INIT;
	int rc = model_load(m, root, &d);
	if (rc < 0 || d.n) {
		diag_print(&d, stderr);
		fail();
	}
	diag_release(&d);
	const struct criteria *c = model_criteria(m, spec);
	assert_non_null(c);
	const struct messenger **ms = xcalloc(m->nmessengers, sizeof(*ms));
	for (size_t i = 0; i < m->nmessengers; i++)
		ms[i] = &m->messengers[i];
	struct evaluation *e = eval_run(c, ms, m->nmessengers, NULL, 20000);
	free(ms);
	eval_sort_page(e);
	return e;
}

static const struct messenger_result *find(const struct evaluation *e, const char *id)
{
	for (size_t i = 0; i < e->n; i++)
		if (strcmp(e->v[i].m->id, id) == 0)
			return &e->v[i];
	fail_msg("no result for %s", id);
	return NULL;
}

static void count_fact(void *ctx, const struct fact *f)
{
	struct {
		size_t n, observed_only, unverified;
	} *seen = ctx;
	seen->n++;
	if (f->status == OBS_OBSERVED_ONLY) {
		seen->observed_only++;
		assert_string_equal(f->path, "repository.archived");
		assert_string_equal(f->value->str, "false");
		assert_null(f->declared);
		assert_string_equal(f->obs->source, "https://api.example.org/alpha");
	}
	seen->unverified += f->status == OBS_UNVERIFIED;
}

static void test_fixture(void **state)
{
	(void)state;
	struct model m;
	struct evaluation *e = evaluate(&m, "tests/fixtures/eval-root", "demo");
	/* a version's former name finds it; a name no version had finds nothing */
	assert_ptr_equal(model_criteria(&m, "demo@2023-11"), e->c);
	assert_null(model_criteria(&m, "demo@2023-12"));
	/* page order: section, then order, then name */
	const char *order[] = {"beta", "alpha", "gamma", "delta", "epsilon"};
	for (size_t i = 0; i < ARRAY_SIZE(order); i++)
		assert_string_equal(e->v[i].m->id, order[i]);
	assert_string_equal(placement_name(find(e, "alpha")), "top");
	/* n/a counts as met for placement */
	const struct messenger_result *beta = find(e, "beta");
	assert_int_equal(beta->results[1].verdict, V_NA);
	assert_string_equal(placement_name(beta), "top");
	assert_string_equal(placement_name(find(e, "gamma")), "rest");
	/* a failed minimum criterion excludes */
	const struct messenger_result *delta = find(e, "delta");
	assert_int_equal(delta->results[1].verdict, V_FAIL);
	assert_null(delta->placement);
	assert_false(delta->undetermined);
	/* an unknown minimum criterion is not a pass, nor a failure: the placement is
	 * undetermined, between the sections it could belong to, and not placed */
	const struct messenger_result *eps = find(e, "epsilon");
	assert_int_equal(eps->results[0].verdict, V_UNKNOWN);
	assert_string_equal(placement_name(eps), "undetermined");
	assert_null(eps->placement);
	assert_true(eps->undetermined);
	const struct criteria *c = e->c;
	/* it could be excluded; and what decides it is the unknown criterion */
	assert_true(eps->candidates & (UINT64_C(1) << c->nsections));
	const struct crit_result *dec[8];
	size_t nd = eval_placement_reasons(c, eps, dec, 8);
	assert_true(nd >= 1);
	for (size_t i = 0; i < nd; i++)
		assert_int_equal(dec[i]->verdict, V_UNKNOWN);
	/* delta is excluded by the minimum criterion it fails */
	nd = eval_placement_reasons(c, delta, dec, 8);
	assert_int_equal(nd, 1);
	assert_int_equal(dec[0]->verdict, V_FAIL);
	assert_string_equal(dec[0]->crit->id, delta->results[1].crit->id);
	/* evidence carries the fact, its value and its source */
	const struct crit_result *fs = &find(e, "alpha")->results[0];
	assert_int_equal(fs->nev, 1);
	assert_string_equal(fs->ev[0].path, "forward-secrecy");
	assert_string_equal(fs->ev[0].value->str, "true");
	assert_string_equal(fs->ev[0].meta->source, "https://alpha.example.org/fs");
	assert_string_equal(fs->ev[0].meta->checked, "2025-01-01");
	/* inherited source of a list item */
	const struct crit_result *sv = &find(e, "alpha")->results[1];
	assert_string_equal(sv->ev[sv->nev - 1].path, "servers[https://alpha.example.org/s].licence");
	assert_string_equal(sv->ev[sv->nev - 1].meta->source, "https://alpha.example.org/s");
	eval_free(e);
	model_release(&m);
}

/* want: messenger id, placement, and the failed criteria that decided it (comma-separated, in
 * file order), "" when none failed (placed by what it meets, or moved, added later,
 * discontinued). Every bundled messenger must be in the table. */
static void check_placements(const char *spec, const char *const want[][3], size_t n)
{
	struct model m;
	struct evaluation *e = evaluate(&m, ".", spec);
	if (e->n != n)
		fail_msg("%s: %zu messengers evaluated, the table has %zu", spec, e->n, n);
	for (size_t i = 0; i < n; i++) {
		const struct messenger_result *r = find(e, want[i][0]);
		if (strcmp(placement_name(r), want[i][1]) != 0)
			fail_msg("%s under %s: expected %s, got %s", want[i][0], spec, want[i][1],
				 placement_name(r));
		const struct crit_result *dec[32];
		size_t nd = eval_placement_reasons(e->c, r, dec, 32);
		char failed[512] = "";
		for (size_t k = 0; k < nd; k++)
			if (dec[k]->verdict == V_FAIL)
				snprintf(failed + strlen(failed), sizeof(failed) - strlen(failed), "%s%s",
					 *failed ? "," : "", dec[k]->crit->id);
		if (strcmp(failed, want[i][2]) != 0)
			fail_msg("%s under %s: decided by failing '%s', expected '%s'", want[i][0], spec,
				 failed, want[i][2]);
	}
	eval_free(e);
	model_release(&m);
}

static void test_guide_2023(void **state)
{
	(void)state;
	static const char *const want[][3] = {
		{"signal", "recommended", ""}, {"simplex", "recommended", ""}, {"briar", "recommended", ""},
		/* forward secrecy was the best case's first item: without it, "Additional Options" */
		{"element", "other", "forward-secrecy"}, {"session", "other", "forward-secrecy"},
		/* on the page from 2024-08-22, after these criteria took effect */
		{"molly", "added-later", ""},
		{"conversations", "excluded", "e2ee-all-messages"},
		/* meets "Additional Options" (no forward secrecy); the guide has never listed it */
		{"delta-chat", "not-listed", "forward-secrecy"},
		{"telegram", "excluded", "e2ee-private-default,e2ee-all-messages"},
		{"threema", "not-listed", ""},
		{"viber", "excluded", "open-source-clients"},
		{"whatsapp", "excluded", "open-source-clients"},
		/* delisted by the guide in 2019 (its ownership and policy changes), not for a criterion */
		{"wire", "not-listed", ""},
		/* not listed by the guide; whether they meet the criteria is unknown (no audit found) */
		{"jami", "not-listed", ""}, {"cwtch", "not-listed", ""},
		/* discontinued is judged at the evaluation's date, whatever the version */
		{"wickr-me", "discontinued", ""},
		{"qtox", "excluded", "independent-audit"},
		{"facebook-messenger", "excluded", "open-source-clients"},
		{"element-x", "added-later", ""},
		/* never named by the guide; its audit is unknown, which no version decides against it */
		{"olvid", "not-listed", ""},
	};
	check_placements("real-time-communication@2023-02", want, ARRAY_SIZE(want));
	/* Element left for another category in 2025, long after these criteria: not moved */
	struct model m;
	struct evaluation *e = evaluate(&m, ".", "real-time-communication@2023-02");
	assert_null(find(e, "element")->moved);
	assert_non_null(find(e, "molly")->added_later);
	assert_null(find(e, "molly")->placement);
	/* four minimum requirements, five best-case ones (no personal identifiers nor
	 * post-compromise security yet) */
	assert_null(criteria_find(e->c, "no-personal-identifiers"));
	assert_null(criteria_find(e->c, "post-compromise-security"));
	assert_int_equal(find(e, "signal")->count[0].total, 4);
	assert_int_equal(find(e, "signal")->count[1].total, 5);
	eval_free(e);
	model_release(&m);
}

static void test_guide_2024(void **state)
{
	(void)state;
	static const char *const want[][3] = {
		{"signal", "recommended", ""}, {"simplex", "recommended", ""}, {"briar", "recommended", ""},
		{"element", "other", "forward-secrecy"}, {"session", "other", "forward-secrecy"},
		/* on the page from 2024-08-22, after these criteria took effect */
		{"molly", "added-later", ""},
		/* OMEMO cannot encrypt public group chats */
		{"conversations", "excluded", "e2ee-all-messages"},
		/* meets "Additional Options" (no forward secrecy); the guide has never listed it */
		{"delta-chat", "not-listed", "forward-secrecy"},
		{"telegram", "excluded", "e2ee-private-default,e2ee-all-messages"},
		/* meets the minimum, but the guide does not list it */
		{"threema", "not-listed", ""},
		{"viber", "excluded", "open-source-clients"},
		{"whatsapp", "excluded", "open-source-clients"},
		/* delisted by the guide in 2019 (its ownership and policy changes), not for a criterion */
		{"wire", "not-listed", ""},
		/* not listed by the guide; whether they meet the criteria is unknown (no audit found) */
		{"jami", "not-listed", ""}, {"cwtch", "not-listed", ""},
		{"wickr-me", "discontinued", ""},
		/* toxcore says it was never independently audited: a sourced empty list */
		{"qtox", "excluded", "independent-audit"},
		{"facebook-messenger", "excluded", "open-source-clients"},
		/* named on the page inside Element's card from 2024-10-24 */
		{"element-x", "added-later", ""},
		{"olvid", "not-listed", ""},
	};
	check_placements("real-time-communication@2024-02", want, ARRAY_SIZE(want));
}

static void test_guide_2025(void **state)
{
	(void)state;
	static const char *const want[][3] = {
		{"signal", "recommended", ""}, {"simplex", "recommended", ""}, {"briar", "recommended", ""},
		{"molly", "recommended", ""},
		{"element", "moved", ""}, {"session", "excluded", "forward-secrecy"},
		/* OMEMO cannot encrypt public group chats */
		{"conversations", "excluded", "e2ee-all-messages"},
		/* forward secrecy is a minimum requirement since May 2025 */
		{"delta-chat", "excluded", "forward-secrecy"},
		{"telegram", "excluded", "e2ee-private-default,e2ee-all-messages"},
		/* meets the minimum, but the guide does not list it */
		{"threema", "not-listed", ""},
		{"viber", "excluded", "open-source-clients"},
		{"whatsapp", "excluded", "open-source-clients"},
		/* delisted by the guide in 2019 (its ownership and policy changes), not for a criterion */
		{"wire", "not-listed", ""},
		/* not listed by the guide; whether they meet the criteria is unknown (no audit found) */
		{"jami", "not-listed", ""}, {"cwtch", "not-listed", ""},
		{"wickr-me", "discontinued", ""},
		{"qtox", "excluded", "independent-audit"},
		{"facebook-messenger", "excluded", "open-source-clients"},
		/* left the page with Element's card on 2025-05-10 */
		{"element-x", "moved", ""},
		{"olvid", "not-listed", ""},
	};
	check_placements("real-time-communication@2025-05", want, ARRAY_SIZE(want));
	/* Element left the page on 2025-05-10, before these criteria took effect: it is moved,
	 * which is not failing anything (no deciding criterion), although it fails one */
	struct model mm;
	struct evaluation *e = evaluate(&mm, ".", "real-time-communication@2025-05");
	const struct messenger_result *el = find(e, "element");
	assert_non_null(el->moved);
	assert_null(el->placement);
	assert_false(el->undetermined);
	const struct crit_result *dec[16];
	assert_int_equal(eval_placement_reasons(e->c, el, dec, 16), 0);
	assert_null(find(e, "session")->moved);
	eval_free(e);
	model_release(&mm);
	/* the default is the newest version */
	struct model m;
	struct diag d = DIAG_INIT;
	assert_int_equal(model_load(&m, ".", &d), 0);
	assert_string_equal(model_criteria(&m, NULL)->version, "2025-05");
	assert_string_equal(model_criteria(&m, "real-time-communication")->version, "2025-05");
	assert_null(model_criteria(&m, "real-time-communication@1999-01"));
	/* 2023-02 is the February 2023 version, whose name earlier releases gave to 2024-02 */
	const struct criteria *c23 = model_criteria(&m, "real-time-communication@2023-02");
	assert_string_equal(c23->version, "2023-02");
	assert_string_equal(c23->effective, "2023-02-16");
	assert_string_equal(c23->name_once_meant->str, "2024-02");
	assert_null(c23->formerly);
	assert_null(model_criteria(&m, "real-time-communication@2024-02")->formerly);
	assert_null(model_criteria(&m, "real-time-communication@2024-02")->name_once_meant);
	assert_string_equal(model_criteria(&m, "real-time-communication@2024-02")->effective, "2024-02-20");
	assert_null(model_criteria(&m, "nothing"));
	diag_release(&d);
	model_release(&m);
}

/* `listed: false`: the guide does not list the messenger, whatever it meets. */
static void test_not_listed(void **state)
{
	(void)state;
	struct model m;
	struct evaluation *e = evaluate(&m, "tests/fixtures/listed-root", "demo");
	const struct criteria *c = e->c;
	const struct crit_result *dec[8];
	size_t nd;
	/* not listed by the guide: in no section, without failing anything, whether it meets a
	 * section (iota: what admits it decides) or may (lambda: the unknown decides); one that
	 * fails stays excluded (kappa); listed: true is the default (mu) */
	const struct messenger_result *iota = find(e, "iota");
	assert_string_equal(placement_name(iota), "not-listed");
	assert_null(iota->placement);
	assert_false(iota->undetermined);
	assert_non_null(iota->not_listed);
	assert_string_equal(iota->not_listed->meta->source, "https://guide.example.org/page");
	assert_string_equal(iota->meets->id, "top");
	nd = eval_placement_reasons(c, iota, dec, 8);
	assert_int_equal(nd, 3); /* top reads fs, servers (by level) and pcs */
	for (size_t i = 0; i < nd; i++)
		assert_true(verdict_met(dec[i]->verdict));
	const struct messenger_result *lambda = find(e, "lambda");
	assert_string_equal(placement_name(lambda), "not-listed");
	assert_null(lambda->meets);
	assert_false(lambda->undetermined);
	nd = eval_placement_reasons(c, lambda, dec, 8);
	assert_true(nd >= 1);
	for (size_t i = 0; i < nd; i++)
		assert_int_equal(dec[i]->verdict, V_UNKNOWN);
	const struct messenger_result *kappa = find(e, "kappa");
	assert_string_equal(placement_name(kappa), "excluded");
	assert_null(kappa->not_listed);
	nd = eval_placement_reasons(c, kappa, dec, 8);
	assert_int_equal(nd, 1);
	assert_string_equal(dec[0]->crit->id, "fs");
	assert_string_equal(placement_name(find(e, "mu")), "rest");
	eval_free(e);
	model_release(&m);
}

static void test_deterministic(void **state)
{
	(void)state;
	/* the same inputs give the same verdicts and evidence, run after run */
	struct model m1, m2;
	struct evaluation *a = evaluate(&m1, ".", "real-time-communication@2024-02");
	struct evaluation *b = evaluate(&m2, ".", "real-time-communication@2024-02");
	assert_int_equal(a->n, b->n);
	for (size_t i = 0; i < a->n; i++) {
		assert_string_equal(a->v[i].m->id, b->v[i].m->id);
		for (size_t k = 0; k < a->c->ncrit; k++) {
			assert_int_equal(a->v[i].results[k].verdict, b->v[i].results[k].verdict);
			assert_int_equal(a->v[i].results[k].nev, b->v[i].results[k].nev);
		}
	}
	eval_free(a);
	eval_free(b);
	model_release(&m1);
	model_release(&m2);
}

/* An empty list says nothing (unknown), unless the list itself is a sourced fact, a source that
 * says there are none: then 'any' fails and 'all' passes, with the list as the evidence. */
static void test_sourced_empty(void **state)
{
	(void)state;
	struct model m;
	struct evaluation *e = evaluate(&m, "tests/fixtures/eval-empty", "demo");
	const struct messenger_result *bare = find(e, "bare"), *stated = find(e, "stated");
	assert_int_equal(bare->results[0].verdict, V_UNKNOWN);
	assert_int_equal(bare->results[1].verdict, V_UNKNOWN);
	assert_true(bare->undetermined);
	assert_int_equal(stated->results[0].verdict, V_FAIL);
	assert_int_equal(stated->results[1].verdict, V_PASS);
	assert_false(stated->undetermined);
	assert_string_equal(placement_name(stated), "excluded");
	const struct crit_result *au = &stated->results[0];
	assert_int_equal(au->nev, 1);
	assert_string_equal(au->ev[0].path, "audits");
	assert_string_equal(au->ev[0].meta->source, "https://stated.example.org/never-audited");
	eval_free(e);
	model_release(&m);
}

/* The observations file's fast reader (into an empty set) and the YAML reader (into a set that
 * has an observation already) read the same things: escapes, a byte-order mark, white space,
 * keys in any order, lists, booleans, dates, errors, a position turned into a key. */
static void test_observations_readers(void **state)
{
	(void)state;
	struct model m;
	struct diag d = DIAG_INIT;
	assert_int_equal(model_load(&m, "tests/fixtures/eval-root", &d), 0);
	const char *file = "tests/fixtures/observations-escapes.json";
	struct factsrc fast = FACTSRC_INIT, slow = FACTSRC_INIT;
	assert_int_equal(factsrc_load(&fast, file, m.messengers, m.nmessengers, &d), 0);
	const char *err;
	assert_int_equal(factsrc_add(&slow, model_messenger(&m, "zeta"), "forward-secrecy", NULL,
				     "HTTP 500", "forge", "2026-01-01", NULL, &err), 0);
	/* whatever reader or probe an observation comes from, no control character gets in */
	struct node esc = {.str = "1.0\x1b[31m", .type = NODE_SCALAR};
	assert_int_equal(factsrc_add(&slow, model_messenger(&m, "zeta"), "release.latest.version", &esc,
				     NULL, "forge", "2026-01-01", NULL, &err), -1);
	assert_non_null(strstr(err, "control character U+001B"));
	assert_int_equal(factsrc_add(&slow, model_messenger(&m, "zeta"), "forward-secrecy", NULL,
				     "HTTP 500\x07", "forge", "2026-01-01", NULL, &err), -1);
	assert_non_null(strstr(err, "reason contains the control character U+0007"));
	if (factsrc_load(&slow, file, m.messengers, m.nmessengers, &d) < 0) {
		diag_print(&d, stderr);
		fail();
	}
	assert_int_equal(d.n, 0);
	assert_int_equal(fast.n, 8);
	assert_int_equal(slow.n, fast.n + 1);
	for (size_t i = 0; i < fast.n; i++) {
		const struct observation *a = &fast.v[i];
		const struct observation *b = factsrc_find(&slow, a->messenger, a->fact);
		assert_non_null(b);
		assert_true(!a->value == !b->value);
		if (a->value) {
			assert_true(fact_value_equal(a->value, b->value));
			assert_int_equal(a->value->plain, b->value->plain);
		}
		assert_true(!a->reason == !b->reason);
		if (a->reason)
			assert_string_equal(a->reason, b->reason);
		assert_string_equal(a->probe, b->probe);
		assert_string_equal(a->observed, b->observed);
		assert_true(!a->source == !b->source && !a->hash == !b->hash);
		if (a->source)
			assert_string_equal(a->source, b->source);
		if (a->hash)
			assert_string_equal(a->hash, b->hash);
	}
	const struct observation *dev = factsrc_find(&fast, "alpha", "developer");
	assert_non_null(dev);
	assert_string_equal(dev->value->str, "Caf\xc3\xa9 \"\xe2\x98\xba\" a\\b/c\n\td \xc3\xa9");
	assert_string_equal(dev->source, "https://alpha.example.org/dev");
	assert_non_null(factsrc_find(&fast, "alpha", "servers[https://alpha.example.org/s].licence"));
	factsrc_release(&fast);
	factsrc_release(&slow);
	diag_release(&d);
	model_release(&m);
}

/* Observations enter through eval_run itself: every status, and the evidence says what each
 * source said. */
static void test_observations(void **state)
{
	(void)state;
	struct model m;
	struct diag d = DIAG_INIT;
	assert_int_equal(model_load(&m, "tests/fixtures/eval-root", &d), 0);
	struct factsrc fs = FACTSRC_INIT;
	if (factsrc_load(&fs, "tests/fixtures/eval-observations.json", m.messengers, m.nmessengers, &d) < 0) {
		diag_print(&d, stderr);
		fail();
	}
	const struct criteria *c = model_criteria(&m, "demo");
	const struct messenger *alpha = model_messenger(&m, "alpha");
	struct evaluation *e = eval_run(c, &alpha, 1, &fs, 20000);
	const struct messenger_result *r = &e->v[0];
	/* confirmed: the declared value, with the probe that agreed */
	const struct crit_result *fsr = &r->results[criteria_find(c, "fs")->index];
	assert_int_equal(fsr->verdict, V_PASS);
	assert_int_equal(fsr->status, OBS_CONFIRMED);
	assert_int_equal(fsr->ev[0].status, OBS_CONFIRMED);
	assert_string_equal(fsr->ev[0].obs->probe, "forge");
	assert_string_equal(fsr->ev[0].obs->observed, "2026-01-02");
	assert_string_equal(fsr->ev[0].obs->source, "https://alpha.example.org/probe/fs");
	assert_string_equal(fsr->ev[0].meta->source, "https://alpha.example.org/fs");
	/* contradicted: the declared MIT stands as the fact's value, the probe's BUSL-1.1 is shown,
	 * and the result is unknown, which leaves a minimum criterion unmet: excluded */
	const struct crit_result *sv = &r->results[criteria_find(c, "servers")->index];
	assert_int_equal(sv->verdict, V_UNKNOWN);
	assert_int_equal(sv->status, OBS_CONTRADICTED);
	const struct fact *lic = &sv->ev[sv->nev - 1];
	assert_string_equal(lic->path, "servers[https://alpha.example.org/s].licence");
	assert_int_equal(lic->status, OBS_CONTRADICTED);
	assert_string_equal(lic->value->str, "MIT");
	assert_string_equal(lic->declared->str, "MIT");
	assert_string_equal(lic->obs->value->str, "BUSL-1.1");
	assert_string_equal(lic->obs->probe, "repo");
	assert_true(lic->doubt);
	assert_null(r->placement);
	assert_true(r->undetermined); /* the contradiction leaves it to what is not known */
	assert_int_equal(r->count[0].unknown, 1);
	/* failed: the declared value stands, the reason is kept */
	const struct crit_result *pcs = &r->results[criteria_find(c, "pcs")->index];
	assert_int_equal(pcs->verdict, V_PASS);
	assert_int_equal(pcs->status, OBS_FAILED);
	assert_null(pcs->ev[0].obs->value);
	assert_string_equal(pcs->ev[0].obs->reason, "HTTP 500");
	eval_free(e);

	/* the walker: declared facts, then the observed-only one, with its probe and value */
	struct facts_seen {
		size_t n, observed_only, unverified;
	} seen = {0, 0, 0};
	struct arena a = ARENA_INIT;
	fact_walk(&fs, alpha, &a, count_fact, &seen);
	assert_int_equal(seen.observed_only, 1);
	assert_true(seen.unverified > 0);
	arena_release(&a);

	/* and without the observations, the same messenger is placed */
	e = eval_run(c, &alpha, 1, NULL, 20000);
	assert_non_null(e->v[0].placement);
	assert_int_equal(e->v[0].results[criteria_find(c, "servers")->index].status, OBS_UNVERIFIED);
	eval_free(e);
	factsrc_release(&fs);
	diag_release(&d);
	model_release(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixture),
		cmocka_unit_test(test_guide_2023),
		cmocka_unit_test(test_guide_2024),
		cmocka_unit_test(test_guide_2025),
		cmocka_unit_test(test_not_listed),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_sourced_empty),
		cmocka_unit_test(test_observations),
		cmocka_unit_test(test_observations_readers),
	};
	return cmocka_run_group_tests_name("eval", tests, NULL, NULL);
}
