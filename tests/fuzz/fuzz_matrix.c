/* fuzz_matrix.c - the Matrix response parsers of src/probe/parse.c: client versions,
 * federation version and the server's .well-known.
 *
 * Properties: no crash, leak or undefined behaviour; 0 with an empty reason, or -1 with a
 * reason; on success, at least one client version, each a string; a federation answer names
 * its software; a delegation is a non-empty host[:port] without spaces, slashes or '@'. */
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

static bool agree(const char *what, int rc, const struct buf *why)
{
	if (rc == 0 && why->len != 0)
		fuzz_fail("matrix: %s succeeded with a reason: %s", what, why->s);
	if (rc != 0 && (rc != -1 || why->len == 0))
		fuzz_fail("matrix: %s failed (%d) without a reason", what, rc);
	return rc == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *body = malloc(size ? size : 1);
	if (!body)
		fuzz_fail("matrix: out of memory");
	if (size)
		memcpy(body, data, size);
	else
		body[0] = '\0'; /* never read: the parsers get a length of 0 */
	struct arena a = ARENA_INIT;
	struct buf why = BUF_INIT;

	struct parsed_matrix_versions v;
	if (agree("parse_matrix_versions", parse_matrix_versions(body, size, &a, &v, &why), &why)) {
		if (v.n == 0)
			fuzz_fail("matrix: client versions without a version");
		for (size_t i = 0; i < v.n; i++)
			if (!v.versions[i])
				fuzz_fail("matrix: client version %zu is NULL", i);
	}
	buf_reset(&why);
	struct parsed_app app;
	if (agree("parse_matrix_server_version", parse_matrix_server_version(body, size, &a, &app, &why), &why) &&
	    (!app.found || !app.name))
		fuzz_fail("matrix: a federation version without the software's name");
	buf_reset(&why);
	const char *server;
	if (agree("parse_matrix_well_known", parse_matrix_well_known(body, size, &a, &server, &why), &why) &&
	    (!server || !*server || strpbrk(server, " /@\t\r\n")))
		fuzz_fail("matrix: delegation '%s' is not a host[:port]", server ? server : "(null)");
	buf_release(&why);
	arena_release(&a);
	free(body);
	return 0;
}
