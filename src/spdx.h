/* spdx.h - SPDX licence expressions: syntax, known ids, OSI approval, deprecated ids. */
#ifndef MSGVET_SPDX_H
#define MSGVET_SPDX_H

#include <stddef.h>

/* 0 when expr is a well-formed SPDX expression over ids of the SPDX License List (or
 * LicenseRef-*); -1 with a reason in err otherwise. When warn is not NULL, it receives the
 * message for the first deprecated id in a valid expression (naming its replacement), or "". */
int spdx_check(const char *expr, char *err, size_t errlen, char *warn, size_t warnlen);
/* 1 when the expression is OSI-approved (OR: either side; AND / WITH: every licence),
 * 0 when not, -1 when malformed. */
int spdx_osi_approved(const char *expr);

/* The version of the SPDX License List the id table was generated from. */
const char *spdx_list_version(void);

#endif
