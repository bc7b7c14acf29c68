/* sha256.h - SHA-256 (FIPS 180-4), for content hashes of probed bodies.
 *
 * None of the linked libraries exports a hash (libcurl and SQLite keep theirs internal), so
 * this is a small implementation checked against the FIPS 180-4 example vectors. */
#ifndef MSGVET_SHA256_H
#define MSGVET_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t h[8];
	uint64_t len;       /* bytes hashed so far */
	unsigned char block[64];
	size_t used;        /* bytes waiting in block */
};

void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *data, size_t n);
void sha256_final(struct sha256 *c, unsigned char out[32]);
/* The digest of data as 64 lower-case hex digits and a NUL. */
void sha256_hex(const void *data, size_t n, char out[65]);

#endif
