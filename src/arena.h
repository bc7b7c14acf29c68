/* arena.h - bump allocator for data that lives as long as the loaded model. */
#ifndef MSGVET_ARENA_H
#define MSGVET_ARENA_H

#include <stddef.h>

struct arena_chunk;
struct arena {
	struct arena_chunk *head;
	size_t used, size; /* in the head chunk */
	size_t total;      /* bytes allocated in all chunks, for reports */
};

#define ARENA_INIT { NULL, 0, 0, 0 }

/* n bytes, zeroed, aligned for any object of that size (an object's alignment divides its
 * size: n = 56 gives 8, n = 64 gives 16). Never NULL (out of memory is fatal). */
void *arena_alloc(struct arena *a, size_t n);
char *arena_strdup(struct arena *a, const char *s);
/* n bytes with no alignment and no zeroing, for strings. */
char *arena_bytes(struct arena *a, size_t n);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Free every chunk; the arena is empty and reusable afterwards. */
void arena_release(struct arena *a);

#endif
