/* tagversion.c - release versions in tag names. Pure: no I/O. */
#include "tagversion.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"

/* Words that make a suffix a pre-release. */
static const char *const pre_words[] = {
	"alpha", "beta", "rc", "nightly", "pre", "preview", "dev", "snapshot", "canary", "a", "b",
};

bool version_pattern_ok(const char *pattern)
{
	if (!pattern || strlen(pattern) > 128)
		return false;
	const char *star = strchr(pattern, '*');
	return star && !strchr(star + 1, '*');
}

/* Whether the suffix s (n bytes, after the numbers) names a pre-release: separators, one of
 * pre_words, then digits and separators. */
static bool pre_suffix(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && (s[i] == '-' || s[i] == '.' || s[i] == '_' || s[i] == '~'))
		i++;
	size_t w = i;
	while (w < n && ((s[w] >= 'a' && s[w] <= 'z') || (s[w] >= 'A' && s[w] <= 'Z')))
		w++;
	if (w == i)
		return false;
	bool known = false;
	for (size_t k = 0; k < ARRAY_SIZE(pre_words); k++)
		if (strlen(pre_words[k]) == w - i && strncasecmp(pre_words[k], s + i, w - i) == 0)
			known = true;
	if (!known)
		return false;
	for (; w < n; w++)
		if (!((s[w] >= '0' && s[w] <= '9') || s[w] == '.' || s[w] == '-' || s[w] == '_'))
			return false;
	return true;
}

int version_parse(const char *tag, const char *pattern, struct version *v)
{
	memset(v, 0, sizeof(*v));
	const char *s = tag;
	size_t len = strlen(tag);
	if (pattern) {
		if (!version_pattern_ok(pattern))
			return -1;
		const char *star = strchr(pattern, '*');
		size_t pre = (size_t)(star - pattern), post = strlen(star + 1);
		if (len < pre + post || strncmp(tag, pattern, pre) != 0 ||
		    strcmp(tag + len - post, star + 1) != 0)
			return -1;
		s = tag + pre;
		len -= pre + post;
	} else if (len > 0 && (s[0] == 'v' || s[0] == 'V')) {
		s++;
		len--;
	}
	const char *plus = memchr(s, '+', len);
	size_t vlen = plus ? (size_t)(plus - s) : len;
	if (vlen == 0 || vlen >= sizeof(v->text))
		return -1;
	size_t i = 0;
	while (i < vlen && v->n < VERSION_MAX_PARTS) {
		if (s[i] < '0' || s[i] > '9')
			break;
		unsigned long x = 0;
		size_t start = i;
		while (i < vlen && s[i] >= '0' && s[i] <= '9') {
			if (i - start >= 9)
				return -1; /* more than 9 digits: a date or a hash, not a version part */
			x = x * 10 + (unsigned long)(s[i] - '0');
			i++;
		}
		v->part[v->n++] = x;
		if (i < vlen && s[i] == '.' && i + 1 < vlen && s[i + 1] >= '0' && s[i + 1] <= '9')
			i++;
		else
			break;
	}
	if (v->n == 0)
		return -1;
	if (i < vlen) {
		if (!pre_suffix(s + i, vlen - i))
			return -1;
		v->pre = true;
	}
	memcpy(v->text, s, vlen);
	v->text[vlen] = '\0';
	return 0;
}

int version_cmp(const struct version *a, const struct version *b)
{
	size_t n = a->n > b->n ? a->n : b->n;
	for (size_t i = 0; i < n; i++) {
		unsigned long x = i < a->n ? a->part[i] : 0, y = i < b->n ? b->part[i] : 0;
		if (x != y)
			return x < y ? -1 : 1;
	}
	if (a->pre != b->pre)
		return a->pre ? -1 : 1;
	return strcmp(a->text, b->text);
}

struct tagver {
	size_t index;
	struct version v;
	const char *name;
};

static int cmp_desc(const void *x, const void *y)
{
	const struct tagver *a = x, *b = y;
	int c = version_cmp(&b->v, &a->v);
	return c ? c : strcmp(a->name, b->name);
}

size_t version_sort_tags(const char *const *tags, size_t n, const char *pattern, bool pre,
			 size_t *order)
{
	struct tagver *t = xcalloc(n + 1, sizeof(*t));
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (version_parse(tags[i], pattern, &t[k].v) < 0 || (t[k].v.pre && !pre))
			continue;
		t[k].index = i;
		t[k].name = tags[i];
		k++;
	}
	qsort(t, k, sizeof(*t), cmp_desc);
	for (size_t i = 0; i < k; i++)
		order[i] = t[i].index;
	free(t);
	return k;
}
