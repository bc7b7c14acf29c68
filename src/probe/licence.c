/* licence.c - licence detection: normalisation, bigram Dice, word diff. Pure: no I/O. */
#include "licence.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"

#define TITLE_MAX_WORDS 12 /* a leading paragraph this short, not ending a sentence, is a title */
#define SPAN_MAX_WORDS 12  /* longest name a BSD-style clause may hold ("the name of X nor") */
#define REPORT_MAX_EDITS 64 /* edits counted for the report of an `other` text */
#define SPDX_TAG_MAX 256

/* The words of a text: their hashes, and their letters when asked for (licence_normalise). */
struct words {
	uint32_t *h;
	size_t n, alloc;
	bool keep;     /* keep the letters in chars and off */
	uint32_t *off; /* start of word i in chars; word i ends where i + 1 starts (or at len) */
	struct buf chars;
};

static uint32_t hash_bytes(const char *s, size_t len)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

/* Append a word (its hash h; its letters s, len when the words keep them). */
static void words_push(struct words *w, uint32_t h, const char *s, size_t len)
{
	if (w->n == w->alloc) {
		size_t a = w->alloc;
		w->h = xgrow(w->h, sizeof(*w->h), w->n + 1, &a);
		if (w->keep)
			w->off = xrealloc(w->off, a * sizeof(*w->off));
		w->alloc = a;
	}
	w->h[w->n] = h;
	if (w->keep) {
		w->off[w->n] = (uint32_t)w->chars.len;
		buf_add(&w->chars, s, len);
	}
	w->n++;
}

static void words_truncate(struct words *w, size_t n)
{
	if (n >= w->n)
		return;
	if (w->keep) {
		w->chars.len = w->off[n];
		w->chars.s[w->chars.len] = '\0';
	}
	w->n = n;
}

static void words_release(struct words *w)
{
	free(w->h);
	free(w->off);
	buf_release(&w->chars);
	memset(w, 0, sizeof(*w));
}

static size_t word_len(const struct words *w, size_t i)
{
	return (i + 1 < w->n ? w->off[i + 1] : w->chars.len) - w->off[i];
}

/* A phrase of up to 6 words, as hashes. */
struct phrase {
	uint32_t h[6];
	size_t n;
};

static void phrase_init(struct phrase *p, const char *words)
{
	p->n = 0;
	while (*words && p->n < ARRAY_SIZE(p->h)) {
		size_t n = strcspn(words, " ");
		p->h[p->n++] = hash_bytes(words, n);
		words += n;
		while (*words == ' ')
			words++;
	}
}

/* The words the normaliser looks for, hashed once per text. */
struct keywords {
	uint32_t copyright, license, agreement, boston, ma, spdx_lid, spdx_fct, name;
	struct phrase all_rights, end_terms, neither, nor_names, provided_by, as_is, no_event, be_liable;
};

static void keywords_init(struct keywords *k)
{
	k->copyright = hash_bytes("copyright", 9);
	k->license = hash_bytes("license", 7);
	k->agreement = hash_bytes("agreement", 9);
	k->boston = hash_bytes("boston", 6);
	k->ma = hash_bytes("ma", 2);
	k->spdx_lid = hash_bytes("spdxlicenseidentifier", 21);
	k->spdx_fct = hash_bytes("spdxfilecopyrighttext", 21);
	k->name = hash_bytes("<name>", 6);
	phrase_init(&k->all_rights, "all rights reserved");
	phrase_init(&k->end_terms, "end of terms and conditions");
	phrase_init(&k->neither, "neither the name of");
	phrase_init(&k->nor_names, "nor the names");
	phrase_init(&k->provided_by, "provided by");
	phrase_init(&k->as_is, "as is");
	phrase_init(&k->no_event, "in no event shall");
	phrase_init(&k->be_liable, "be liable");
}

/* Whether words i... are the phrase. */
static bool phrase_at(const struct words *w, size_t i, const struct phrase *p)
{
	if (i + p->n > w->n)
		return false;
	for (size_t k = 0; k < p->n; k++)
		if (w->h[i + k] != p->h[k])
			return false;
	return true;
}

/* Non-ASCII characters that separate words: quotes, dashes, bullets, spaces, the copyright
 * sign (which marks a copyright line), the byte order mark. */
static const struct {
	unsigned cp;
	bool copyright;
} separators[] = {
	{0x00a0, false}, {0x00a9, true}, {0x00ab, false}, {0x00ad, false}, {0x00b7, false},
	{0x00bb, false}, {0x2010, false}, {0x2011, false}, {0x2012, false}, {0x2013, false},
	{0x2014, false}, {0x2015, false}, {0x2018, false}, {0x2019, false}, {0x201a, false},
	{0x201b, false}, {0x201c, false}, {0x201d, false}, {0x201e, false}, {0x201f, false},
	{0x2022, false}, {0x2023, false}, {0x2026, false}, {0x2032, false}, {0x2033, false},
	{0x2039, false}, {0x203a, false}, {0x2043, false}, {0x25aa, false}, {0x25cf, false},
	{0x25e6, false}, {0x2212, false}, {0x3000, false}, {0xfeff, false},
};

/* Decode the UTF-8 character at p (at most n bytes); its length in *len, or 1 for a stray
 * byte (returned as 0xfffd). */
static unsigned utf8_char(const unsigned char *p, size_t n, size_t *len)
{
	unsigned c = p[0];
	size_t need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
	if (need == 1 || need > n) {
		*len = 1;
		return c < 0x80 ? c : 0xfffd;
	}
	unsigned cp = c & (0xff >> (need + 1));
	for (size_t i = 1; i < need; i++) {
		if ((p[i] & 0xc0) != 0x80) {
			*len = 1;
			return 0xfffd;
		}
		cp = (cp << 6) | (p[i] & 0x3f);
	}
	*len = need;
	return cp;
}

static int separator_kind(unsigned cp)
{
	for (size_t i = 0; i < ARRAY_SIZE(separators); i++)
		if (separators[i].cp == cp)
			return separators[i].copyright ? 2 : 1;
	return 0;
}

static bool is_word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* A list marker: one letter, or a roman numeral up to viii. */
static bool is_marker(const char *s, size_t n)
{
	static const char *const roman[] = {"ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xii"};
	if (n == 1)
		return true;
	for (size_t i = 0; i < ARRAY_SIZE(roman); i++)
		if (strlen(roman[i]) == n && memcmp(roman[i], s, n) == 0)
			return true;
	return false;
}

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* What a line held, for the line filters. */
struct line_info {
	size_t first;         /* index of its first word */
	bool copyright_sign;  /* (c) or the copyright sign */
	bool sign_first;      /* ... before any word of the line */
	bool year;            /* a year (19xx, 20xx) or a year placeholder */
	char last;            /* its last character that is not white space (0 when none) */
};

/* End the word of wn letters at word[]: drop it (a number, a list marker) or append it.
 * next is the character after it (0 at the end of the line), after the one after that. */
static void end_word(struct words *w, struct line_info *li, char *word, size_t wn, bool line_start,
		     char next, char after, bool paren_before)
{
	if (all_digits(word, wn)) {
		if (wn == 4 && (memcmp(word, "19", 2) == 0 || memcmp(word, "20", 2) == 0))
			li->year = true;
		return;
	}
	if (next == ')' && is_marker(word, wn)) { /* (a) a) (iv) (c) */
		if (wn == 1 && word[0] == 'c' && paren_before) {
			li->copyright_sign = true;
			li->sign_first = li->sign_first || line_start;
		}
		return;
	}
	if (line_start && next == '.' && is_marker(word, wn) &&
	    (after == 0 || after == ' ' || after == '\t' || after == '*' || after == '_'))
		return; /* a. iv. at the start of a line */
	if (wn == 4 && (memcmp(word, "year", 4) == 0 || memcmp(word, "yyyy", 4) == 0))
		li->year = true;
	if (wn >= 7 && memcmp(word, "licenc", 6) == 0)
		word[5] = 's'; /* licence, licences, licenced, licencing, licencee, licencor */
	words_push(w, hash_bytes(word, wn), word, wn);
}

static bool url_at(const unsigned char *p, const unsigned char *end)
{
	size_t n = (size_t)(end - p);
	switch (*p) {
	case 'h': case 'H':
		return (n >= 7 && strncasecmp((const char *)p, "http://", 7) == 0) ||
		       (n >= 8 && strncasecmp((const char *)p, "https://", 8) == 0);
	case 'w': case 'W':
		return n >= 4 && strncasecmp((const char *)p, "www.", 4) == 0;
	default:
		return false;
	}
}

/* Split one line (no newline) into words appended to w. */
static void split_line(const char *line, size_t len, struct words *w, struct line_info *li)
{
	const unsigned char *p = (const unsigned char *)line, *end = p + len;
	char word[256];
	size_t wn = 0;
	bool line_start = true; /* no word yet on this line */
	bool paren_before = false; /* the word follows "(" */
	memset(li, 0, sizeof(*li));
	li->first = w->n;
	for (const unsigned char *q = end; q > p; q--)
		if (!strchr(" \t\r\f\v*_`~\"')]", q[-1])) {
			li->last = (char)q[-1];
			break;
		}
	while (p < end) {
		unsigned char c = *p;
		if (c < 0x80 && is_word_byte(c)) {
			if (wn == 0 && url_at(p, end)) { /* URLs: skipped whole */
				while (p < end && !strchr(" \t>)]\"'", *p))
					p++;
				continue;
			}
			if (wn < sizeof(word))
				word[wn++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			p++;
			continue;
		}
		size_t clen = 1;
		unsigned cp = c;
		if (c == '&') { /* HTML entities (&quot; &#169;): separators */
			const unsigned char *q = p + 1;
			while (q < end && q - p < 10 && (is_word_byte(*q) || *q == '#'))
				q++;
			if (q < end && *q == ';' && q > p + 1)
				clen = (size_t)(q + 1 - p);
		} else if (c >= 0x80) {
			cp = utf8_char(p, (size_t)(end - p), &clen);
		}
		int sep = cp >= 0x80 ? separator_kind(cp) : 0;
		if (sep == 2) {
			li->copyright_sign = true;
			li->sign_first = li->sign_first || (line_start && wn == 0);
		}
		/* apostrophes and hyphens inside a word join its parts */
		if ((cp == '\'' || cp == 0x2019 || cp == '-' || cp == 0x2010 || cp == 0x2011) && wn > 0 &&
		    p + clen < end && is_word_byte(p[clen])) {
			p += clen;
			continue;
		}
		if (cp >= 0x80 && !sep) { /* other non-ASCII letters belong to the word */
			for (size_t i = 0; i < clen && wn < sizeof(word); i++)
				word[wn++] = (char)p[i];
			p += clen;
			continue;
		}
		if (wn > 0) {
			char after = p + clen < end ? (char)p[clen] : 0;
			end_word(w, li, word, wn, line_start, clen == 1 ? (char)c : ' ', after, paren_before);
			line_start = false;
			wn = 0;
		}
		paren_before = c == '(';
		p += clen;
	}
	if (wn > 0)
		end_word(w, li, word, wn, line_start, 0, 0, paren_before);
}

/* Whether the line just split is one the comparison ignores: a copyright line, "All rights
 * reserved", an SPDX tag, the FSF's postal address. */
static bool line_ignored(const struct words *w, const struct line_info *li, const struct keywords *k)
{
	size_t f = li->first, n = w->n - f;
	if (n == 0)
		return false;
	if (w->h[f] == k->copyright && (li->copyright_sign || li->year))
		return true;
	if (li->sign_first && li->year)
		return true;
	if (n == 3 && phrase_at(w, f, &k->all_rights))
		return true;
	if (w->h[f] == k->spdx_lid || w->h[f] == k->spdx_fct)
		return true;
	for (size_t i = f; i + 1 < w->n; i++)
		if (w->h[i] == k->boston && w->h[i + 1] == k->ma)
			return true;
	return false;
}

/* Whether the line just split, the first with words, names a licence ("The MIT License
 * (MIT)", "GNU GENERAL PUBLIC LICENSE"): a title even when the text follows without a blank
 * line. */
static bool title_line(const struct words *w, const struct line_info *li, const struct keywords *k)
{
	size_t n = w->n - li->first;
	if (li->first > 0 || n == 0 || n > TITLE_MAX_WORDS || li->last == '.' || li->last == ',' ||
	    li->last == ':')
		return false;
	for (size_t i = li->first; i < w->n; i++)
		if (w->h[i] == k->license || w->h[i] == k->agreement)
			return true;
	return false;
}

/* Where "open X close" holds 1 to SPAN_MAX_WORDS words X, replace X by one placeholder word. */
static void collapse_spans(struct words *w, const struct phrase *open, const struct phrase *close,
			   uint32_t name)
{
	struct words out = {0};
	out.keep = w->keep;
	size_t i = 0;
	while (i < w->n) {
		size_t j = i + open->n, k = SIZE_MAX;
		if (w->h[i] == open->h[0] && phrase_at(w, i, open)) {
			for (size_t t = j + 1; t < w->n && t <= j + SPAN_MAX_WORDS; t++)
				if (phrase_at(w, t, close)) {
					k = t;
					break;
				}
		}
		size_t upto = k == SIZE_MAX ? i + 1 : j;
		for (; i < upto; i++)
			words_push(&out, w->h[i], w->keep ? w->chars.s + w->off[i] : NULL,
				   w->keep ? word_len(w, i) : 0);
		if (k != SIZE_MAX) {
			words_push(&out, name, "<name>", 6);
			i = k;
		}
	}
	words_release(w);
	*w = out;
}

static bool is_binary(const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v')
			return true;
	}
	return false;
}

/* The normalised words of text; with keep, their letters too. */
static void normalise(const char *text, size_t len, struct words *w, bool keep)
{
	struct keywords k;
	keywords_init(&k);
	memset(w, 0, sizeof(*w));
	w->keep = keep;
	bool body = false;     /* past the leading title and copyright lines */
	size_t para = 0;       /* first word of the current leading paragraph */
	char para_last = 0;    /* last character of its last line */
	const char *p = text, *end = text + len;
	while (p <= end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		if (nl && le > p && le[-1] == '\r')
			le--; /* CRLF: the line is the same as with LF */
		struct line_info li;
		split_line(p, (size_t)(le - p), w, &li);
		bool blank = w->n == li.first && li.last == 0;
		if (line_ignored(w, &li, &k) || (!body && title_line(w, &li, &k)))
			words_truncate(w, li.first);
		else if (w->n > li.first)
			para_last = li.last;
		if (!body) {
			bool para_end = blank || !nl;
			if (w->n - para > TITLE_MAX_WORDS) {
				body = true;
			} else if (para_end) {
				if (w->n > para && para_last == '.')
					body = true;
				else
					words_truncate(w, para); /* a title */
				para = w->n;
				para_last = 0;
			}
		}
		if (!nl)
			break;
		p = nl + 1;
	}
	/* the end of the terms: what follows is an appendix */
	for (size_t i = 0; i < w->n; i++)
		if (w->h[i] == k.end_terms.h[0] && phrase_at(w, i, &k.end_terms)) {
			words_truncate(w, i);
			break;
		}
	collapse_spans(w, &k.neither, &k.nor_names, k.name);
	collapse_spans(w, &k.provided_by, &k.as_is, k.name);
	collapse_spans(w, &k.no_event, &k.be_liable, k.name);
}

void licence_normalise(const char *text, size_t len, struct buf *out)
{
	struct words w;
	normalise(text, len, &w, true);
	for (size_t i = 0; i < w.n; i++) {
		if (i)
			buf_addc(out, ' ');
		buf_add(out, w.chars.s + w.off[i], word_len(&w, i));
	}
	words_release(&w);
}

/* Sort v[0..n) with tmp (n elements) as scratch: LSD radix sort, 8 bits a pass. */
static void sort_u64(uint64_t *v, uint64_t *tmp, size_t n)
{
	uint64_t *src = v, *dst = tmp;
	for (unsigned shift = 0; shift < 64; shift += 8) {
		size_t count[256] = {0};
		for (size_t i = 0; i < n; i++)
			count[(src[i] >> shift) & 0xff]++;
		if (n == 0 || count[(src[0] >> shift) & 0xff] == n)
			continue; /* every key has the same byte here */
		size_t pos = 0;
		for (size_t b = 0; b < 256; b++) {
			size_t c = count[b];
			count[b] = pos;
			pos += c;
		}
		for (size_t i = 0; i < n; i++)
			dst[count[(src[i] >> shift) & 0xff]++] = src[i];
		uint64_t *t = src;
		src = dst;
		dst = t;
	}
	if (src != v)
		memcpy(v, src, n * sizeof(*v));
}

/* The sorted set of word bigrams of w (a malloc'ed array, its size in *n). */
static uint64_t *bigrams(const struct words *w, size_t *n)
{
	size_t m = w->n > 1 ? w->n - 1 : 0;
	uint64_t *v = xmalloc((m + 1) * sizeof(*v));
	for (size_t i = 0; i < m; i++)
		v[i] = ((uint64_t)w->h[i] << 32) | w->h[i + 1];
	uint64_t *tmp = xmalloc((m + 1) * sizeof(*tmp));
	sort_u64(v, tmp, m);
	free(tmp);
	size_t k = 0;
	for (size_t i = 0; i < m; i++)
		if (k == 0 || v[k - 1] != v[i])
			v[k++] = v[i];
	*n = k;
	return v;
}

static double dice(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
	if (na + nb == 0)
		return 0;
	size_t i = 0, j = 0, common = 0;
	while (i < na && j < nb) {
		if (a[i] < b[j])
			i++;
		else if (a[i] > b[j])
			j++;
		else
			common++, i++, j++;
	}
	return 2.0 * (double)common / (double)(na + nb);
}

/* Words inserted or deleted to turn a into b (Myers), or maxd + 1 when more than maxd. */
static size_t word_edits(const uint32_t *a, size_t n, const uint32_t *b, size_t m, size_t maxd)
{
	while (n && m && a[0] == b[0])
		a++, b++, n--, m--;
	while (n && m && a[n - 1] == b[m - 1])
		n--, m--;
	if (n == 0 || m == 0)
		return n + m <= maxd ? n + m : maxd + 1;
	if ((n > m ? n - m : m - n) > maxd)
		return maxd + 1;
	long max = (long)maxd, off = max + 1;
	long *v = xcalloc((size_t)(2 * max + 3), sizeof(*v));
	size_t result = maxd + 1;
	for (long d = 0; d <= max; d++) {
		for (long k = -d; k <= d; k += 2) {
			long x;
			if (k == -d || (k != d && v[k - 1 + off] < v[k + 1 + off]))
				x = v[k + 1 + off];
			else
				x = v[k - 1 + off] + 1;
			long y = x - k;
			while (x < (long)n && y < (long)m && a[x] == b[y])
				x++, y++;
			v[k + off] = x;
			if (x >= (long)n && y >= (long)m) {
				result = (size_t)d;
				goto out;
			}
		}
	}
out:
	free(v);
	return result;
}

int licence_db_add(struct licence_db *db, const char *id, const char *text, size_t len)
{
	if (db->n >= LICENCE_MAX_REFS || len > LICENCE_MAX_TEXT || is_binary(text, len))
		return -1;
	struct words w;
	normalise(text, len, &w, false);
	if (w.n < LICENCE_MIN_WORDS) {
		words_release(&w);
		return -1;
	}
	db->v = xgrow(db->v, sizeof(*db->v), db->n + 1, &db->alloc);
	struct licence_ref *r = &db->v[db->n++];
	r->id = xstrdup(id);
	r->bigrams = bigrams(&w, &r->nbigrams);
	r->words = w.h;
	r->nwords = w.n;
	w.h = NULL;
	words_release(&w);
	return 0;
}

void licence_db_release(struct licence_db *db)
{
	for (size_t i = 0; i < db->n; i++) {
		free(db->v[i].id);
		free(db->v[i].words);
		free(db->v[i].bigrams);
	}
	free(db->v);
	memset(db, 0, sizeof(*db));
}

void licence_detect(const struct licence_db *db, const char *text, size_t len,
		    struct licence_result *r)
{
	memset(r, 0, sizeof(*r));
	r->verdict = LICENCE_UNKNOWN;
	r->edits = SIZE_MAX;
	if (len > LICENCE_MAX_TEXT) {
		r->reason = "too large for a licence text";
		return;
	}
	if (is_binary(text, len)) {
		r->reason = "binary";
		return;
	}
	struct words w;
	normalise(text, len, &w, false);
	if (w.n < LICENCE_MIN_WORDS) {
		r->reason = "too short for a licence text";
		words_release(&w);
		return;
	}
	size_t nb;
	uint64_t *b = bigrams(&w, &nb);
	/* The Dice coefficient of the references, those of the closest size first: one whose
	 * size alone bounds its coefficient below the best one so far is not computed (-1). */
	double score[LICENCE_MAX_REFS], best_score = 0;
	size_t order[LICENCE_MAX_REFS], gap[LICENCE_MAX_REFS], bysize[LICENCE_MAX_REFS];
	for (size_t i = 0; i < db->n; i++) {
		size_t rn = db->v[i].nbigrams;
		gap[i] = rn > nb ? rn - nb : nb - rn;
		size_t k = i;
		while (k > 0 && gap[bysize[k - 1]] > gap[i]) {
			bysize[k] = bysize[k - 1];
			k--;
		}
		bysize[k] = i;
	}
	for (size_t j = 0; j < db->n; j++) {
		size_t i = bysize[j];
		const struct licence_ref *ref = &db->v[i];
		size_t lo = ref->nbigrams < nb ? ref->nbigrams : nb;
		double bound = nb + ref->nbigrams ? 2.0 * (double)lo / (double)(nb + ref->nbigrams) : 0;
		score[i] = bound < best_score ? -1 : dice(b, nb, ref->bigrams, ref->nbigrams);
		if (score[i] > best_score)
			best_score = score[i];
	}
	for (size_t i = 0; i < db->n; i++) {
		/* insertion sort, best first; the first reference wins ties */
		size_t k = i;
		while (k > 0 && score[order[k - 1]] < score[i]) {
			order[k] = order[k - 1];
			k--;
		}
		order[k] = i;
	}
	if (db->n == 0 || score[order[0]] < LICENCE_OTHER_MIN) {
		r->reason = "not a known licence text";
		r->confidence = best_score;
		goto out;
	}
	for (size_t k = 0; k < db->n && score[order[k]] >= LICENCE_DIFF_MIN; k++) {
		const struct licence_ref *ref = &db->v[order[k]];
		size_t e = word_edits(ref->words, ref->nwords, w.h, w.n, LICENCE_MAX_EDITS);
		if (e <= LICENCE_MAX_EDITS) {
			r->verdict = LICENCE_MATCH;
			r->id = ref->id;
			r->edits = e;
			r->confidence = 1.0 - (double)e / (double)(ref->nwords + w.n);
			goto out;
		}
	}
	const struct licence_ref *best = &db->v[order[0]];
	r->verdict = LICENCE_OTHER;
	r->id = best->id;
	r->confidence = score[order[0]];
	size_t e = word_edits(best->words, best->nwords, w.h, w.n, REPORT_MAX_EDITS);
	r->edits = e <= REPORT_MAX_EDITS ? e : SIZE_MAX;
	r->reason = "differs from the closest licence";
out:
	free(b);
	words_release(&w);
}

int licence_spdx_tag(const char *text, size_t len, struct buf *out)
{
	static const char tag[] = "SPDX-License-Identifier:";
	size_t tl = sizeof(tag) - 1;
	for (size_t i = 0; i + tl <= len; i++) {
		if ((text[i] != 'S' && text[i] != 's') || strncasecmp(text + i, tag, tl) != 0)
			continue;
		size_t s = i + tl, e = s;
		while (e < len && text[e] != '\n' && text[e] != '\r')
			e++;
		while (s < e && (text[s] == ' ' || text[s] == '\t'))
			s++;
		static const char *const closers[] = {"*/", "-->", "#}", "--%>", "*)"};
		bool again = true;
		while (again) {
			again = false;
			while (e > s && (text[e - 1] == ' ' || text[e - 1] == '\t'))
				e--;
			for (size_t k = 0; k < ARRAY_SIZE(closers); k++) {
				size_t cl = strlen(closers[k]);
				if (e - s >= cl && memcmp(text + e - cl, closers[k], cl) == 0) {
					e -= cl;
					again = true;
				}
			}
		}
		if (e == s || e - s > SPDX_TAG_MAX)
			return -1;
		buf_add(out, text + s, e - s);
		return 0;
	}
	return -1;
}

const char *licence_verdict_name(const struct licence_result *r)
{
	switch (r->verdict) {
	case LICENCE_MATCH:
		return r->id;
	case LICENCE_OTHER:
		return "other";
	default:
		return "unknown";
	}
}
