/* explain.c - `msgvet explain ID CRITERION`: the rule, step by step, and its evidence. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "present.h"
#include "util.h"

/* Print trace entries [from, to) as an indented tree. */
static void trace_text(const struct rule_env *env, size_t from, size_t to, bool color)
{
	struct buf line = BUF_INIT;
	for (size_t i = from; i < to; i++) {
		const struct trace_entry *t = &env->trace[i];
		buf_reset(&line);
		buf_addn(&line, ' ', 2 * t->depth);
		rule_describe(t->rule, &line);
		/* the item a quantifier's body was evaluated on */
		for (size_t j = i; j-- > from;) {
			if (env->trace[j].depth + 1 == t->depth) {
				enum rule_op op = env->trace[j].rule->op;
				if ((op == R_ALL || op == R_ANY) && t->scope)
					buf_addf(&line, "  [%s]", t->scope);
				break;
			}
		}
		const char *mk = tri_mark(t->result);
		printf("  %s%s%s%*s %s\n", color ? tone_start(tri_tone(t->result)) : "", mk,
		       color ? TONE_END : "", (int)(10 - utf8_width(mk)), "", line.s);
	}
	buf_release(&line);
}

static void evidence_text(const struct rule_env *env)
{
	if (!env->nev) {
		puts("  (no facts read)");
		return;
	}
	struct buf v = BUF_INIT;
	for (size_t i = 0; i < env->nev; i++) {
		const struct fact *f = &env->ev[i];
		buf_reset(&v);
		if (f->value)
			fact_value_text(&v, f->value);
		else
			buf_adds(&v, "(missing: the fact is not declared)");
		printf("  %s = %s\n", f->path, v.s);
		if (f->declared) {
			printf("      source   %s\n", f->meta && f->meta->source ? f->meta->source : "(none)");
			printf("      checked  %s\n", f->meta && f->meta->checked ? f->meta->checked : "(never)");
			if (f->meta && f->meta->note)
				printf("      note     %s\n", f->meta->note);
			printf("      in       %s:%u\n", f->file, f->line);
		}
		if (f->obs) {
			buf_reset(&v);
			if (f->obs->value)
				fact_value_text(&v, f->obs->value);
			printf("      probe    %s: %s saw %s on %s%s%s\n", obs_status_name(f->status),
			       f->obs->probe, f->obs->value ? v.s : "nothing", f->obs->observed,
			       f->obs->reason ? ": " : "", f->obs->reason ? f->obs->reason : "");
			if (f->obs->source)
				printf("      read     %s\n", f->obs->source);
			if (f->status == OBS_CONTRADICTED)
				printf("      the declared value stands; the probe disagrees, so the result is unknown\n");
		}
	}
	buf_release(&v);
}

/* The evidence of one result, as explain prints it for a criterion. */
static void result_text(const struct crit_result *cr, bool color)
{
	const char *mk = verdict_mark(cr->verdict);
	printf("%s (%s): %s%s%s\n", cr->crit->id, level_name(cr->crit->level),
	       color ? tone_start(verdict_tone(cr->verdict)) : "", mk, color ? TONE_END : "");
	struct buf txt = BUF_INIT;
	printf("  %s\n", plain_text(&txt, loc_text(cr->crit->text, "en")));
	buf_release(&txt);
	struct rule_env env = {.ev = cr->ev, .nev = cr->nev};
	evidence_text(&env);
}

/* `explain ID` and `explain ID placement`: where the messenger goes and what decided it. */
static int explain_placement(struct ctx *ctx, const struct criteria *c, const struct messenger *m)
{
	struct evaluation *e = ctx_eval(ctx, c, &m, 1);
	const struct messenger_result *r = &e->v[0];
	if (ctx->format == FMT_JSON) {
		struct jsonw w;
		jw_init(&w, stdout);
		jw_obj(&w);
		jw_kstr(&w, "messenger", m->id);
		jw_key(&w, "placement");
		jw_placement(&w, c, r);
		jw_obj_end(&w);
		jw_finish(&w);
		eval_free(e);
		return EXIT_OK;
	}
	struct buf reason = BUF_INIT;
	placement_reason(&reason, c, r);
	printf("%s, placement under %s:\n  %s%s%s\n", m->name, criteria_spec(c),
	       ctx->color ? tone_start(placement_tone(r)) : "", reason.s, ctx->color ? TONE_END : "");
	buf_release(&reason);
	const struct fact_meta *pm = placement_meta(r);
	if (pm && pm->source)
		printf("  source   %s\n", pm->source);
	if (pm && pm->note)
		printf("  note     %s\n", pm->note);
	const struct crit_result **rs = xcalloc(c->ncrit + 1, sizeof(*rs));
	size_t n = eval_placement_reasons(c, r, rs, c->ncrit);
	for (size_t i = 0; i < n; i++) {
		putchar('\n');
		result_text(rs[i], ctx->color);
	}
	printf("\n'%s explain %s CRITERION' shows how a criterion's rule reads these facts.\n",
	       progname, m->id);
	free(rs);
	eval_free(e);
	return EXIT_OK;
}

int cmd_explain(struct ctx *ctx, int argc, char **argv)
{
	if (argc < 1 || argc > 2)
		return usage_error(ctx, "expected a messenger id and, optionally, a criterion id or 'placement', found %d arguments",
				   argc);
	if (ctx_load(ctx) < 0)
		return EXIT_USAGE;
	const struct criteria *c = ctx_criteria(ctx);
	if (!c)
		return EXIT_USAGE;
	const struct messenger *m = ctx_messenger(ctx, argv[0]);
	if (!m)
		return EXIT_USAGE;
	if (argc == 1 || (strcmp(argv[1], "placement") == 0 && !criteria_find(c, "placement")))
		return explain_placement(ctx, c, m);
	const struct criterion *cr = ctx_criterion(ctx, c, argv[1]);
	if (!cr)
		return EXIT_USAGE;
	struct arena a = ARENA_INIT;
	struct rule_env env;
	enum tri applies;
	enum verdict v = eval_explain(c, cr, m, &ctx->facts, ctx->now, &a, &env, &applies);

	if (ctx->format == FMT_JSON) {
		struct jsonw w;
		jw_init(&w, stdout);
		jw_obj(&w);
		jw_kstr(&w, "criteria", criteria_spec(c));
		jw_kstr(&w, "criterion", cr->id);
		jw_key(&w, "evidence");
		jw_arr(&w);
		for (size_t i = 0; i < env.nev; i++)
			jw_fact(&w, &env.ev[i]);
		jw_arr_end(&w);
		jw_kstr(&w, "level", level_name(cr->level));
		jw_kstr(&w, "messenger", m->id);
		jw_kstr(&w, "result", verdict_name(v));
		jw_kstr(&w, "text", loc_text(cr->text, "en"));
		jw_key(&w, "trace");
		jw_arr(&w);
		struct buf d = BUF_INIT;
		for (size_t i = 0; i < env.ntrace; i++) {
			buf_reset(&d);
			rule_describe(env.trace[i].rule, &d);
			jw_obj(&w);
			jw_key(&w, "depth");
			jw_int(&w, env.trace[i].depth);
			jw_kstr(&w, "result", tri_name(env.trace[i].result));
			jw_kstr(&w, "rule", d.s);
			jw_kstr(&w, "scope", env.trace[i].scope);
			jw_obj_end(&w);
		}
		buf_release(&d);
		jw_arr_end(&w);
		jw_obj_end(&w);
		jw_finish(&w);
	} else {
		const char *mk = verdict_mark(v);
		printf("%s, %s (%s, %s): ", m->name, cr->id, level_name(cr->level), criteria_spec(c));
		if (ctx->color)
			printf("%s%s" TONE_END "\n", tone_start(verdict_tone(v)), mk);
		else
			printf("%s\n", mk);
		struct buf txt = BUF_INIT;
		printf("  %s\n\n", plain_text(&txt, loc_text(cr->text, "en")));
		buf_release(&txt);
		/* the trace holds the applies rule's tree first (when there is one), then the rule's */
		size_t split = env.ntrace;
		for (size_t i = 1; i < env.ntrace; i++)
			if (env.trace[i].depth == 0) {
				split = i;
				break;
			}
		if (cr->applies) {
			printf("applies when:\n");
			trace_text(&env, 0, split, ctx->color);
			if (applies == TRI_FAIL)
				printf("\nit does not apply, so the result is n/a\n");
			else {
				printf("\nrule:\n");
				trace_text(&env, split, env.ntrace, ctx->color);
			}
		} else {
			printf("rule:\n");
			trace_text(&env, 0, env.ntrace, ctx->color);
		}
		printf("\nevidence:\n");
		evidence_text(&env);
	}
	free(env.ev);
	free(env.trace);
	arena_release(&a);
	return EXIT_OK;
}
