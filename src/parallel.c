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

struct parallel_task {
	void (*fn)(void *ctx);
	void *ctx;
	pthread_t thread;
	int started;
};

static void *run_task(void *arg)
{
	struct parallel_task *t = arg;
	t->fn(t->ctx);
	return NULL;
}

struct parallel_task *parallel_spawn(void (*fn)(void *ctx), void *ctx)
{
	struct parallel_task *t = xcalloc(1, sizeof(*t));
	t->fn = fn;
	t->ctx = ctx;
	if (sysconf(_SC_NPROCESSORS_ONLN) > 1 && pthread_create(&t->thread, NULL, run_task, t) == 0)
		t->started = 1;
	else
		fn(ctx);
	return t;
}

void parallel_join(struct parallel_task *t)
{
	if (t && t->started)
		pthread_join(t->thread, NULL);
	free(t);
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
