/* arena.c - bump allocator. */
#include "arena.h"

#include <stdarg.h>
#include <stdalign.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct arena_chunk {
	struct arena_chunk *next;
	alignas(max_align_t) unsigned char data[];
};

#define CHUNK_SIZE (256 * 1024)

static void new_chunk(struct arena *a)
{
	struct arena_chunk *c = xmalloc(sizeof(*c) + CHUNK_SIZE);
	a->total += CHUNK_SIZE;
	c->next = a->head;
	a->head = c;
	a->used = 0;
	a->size = CHUNK_SIZE;
}

void *arena_alloc(struct arena *a, size_t n)
{
	/* An object's alignment divides its size: a block of n bytes is aligned to the largest
	 * power of two dividing n, up to max_align_t's (a 56-byte node to 8, not 16). */
	size_t align = alignof(max_align_t);
	while (n && n % align)
		align /= 2;
	if (!a->head)
		new_chunk(a);
	if (n > CHUNK_SIZE / 4) {
		/* a big one-off block, kept after the current chunk */
		struct arena_chunk *c = xmalloc(sizeof(*c) + n);
		a->total += n;
		c->next = a->head->next;
		a->head->next = c;
		memset(c->data, 0, n);
		return c->data;
	}
	size_t start = (a->used + align - 1) & ~(align - 1);
	if (start + n > a->size) {
		new_chunk(a);
		start = 0;
	}
	void *p = a->head->data + start;
	a->used = start + n;
	memset(p, 0, n);
	return p;
}

char *arena_bytes(struct arena *a, size_t n)
{
	if (n > CHUNK_SIZE / 4)
		return arena_alloc(a, n);
	if (!a->head || a->used + n > a->size)
		new_chunk(a);
	char *p = (char *)a->head->data + a->used;
	a->used += n;
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_bytes(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		die(3, "formatting failed");
	char *p = arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void arena_release(struct arena *a)
{
	struct arena_chunk *c = a->head;
	while (c) {
		struct arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	a->head = NULL;
	a->used = a->size = a->total = 0;
}
