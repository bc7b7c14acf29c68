/* fuzz_licence.c - the licence normaliser and matcher (src/probe/licence.c), the
 * SPDX-License-Identifier reader and the licence expression's notice reading
 * (src/probe/licexpr.c), against the reference texts of data/licences.
 *
 * Each input is a text (bytes, NULs included). Properties:
 *  - licence_normalise: words separated by single spaces, no blank at either end, no control
 *    character;
 *  - licence_detect: a match names a licence with at most LICENCE_MAX_EDITS words changed and
 *    a confidence in [0, 1]; other names the closest licence; unknown says why; and the same
 *    text with CRLF line ends (when it has no CR) gets the same verdict, licence and edits;
 *  - licence_spdx_tag: found means a non-empty expression on one line;
 *  - licexpr_decide with the text as the README beside a GPL-2.0 and a commercial licence
 *    file: an expression that starts with GPL-2.0, ends with "OR LicenseRef-Commercial", and
 *    evidence for it.
 * No crash, leak or undefined behaviour either. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "fuzz.h"
#include "licdata.h"
#include "licence.h"
#include "licexpr.h"
#include "util.h"

static struct licence_db db;

static void cleanup(void)
{
	licence_db_release(&db);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	struct diag d = DIAG_INIT;
	if (licdata_load(&db, LICDATA_DIR, &d) < 0) {
		diag_print(&d, stderr);
		fuzz_fail("licence: %s does not load (run from the repository root)", LICDATA_DIR);
	}
	diag_release(&d);
	atexit(cleanup);
	return 0;
}

static void check_normalise(const char *text, size_t len)
{
	struct buf b = BUF_INIT;
	licence_normalise(text, len, &b);
	if (b.len && (b.s[0] == ' ' || b.s[b.len - 1] == ' ' || strstr(b.s, "  ")))
		fuzz_fail("licence: licence_normalise: stray blanks in '%.200s'", b.s);
	for (size_t i = 0; i < b.len; i++)
		if ((unsigned char)b.s[i] < 0x20 || b.s[i] == 0x7f)
			fuzz_fail("licence: licence_normalise: control character 0x%02x at %zu", (unsigned char)b.s[i], i);
	buf_release(&b);
}

static void check_result(const struct licence_result *r)
{
	if (!(r->confidence >= 0.0 && r->confidence <= 1.0))
		fuzz_fail("licence: confidence %f", r->confidence);
	switch (r->verdict) {
	case LICENCE_MATCH:
		if (!r->id || r->edits > LICENCE_MAX_EDITS)
			fuzz_fail("licence: a match without a licence or with %zu edits", r->edits);
		break;
	case LICENCE_OTHER:
		if (!r->id)
			fuzz_fail("licence: other without the closest licence");
		break;
	case LICENCE_UNKNOWN:
		if (!r->reason)
			fuzz_fail("licence: unknown without a reason");
		break;
	default:
		fuzz_fail("licence: verdict %d", (int)r->verdict);
	}
}

static void check_detect(const char *text, size_t len)
{
	struct licence_result r;
	licence_detect(&db, text, len, &r);
	check_result(&r);
	if (memchr(text, '\r', len))
		return;
	struct buf crlf = BUF_INIT;
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\n')
			buf_addc(&crlf, '\r');
		buf_addc(&crlf, text[i]);
	}
	struct licence_result c;
	licence_detect(&db, crlf.s, crlf.len, &c);
	check_result(&c);
	if (r.verdict != c.verdict || (r.id != c.id && (!r.id || !c.id || strcmp(r.id, c.id) != 0)) ||
	    r.edits != c.edits)
		fuzz_fail("licence: CRLF changes the verdict: %s/%s/%zu against %s/%s/%zu",
			  licence_verdict_name(&r), r.id ? r.id : "-", r.edits, licence_verdict_name(&c),
			  c.id ? c.id : "-", c.edits);
	buf_release(&crlf);
}

static void check_spdx(const char *text, size_t len)
{
	struct buf b = BUF_INIT;
	if (licence_spdx_tag(text, len, &b) == 0 &&
	    (b.len == 0 || strchr(b.s, '\n') || strchr(b.s, '\r')))
		fuzz_fail("licence: licence_spdx_tag gave '%s'", b.s);
	buf_release(&b);
}

static void check_expr(const char *text, size_t len)
{
	const struct licexpr_file files[] = {
		{"COPYING", "GPL-2.0", NULL, NULL, true},
		{"LICENSE-COMMERCIAL", "unknown", NULL, "not a known licence text", true},
	};
	const struct licexpr_tally tally[] = {{"GPL-2.0-only", 3}};
	struct licexpr_input in = {files, 2, "README", text, len, tally, 1, licexpr_grants_later(text, len)};
	struct licexpr e;
	licexpr_decide(&in, &e);
	if (!e.expression || strncmp(e.expression, "GPL-2.0", 7) != 0 ||
	    !str_has_suffix(e.expression, " OR LicenseRef-Commercial") || e.nevidence < 3)
		fuzz_fail("licence: licexpr_decide gave '%s' with %zu sentences", e.expression ? e.expression : "(null)",
			  e.nevidence);
	licexpr_release(&e);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	check_normalise(text, size);
	check_detect(text, size);
	check_spdx(text, size);
	check_expr(text, size);
	return 0;
}
