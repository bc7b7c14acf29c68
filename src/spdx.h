/* spdx.h - SPDX licence expressions: syntax, known ids, OSI approval. */
#ifndef MSGVET_SPDX_H
#define MSGVET_SPDX_H

#include <stddef.h>

/* 0 when expr is a well-formed SPDX expression over known licence ids (or LicenseRef-*);
 * -1 with a reason in err otherwise. */
int spdx_check(const char *expr, char *err, size_t errlen);
/* 1 when the expression is OSI-approved (OR: either side; AND / WITH: every licence),
 * 0 when not, -1 when malformed. */
int spdx_osi_approved(const char *expr);

#endif
