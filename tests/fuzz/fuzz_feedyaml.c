/* fuzz_feedyaml.c - the update YAML parser of src/probe/parse.c (Signal Desktop's
 * electron-builder latest.yml, read through the YAML loader).
 *
 * Properties: no crash, leak or undefined behaviour; 0 with an empty reason and a version, or
 * -1 with a reason; the scalars are kept as written: the version is a substring of the input
 * (so 7.10 stays "7.10", never a number turned back into text) unless the YAML escapes it. */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "fuzz.h"
#include "parse.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *body = malloc(size ? size : 1);
	if (!body)
		fuzz_fail("feedyaml: out of memory");
	if (size)
		memcpy(body, data, size);
	else
		body[0] = '\0'; /* never read: the parsers get a length of 0 */
	struct arena a = ARENA_INIT;
	struct buf why = BUF_INIT;
	struct parsed_feed f;
	int rc = parse_signal_desktop_yaml(body, size, &a, &f, &why);
	if (rc != 0 && rc != -1)
		fuzz_fail("feedyaml: returned %d", rc);
	if (rc == 0 && (why.len != 0 || !f.version))
		fuzz_fail("feedyaml: success with a reason or without a version");
	if (rc < 0 && why.len == 0)
		fuzz_fail("feedyaml: failure without a reason");
	if (rc == 0 && *f.version && !memchr(body, '"', size) && !memchr(body, '\'', size) &&
	    !memchr(body, '\\', size) && !memchr(body, '\0', size) && !memchr(body, 0xfe, size) &&
	    !memchr(body, 0xff, size)) {
		/* no quotes, escapes or UTF-16: the scalar's text is in the input as written
		 * (a folded multi-line plain scalar joins lines with spaces, so only the text up
		 * to the first space is looked for) */
		size_t vl = strcspn(f.version, " \n");
		bool found = false;
		for (size_t i = 0; i + vl <= size && !found; i++)
			found = memcmp(body + i, f.version, vl) == 0;
		if (!found)
			fuzz_fail("feedyaml: version '%s' is not in the input", f.version);
	}
	buf_release(&why);
	arena_release(&a);
	free(body);
	return 0;
}
