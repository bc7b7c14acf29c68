/* fuzz_tagversion.c - release versions in tag names (src/probe/tagversion.c).
 *
 * An input is a tag pattern on its first line (empty: none) and one tag per line after it.
 * Properties:
 *  - version_parse: a version has 1 to VERSION_MAX_PARTS parts and a text shorter than its
 *    buffer; a tag that parses under a usable pattern starts and ends with the pattern's
 *    affixes;
 *  - version_cmp: reflexive (0 with itself), antisymmetric, and transitive over the first
 *    tags;
 *  - version_sort_tags: exactly the tags that parse (pre-releases only when asked), newest
 *    first, each index once.
 * No crash, leak or undefined behaviour either. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "tagversion.h"
#include "util.h"

#define MAX_TAGS 64

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static int sign(int x)
{
	return (x > 0) - (x < 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	char *save = s;
	char *nl = strchr(s, '\n');
	if (nl)
		*nl = '\0';
	const char *pattern = *s ? s : NULL;
	bool usable = !pattern || version_pattern_ok(pattern);
	const char *tags[MAX_TAGS];
	struct version v[MAX_TAGS];
	bool ok[MAX_TAGS];
	size_t n = 0;
	for (char *p = nl ? nl + 1 : NULL; p && n < MAX_TAGS; n++) {
		char *e = strchr(p, '\n');
		if (e)
			*e = '\0';
		tags[n] = p;
		p = e ? e + 1 : NULL;
	}
	for (size_t i = 0; i < n; i++) {
		ok[i] = version_parse(tags[i], usable ? pattern : NULL, &v[i]) == 0;
		if (!ok[i])
			continue;
		if (v[i].n == 0 || v[i].n > VERSION_MAX_PARTS || strlen(v[i].text) >= sizeof(v[i].text))
			fuzz_fail("tagversion: '%s' parsed with %zu parts", tags[i], v[i].n);
		if (version_cmp(&v[i], &v[i]) != 0)
			fuzz_fail("tagversion: '%s' is not equal to itself", tags[i]);
		if (pattern && usable) {
			const char *star = strchr(pattern, '*');
			size_t pre = (size_t)(star - pattern), post = strlen(star + 1), len = strlen(tags[i]);
			if (len < pre + post || strncmp(tags[i], pattern, pre) != 0 ||
			    strcmp(tags[i] + len - post, star + 1) != 0)
				fuzz_fail("tagversion: '%s' parsed under '%s' without its affixes", tags[i], pattern);
		}
	}
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++) {
			if (!ok[i] || !ok[j])
				continue;
			int a = sign(version_cmp(&v[i], &v[j])), b = sign(version_cmp(&v[j], &v[i]));
			if (a != -b)
				fuzz_fail("tagversion: '%s' and '%s' compare %d and %d", tags[i], tags[j], a, b);
			for (size_t k = 0; k < n && k < 16; k++)
				if (ok[k] && a <= 0 && sign(version_cmp(&v[j], &v[k])) <= 0 &&
				    sign(version_cmp(&v[i], &v[k])) > 0)
					fuzz_fail("tagversion: not transitive: '%s' <= '%s' <= '%s'", tags[i], tags[j], tags[k]);
		}
	for (int pre = 0; pre < 2 && usable; pre++) {
		size_t order[MAX_TAGS + 1];
		size_t want = 0;
		for (size_t i = 0; i < n; i++)
			want += ok[i] && (pre || !v[i].pre);
		size_t got = version_sort_tags(tags, n, pattern, pre, order);
		if (got != want)
			fuzz_fail("tagversion: version_sort_tags kept %zu of %zu versions", got, want);
		bool seen[MAX_TAGS] = {false};
		for (size_t i = 0; i < got; i++) {
			if (order[i] >= n || seen[order[i]] || !ok[order[i]])
				fuzz_fail("tagversion: version_sort_tags gave index %zu", order[i]);
			seen[order[i]] = true;
			if (i > 0 && version_cmp(&v[order[i - 1]], &v[order[i]]) < 0)
				fuzz_fail("tagversion: '%s' sorted before the newer '%s'", tags[order[i - 1]], tags[order[i]]);
		}
	}
	free(save);
	return 0;
}
