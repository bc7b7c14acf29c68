/* parallel.c - contiguous ranges on POSIX threads. */
#include "parallel.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

#include "util.h"

#define MAX_WORKERS 8

struct job {
	parallel_fn fn;
	void *ctx;
	size_t from, to, w;
	pthread_t thread;
};

static void *run(void *arg)
{
	struct job *j = arg;
	j->fn(j->ctx, j->from, j->to, j->w);
	return NULL;
}

size_t parallel_workers(size_t n, size_t min_per_worker)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t nw = min_per_worker ? n / min_per_worker : n;
	size_t max = cpus > 0 ? (size_t)cpus : 1;
	if (max > MAX_WORKERS)
		max = MAX_WORKERS;
	if (nw > max)
		nw = max;
	return nw ? nw : 1;
}

void parallel_for(size_t n, size_t nw, parallel_fn fn, void *ctx)
{
	if (nw <= 1) {
		fn(ctx, 0, n, 0);
		return;
	}
	struct job *jobs = xcalloc(nw, sizeof(*jobs));
	for (size_t k = 0; k < nw; k++) {
		jobs[k].fn = fn;
		jobs[k].ctx = ctx;
		jobs[k].from = n * k / nw;
		jobs[k].to = n * (k + 1) / nw;
		jobs[k].w = k;
	}
	for (size_t k = 1; k < nw; k++)
		if (pthread_create(&jobs[k].thread, NULL, run, &jobs[k]) != 0)
			die(3, "cannot start a thread");
	run(&jobs[0]);
	for (size_t k = 1; k < nw; k++)
		pthread_join(jobs[k].thread, NULL);
	free(jobs);
}

struct chunks {
	parallel_fn fn;
	void *ctx;
	size_t n, chunk;
	void (*first)(void *ctx); /* the first item handed out, before chunk 0; may be NULL */
	void *first_ctx;
	atomic_size_t next; /* the next item to take */
};

static void take_chunks(void *arg, size_t from, size_t to, size_t w)
{
	(void)from;
	(void)to;
	struct chunks *c = arg;
	for (;;) {
		size_t k = atomic_fetch_add(&c->next, 1);
		if (c->first && k-- == 0) {
			c->first(c->first_ctx);
			continue;
		}
		if (k * c->chunk >= c->n)
			return;
		size_t end = (k + 1) * c->chunk;
		c->fn(c->ctx, k * c->chunk, end < c->n ? end : c->n, w);
	}
}

void parallel_for_chunks(size_t n, size_t chunk, size_t nw, parallel_fn fn, void *ctx)
{
	parallel_for_chunks_with(NULL, NULL, n, chunk, nw, fn, ctx);
}

void parallel_for_chunks_with(void (*first)(void *ctx), void *first_ctx, size_t n, size_t chunk,
			       size_t nw, parallel_fn fn, void *ctx)
{
	struct chunks c;
	c.first = first;
	c.first_ctx = first_ctx;
	c.fn = fn;
	c.ctx = ctx;
	c.n = n;
	c.chunk = chunk ? chunk : 1;
	atomic_init(&c.next, 0);
	parallel_for(nw, nw, take_chunks, &c);
}
