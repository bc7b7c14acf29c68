/* diag.c - collected diagnostics. */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "node.h"
#include "util.h"

static void vadd(struct diag *d, bool warning, const char *file, unsigned line, unsigned col,
		 const char *fmt, va_list ap)
{
	size_t max = d->max ? d->max : 200;
	if (d->n >= max) {
		if (!warning)
			d->dropped++;
		return;
	}
	d->v = xgrow(d->v, sizeof(*d->v), d->n + 1, &d->alloc);
	struct diag_entry *e = &d->v[d->n++];
	e->file = xstrdup(file ? file : "");
	e->line = line;
	e->col = col;
	e->warning = warning;
	d->nwarn += warning;
	va_list aq;
	va_copy(aq, ap);
	int len = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	e->msg = xmalloc(len > 0 ? (size_t)len + 1 : 1);
	vsnprintf(e->msg, len > 0 ? (size_t)len + 1 : 1, fmt, ap);
	/* one diagnostic, one line: names quoted from the data may hold control characters */
	for (char *p = e->msg; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
}

void diag_add(struct diag *d, const char *file, unsigned line, unsigned col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vadd(d, false, file, line, col, fmt, ap);
	va_end(ap);
}

void diag_at(struct diag *d, const struct node *n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vadd(d, false, n ? n->file : "", n ? n->line : 0, n ? n->col : 0, fmt, ap);
	va_end(ap);
}

void diag_warn_at(struct diag *d, const struct node *n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vadd(d, true, n ? n->file : "", n ? n->line : 0, n ? n->col : 0, fmt, ap);
	va_end(ap);
}

static void add_fmt(struct diag *d, bool warning, const char *file, unsigned line, unsigned col,
		    const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static void add_fmt(struct diag *d, bool warning, const char *file, unsigned line, unsigned col,
		    const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vadd(d, warning, file, line, col, fmt, ap);
	va_end(ap);
}

void diag_copy(struct diag *d, const struct diag_entry *e)
{
	add_fmt(d, e->warning, e->file, e->line, e->col, "%s", e->msg);
}

size_t diag_errors(const struct diag *d)
{
	return d->n - d->nwarn + d->dropped;
}

static int cmp_entry(const void *pa, const void *pb)
{
	const struct diag_entry *a = pa, *b = pb;
	int c = strcmp(a->file, b->file);
	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return strcmp(a->msg, b->msg);
}

void diag_fputs_inert(const char *s, FILE *fp)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p == 0x7F) {
			fprintf(fp, "\\x%02X", *p);
		} else if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] < 0xA0) {
			fprintf(fp, "\\u%04X", p[1]); /* C1 controls: CSI, NEL... */
			p++;
		} else if (p[0] == 0xE2 && ((p[1] == 0x80 && ((p[2] >= 0xAA && p[2] <= 0xAE) || p[2] == 0xA8 || p[2] == 0xA9)) ||
					    (p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9))) {
			fprintf(fp, "\\u%04X", 0x2000u | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu));
			p += 2;
		} else {
			fputc(*p, fp);
		}
	}
}

void diag_sort(struct diag *d)
{
	if (d->n > 1)
		qsort(d->v, d->n, sizeof(*d->v), cmp_entry);
}

void diag_print(struct diag *d, FILE *fp)
{
	diag_sort(d);
	for (size_t i = 0; i < d->n; i++) {
		const struct diag_entry *e = &d->v[i];
		diag_fputs_inert(*e->file ? e->file : progname, fp);
		if (e->line)
			fprintf(fp, ":%u:%u", e->line, e->col);
		fputs(": ", fp);
		if (e->warning)
			fputs("warning: ", fp);
		diag_fputs_inert(e->msg, fp);
		fputc('\n', fp);
	}
	if (d->dropped)
		fprintf(fp, "%s: %zu more errors not shown\n", progname, d->dropped);
}

void diag_release(struct diag *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
	}
	free(d->v);
	d->v = NULL;
	d->n = d->alloc = d->dropped = d->nwarn = 0;
}

void diag_report(FILE *fp, const char *file, unsigned line, unsigned col, const char *msg)
{
	diag_fputs_inert(file, fp);
	fprintf(fp, ":%u:%u: ", line, col);
	diag_fputs_inert(msg, fp);
	fputc('\n', fp);
}
