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

/* The JSON writers, one per shape (documented in msgvet(5)). Values are typed by the schema:
 * a bool is true/false, an integer a number, a list an array, a date an ISO string. */

/* A value of schema type t (NULL: a scalar is a string unless written as a plain bool or
 * integer); maps with sorted keys. */
void jw_value(struct jsonw *w, const struct node *v, const struct stype *t);
/* An observation: {"error"?, "observed", "probe", "source", "value"?}. */
void jw_observation(struct jsonw *w, const struct observation *o, const struct stype *t);
/* A fact: {"checked", "fact", "file", "line", "note"?, "observation"?, "source", "status",
 * "value"}; value and observation values typed; null where nothing is known. */
void jw_fact(struct jsonw *w, const struct fact *f);
/* A criterion's result: {"criterion", "evidence": [fact...], "level", "result", "status"}. */
void jw_crit_result(struct jsonw *w, const struct crit_result *cr);
/* Counts by level: {"best-case": {"met", "total", "unknown"}, "minimum": {...}}. */
void jw_counts(struct jsonw *w, const struct messenger_result *r);
/* A messenger's facts through the walker: an array of jw_fact. */
void jw_messenger_facts(struct jsonw *w, const struct factsrc *fs, const struct messenger *m);
/* Localised texts and prose: a tree of strings, maps with sorted keys. */
void jw_node(struct jsonw *w, const struct node *n);
/* "category@version" into a static buffer. */
const char *criteria_spec(const struct criteria *c);

/* The tone of a placement: a section, excluded (fail) or undetermined (unknown). */
enum tone placement_tone(const struct messenger_result *r);
/* The placement and why, on one line: "excluded: fails forward-secrecy (minimum)",
 * "other: not recommended: forward-secrecy (best-case) fails", "undetermined: recommended or
 * excluded, depending on forward-secrecy (minimum), unknown". Appends to b. */
void placement_reason(struct buf *b, const struct criteria *c, const struct messenger_result *r);
/* The metadata of the fact that took r off the page (`discontinued`, `moved`, `added` or
 * `listed`), or NULL; placement_source() is its source URL, or NULL. */
const struct fact_meta *placement_meta(const struct messenger_result *r);
const char *placement_source(const struct messenger_result *r);
/* The placement and what decided it: {"candidates"?, "criteria", "deciding": [result...],
 * "placement", "reason"}. */
void jw_placement(struct jsonw *w, const struct criteria *c, const struct messenger_result *r);

/* A fact's value as text for the terminal and CSV ("(missing)" when there is none). */
const char *fact_text(struct buf *b, const struct fact *f);

/* Criterion or footnote text for a terminal: footnote markers [^id] dropped, Markdown links
 * [text](url) reduced to their text. Appends to out and returns out->s. */
const char *plain_text(struct buf *out, const char *md);
/* Prose for a terminal: Markdown emphasis and code marks dropped, links as "text (URL)",
 * footnote markers dropped, and control characters shown as spaces. Appends to out. */
const char *terminal_text(struct buf *out, const char *md);

#endif
