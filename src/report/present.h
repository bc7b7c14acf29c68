/* present.h - how verdicts and evidence look in every output (marks, tones, JSON). */
#ifndef MSGVET_PRESENT_H
#define MSGVET_PRESENT_H

#include <stdbool.h>

#include "buf.h"
#include "eval.h"
#include "jsonw.h"
#include "node.h"
#include "table.h"

/* Set once by main.c when the terminal's locale is not UTF-8: verdict_mark then returns the
 * ASCII marks. */
extern bool present_ascii;
/* "✔ pass", "✘ fail", "? unknown", "– n/a": readable without colour; for the terminal, in
 * ASCII ("+ pass", "x fail", "? unknown", "- n/a") under present_ascii. */
const char *verdict_mark(enum verdict v);
/* The UTF-8 mark whatever the locale: for files (the site, Markdown), byte-stable. */
const char *verdict_mark_utf8(enum verdict v);
enum tone verdict_tone(enum verdict v);
const char *tri_mark(enum tri t);
enum tone tri_tone(enum tri t);

/* {"checked", "fact", "observation"?, "source", "value"} */
void jw_evidence(struct jsonw *w, const struct evidence *e);
/* A node tree as JSON: maps with sorted keys; facts with metadata as
 * {"checked", "source", "value"}. */
void jw_node(struct jsonw *w, const struct node *n);
/* "category@version" into a static buffer. */
const char *criteria_spec(const struct criteria *c);

/* Criteria met (pass or n/a) and total, per level (0 minimum, 1 best-case). */
void result_counts(const struct messenger_result *r, size_t ncrit, size_t met[2], size_t total[2]);

/* Criterion or footnote text for a terminal: footnote markers [^id] dropped, Markdown links
 * [text](url) reduced to their text. Appends to out and returns out->s. */
const char *plain_text(struct buf *out, const char *md);

#endif
