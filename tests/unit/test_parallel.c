/* test_parallel.c - chunks handed out to workers, with one more task handed out first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "parallel.h"
#include "util.h"

struct seen {
	atomic_int *items; /* how often each item was handed out */
	atomic_int first;  /* how often the first task ran */
	atomic_int bad;    /* chunks of the wrong shape */
	size_t chunk;
};

static void count_items(void *ctx, size_t from, size_t to, size_t w)
{
	struct seen *s = ctx;
	if (from % s->chunk || to <= from || to - from > s->chunk || w >= 8)
		atomic_fetch_add(&s->bad, 1);
	for (size_t i = from; i < to; i++)
		atomic_fetch_add(&s->items[i], 1);
}

static void count_first(void *ctx)
{
	struct seen *s = ctx;
	atomic_fetch_add(&s->first, 1);
}

static void test_chunks_with_first(void **state)
{
	(void)state;
	static const size_t ns[] = {0, 1, 63, 64, 65, 1000};
	for (size_t k = 0; k < sizeof(ns) / sizeof(ns[0]); k++) {
		for (size_t nw = 1; nw <= 3; nw++) {
			for (int with = 0; with < 2; with++) {
				size_t n = ns[k];
				struct seen s = {.chunk = 64};
				s.items = xcalloc(n + 1, sizeof(*s.items));
				atomic_init(&s.first, 0);
				atomic_init(&s.bad, 0);
				parallel_for_chunks_with(with ? count_first : NULL, &s, n, 64, nw,
							 count_items, &s);
				assert_int_equal(atomic_load(&s.first), with);
				assert_int_equal(atomic_load(&s.bad), 0);
				for (size_t i = 0; i < n; i++)
					assert_int_equal(atomic_load(&s.items[i]), 1);
				free(s.items);
			}
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chunks_with_first),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
