/* change.c - what changes between two evaluations: verdicts and placements. */
#include <string.h>

#include "eval.h"

void eval_changes(const struct evaluation *e0, const struct evaluation *e1, eval_change_fn fn,
		  void *arg)
{
	const struct criteria *c = e1->c;
	for (size_t i = 0; i < e1->n; i++) {
		const struct messenger_result *r1 = &e1->v[i], *r0 = eval_find(e0, r1->m);
		if (!r0)
			continue;
		for (size_t k = 0; k < c->ncrit; k++)
			if (r0->results[k].verdict != r1->results[k].verdict)
				fn(arg, r0, r1, k);
		if (strcmp(placement_name(r0), placement_name(r1)) != 0)
			fn(arg, r0, r1, c->ncrit);
	}
}
