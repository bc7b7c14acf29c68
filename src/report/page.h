/* page.h - the guide's category page: its Mustache context and its rendering.
 *
 * page_context() turns one evaluation (placements in page order) and one locale into the
 * data the page template reads: every string localised (falling back to English per string),
 * footnote markers numbered, texts from data escaped for Markdown where the template owns the
 * markup. Pure: no I/O. */
#ifndef MSGVET_PAGE_H
#define MSGVET_PAGE_H

#include <cjson/cJSON.h>

#include "buf.h"
#include "eval.h"
#include "i18n.h"

/* The context for (evaluation, locale); the caller frees it with cJSON_Delete. */
cJSON *page_context(const struct evaluation *e, const struct i18n *t, const char *locale);
/* The page's file name ("real-time-communication.md"). */
const char *page_file(const struct criteria *c);
/* The first value of the schema's registries (threats, channels, and platforms of direct
 * downloads) that the page's icon tables lack, or NULL when they cover every one. */
const char *page_registry_gap(void);

#endif
