/* tagversion.h - release versions in tag names: parsing, order, the latest release. Pure. */
#ifndef MSGVET_TAGVERSION_H
#define MSGVET_TAGVERSION_H

#include <stdbool.h>
#include <stddef.h>

#define VERSION_MAX_PARTS 8

/* A version: its numeric parts (1.10.2 is {1, 10, 2}) and whether it is a pre-release. */
struct version {
	unsigned long part[VERSION_MAX_PARTS];
	size_t n;
	bool pre;         /* alpha, beta, rc, nightly, pre, preview, dev, snapshot, canary */
	char text[64];    /* the version as written in the tag, without the pattern's affixes */
};

/* Parse tag under pattern: a glob with one '*' where the version stands ("release-*",
 * "v*"); NULL accepts "v1.2.3", "V1.2.3" and "1.2.3". The version is numeric parts separated
 * by dots, then optionally a pre-release suffix (1.2.0-rc1, 1.2.0beta2, 1.2-nightly.5) and
 * build metadata after '+' (ignored). 0, or -1 when the tag is no version. */
int version_parse(const char *tag, const char *pattern, struct version *v);
/* Version order: numeric parts first (missing parts are 0), then a release above a
 * pre-release of the same numbers, then the text. <0, 0 or >0. */
int version_cmp(const struct version *a, const struct version *b);
/* Whether pattern is usable: at most 128 bytes, exactly one '*'. */
bool version_pattern_ok(const char *pattern);

/* The tags that are versions, sorted newest first (pre-releases left out unless pre);
 * order[] receives their indexes into tags, the count is returned. */
size_t version_sort_tags(const char *const *tags, size_t n, const char *pattern, bool pre,
			 size_t *order);

#endif
