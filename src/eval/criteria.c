/* criteria.c - look-ups in a loaded criteria version. */
#include "criteria.h"

#include <string.h>

const char *level_name(enum level l)
{
	return l == LEVEL_MINIMUM ? "minimum" : "best-case";
}

const struct criterion *criteria_find(const struct criteria *c, const char *id)
{
	for (size_t i = 0; c && i < c->ncrit; i++)
		if (c->crit[i].id && strcmp(c->crit[i].id, id) == 0)
			return &c->crit[i];
	return NULL;
}
