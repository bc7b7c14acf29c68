/* parallel.c - contiguous ranges on POSIX threads. */
#include "parallel.h"

#include <pthread.h>
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
