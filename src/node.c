/* node.c - document tree accessors. */
#include "node.h"

#include <string.h>

struct node *node_get(const struct node *n, const char *key)
{
	if (!n || n->type != NODE_MAP)
		return NULL;
	for (uint32_t i = 0; i < n->n; i++)
		if (node_keys(n)[i][0] == key[0] && strcmp(node_keys(n)[i], key) == 0) /* most differ at once */
			return n->kids[i];
	return NULL;
}

const char *node_str(const struct node *n, const char *key)
{
	const struct node *v = node_get(n, key);
	return v && v->type == NODE_SCALAR ? v->str : NULL;
}

const char *node_type_name(const struct node *n)
{
	if (!n)
		return "nothing";
	switch (n->type) {
	case NODE_MAP: return "a mapping";
	case NODE_SEQ: return "a list";
	default: return "a scalar";
	}
}
