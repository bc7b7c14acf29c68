/* fuzz.h - what every harness in tests/fuzz/ provides, for libFuzzer and for the regression
 * driver (driver.c) alike.
 *
 * A harness defines LLVMFuzzerTestOneInput(), and LLVMFuzzerInitialize() when it needs set-up
 * (both drivers call it once before the first input). A broken property is reported with
 * fuzz_fail(), which prints the reason and aborts, so that libFuzzer saves the input and the
 * regression driver exits non-zero. Harnesses read fixtures relative to the repository root
 * (the working directory of `make fuzz` and `make check`). */
#ifndef MSGVET_FUZZ_H
#define MSGVET_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Print "fuzz: <harness>: <message>" on stderr and abort. */
void fuzz_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* The input as a malloc'ed NUL-terminated string (stops at an embedded NUL, as a C string from
 * a loaded file would). */
char *fuzz_cstr(const uint8_t *data, size_t size);

/* The scheme a browser sees in an attribute's (decoded) URL (WHATWG: leading C0 controls and
 * spaces stripped, tabs and line breaks removed), lower-cased into scheme; false when the URL
 * has none (a relative URL). */
bool fuzz_url_scheme(const char *url, char *scheme, size_t size);

#endif
