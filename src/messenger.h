/* messenger.h - one messenger as loaded from data/messengers/<id>.yml.
 *
 * A plain type: the loader (model.c) fills it; the fact source and the evaluation read its
 * validated tree. */
#ifndef MSGVET_MESSENGER_H
#define MSGVET_MESSENGER_H

#include "node.h"

struct messenger {
	const char *id;
	const char *name;
	const char *file;
	long order;              /* from `order`, LONG_MAX when absent */
	const struct node *root; /* the whole validated tree */
	const char *under;       /* `under`: the id of the messenger whose card this one's stands
				    beneath on the page (Molly under Signal), or NULL */
};

#endif
