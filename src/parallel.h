/* parallel.h - split a loop over n items across the machine's cores. */
#ifndef MSGVET_PARALLEL_H
#define MSGVET_PARALLEL_H

#include <stddef.h>

/* Called for items [from, to) by worker number w (0-based; worker 0 runs on the calling
 * thread). */
typedef void (*parallel_fn)(void *ctx, size_t from, size_t to, size_t w);

/* The number of workers parallel_for will use for n items when each worker should get at
 * least min_per_worker of them (1 when threads are not worth it; at most 8). */
size_t parallel_workers(size_t n, size_t min_per_worker);
/* Run fn over [0, n) in nw contiguous ranges, in order of worker number, and wait for all. */
void parallel_for(size_t n, size_t nw, parallel_fn fn, void *ctx);
/* The same with [0, n) cut into chunks of `chunk` items (k * chunk to (k + 1) * chunk) that the
 * nw workers take in order as each becomes free: a worker slowed by other work on its core
 * takes fewer. fn sees one chunk per call. */
void parallel_for_chunks(size_t n, size_t chunk, size_t nw, parallel_fn fn, void *ctx);

/* The same, with first(first_ctx) handed out before the first chunk, to the worker that is
 * free first (the caller's thread when nw is 1): one more piece of work for the same workers,
 * run exactly once, even when n is 0. first may be NULL. */
void parallel_for_chunks_with(void (*first)(void *ctx), void *first_ctx, size_t n, size_t chunk,
			       size_t nw, parallel_fn fn, void *ctx);

#endif
