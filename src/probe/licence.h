/* licence.h - licence detection: a text is normalised to words and compared with reference
 * texts (data/licences/<SPDX-ID>.txt, loaded by licdata.c). Pure: no I/O.
 *
 * Normalisation: case, white space, punctuation and quote variants, bullets and list numbering,
 * Markdown markup, HTML entities, URLs, hyphenation inside words, "licence"/"license", leading
 * title lines, copyright and "All rights reserved" lines, SPDX tag lines, the FSF's postal
 * address, and everything after "END OF TERMS AND CONDITIONS" (the "How to Apply These Terms"
 * appendix of the GPL family, the appendix of Apache-2.0). The names a BSD-style licence puts in
 * its clauses ("Neither the name of X nor...", "PROVIDED BY X AS IS", "IN NO EVENT SHALL X BE
 * LIABLE") are replaced by one placeholder word.
 *
 * Matching: the word-bigram sets of the text and of each reference give a Dice coefficient;
 * the references that come close are then compared word by word (the number of words inserted
 * or deleted, Myers' algorithm). A text matches a licence only when at most LICENCE_MAX_EDITS
 * words (none) differ from it: a clause added, removed or changed makes it `other` (with the closest
 * licence named), and a text whose bigrams share less than LICENCE_OTHER_MIN with every
 * reference is `unknown`. */
#ifndef MSGVET_LICENCE_H
#define MSGVET_LICENCE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define LICENCE_MAX_TEXT (1024 * 1024) /* bytes of one text (a reference or a file to detect) */
#define LICENCE_MAX_REFS 64            /* reference texts in one database */
#define LICENCE_MIN_WORDS 8            /* fewer normalised words: not a licence text */
#define LICENCE_MAX_EDITS 0            /* words inserted or deleted that still match */
#define LICENCE_OTHER_MIN 0.5          /* bigram Dice below which a text is `unknown` */
#define LICENCE_DIFF_MIN 0.8           /* bigram Dice from which the words are compared */

enum licence_verdict {
	LICENCE_MATCH,   /* the text is the licence `id` */
	LICENCE_OTHER,   /* a licence text resembling `id`, but not it */
	LICENCE_UNKNOWN, /* not a known licence text (reason says why) */
};

/* One reference text, normalised: word hashes and the sorted set of word-bigram hashes. */
struct licence_ref {
	char *id; /* SPDX identifier */
	uint32_t *words;
	size_t nwords;
	uint64_t *bigrams;
	size_t nbigrams;
};

/* The reference texts; owns everything in it. A zeroed database is empty and valid. */
struct licence_db {
	struct licence_ref *v;
	size_t n, alloc;
};

struct licence_result {
	enum licence_verdict verdict;
	const char *id;    /* MATCH: the licence; OTHER: the closest one; borrowed from the db */
	double confidence; /* 0..1: for MATCH 1 - edits / words, else the bigram Dice with `id` */
	size_t edits;      /* words inserted or deleted against `id`; SIZE_MAX when not compared */
	const char *reason; /* static text for OTHER and UNKNOWN ("binary", "too short", ...) */
};

/* Add the reference text for SPDX id; -1 when the text is binary, larger than
 * LICENCE_MAX_TEXT, has fewer than LICENCE_MIN_WORDS words, or the database is full. */
int licence_db_add(struct licence_db *db, const char *id, const char *text, size_t len);
void licence_db_release(struct licence_db *db);

/* Detect the licence of text (len bytes, need not be NUL-terminated; at most
 * LICENCE_MAX_TEXT bytes are read, a longer text is `unknown`). */
void licence_detect(const struct licence_db *db, const char *text, size_t len,
		    struct licence_result *r);

/* The expression of the first "SPDX-License-Identifier:" line, appended to out (comment
 * closers such as "*\/" and "-->" removed); 0, or -1 when there is none. */
int licence_spdx_tag(const char *text, size_t len, struct buf *out);

/* The normalised words of text, separated by single spaces (for tests and debugging). */
void licence_normalise(const char *text, size_t len, struct buf *out);

/* "MATCH", "other", "unknown" as printed: the id for a match. */
const char *licence_verdict_name(const struct licence_result *r);

#endif
