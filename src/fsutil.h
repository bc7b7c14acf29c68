/* fsutil.h - file output (staged, atomic as a set) and whole-file reads. */
#ifndef MSGVET_FSUTIL_H
#define MSGVET_FSUTIL_H

#include <stddef.h>

/* A set of files written under temporary names and put in place together: stage_file()
 * writes each one next to its final path; stage_commit() flushes them to disk with one
 * syncfs() and renames them all; stage_abort() removes them and the directories the stage
 * created. Until the commit, the final paths are untouched: each rename replaces one file
 * whole, so readers see the old file or the new one, never a half-written one. The set is
 * atomic too: stage_commit() refuses before renaming anything when a final path is a
 * directory or other non-file, and when a rename fails half way it puts back the files it
 * had replaced (kept under a second name until the end) and removes the ones it added. */
struct staged {
	char *path;
	char *tmp;
};

struct stage {
	struct staged *v;
	size_t n, alloc;
	char **dirs; /* directories this stage created, removed again by stage_abort() */
	size_t ndirs, dirs_alloc;
};

int stage_file(struct stage *st, const char *path, const void *data, size_t len);
/* 0, or -1 with errno set and *failed the path that could not be put in place (or NULL);
 * the caller frees *failed. */
int stage_commit(struct stage *st, char **failed);
void stage_abort(struct stage *st);

/* The names of the entries of dir that end with suffix and do not start with a dot, sorted
 * (strcmp), in a malloc'ed array of malloc'ed strings; *n gets their count. NULL with errno
 * set when dir cannot be read (an empty directory gives a non-NULL array and 0). Free with
 * dir_names_free. */
char **dir_names(const char *dir, const char *suffix, size_t *n);
void dir_names_free(char **names, size_t n);

/* Read a whole file (at most max bytes) into a malloc'ed NUL-terminated buffer. NULL with
 * errno set on failure (EFBIG when larger than max). */
char *read_file(const char *path, size_t max, size_t *len);

/* A regular file of 1 to max bytes mapped into memory privately: the caller may write into its
 * copy (the file does not change); it is not NUL-terminated. NULL with errno set when the file
 * cannot be mapped (then read_file it). map_file_drop gives the whole pages before p + upto back
 * (a reader that never looks back keeps a window of the file, not all of it); unmap_file ends. */
char *map_file(const char *path, size_t max, size_t *len);
void map_file_drop(char *p, size_t upto);
/* map_file_ahead makes the pages of [from, from + n) the reader's own copies now, in one call:
 * a page the reader would read and then write costs no second fault, and no flush of the other
 * cores' TLBs when threads run beside it. */
void map_file_ahead(char *p, size_t len, size_t from, size_t n);
void unmap_file(char *p, size_t len);

#endif
