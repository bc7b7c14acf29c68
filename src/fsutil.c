/* fsutil.c - staged writes (with the directories they need) and whole-file reads. */
#define _GNU_SOURCE /* syncfs */
#include "fsutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

/* mkdir -p, recording in st (when not NULL) the directories it created. */
static int mkdir_track(const char *dir, struct stage *st)
{
	char *p = xstrdup(dir);
	int rc = 0;
	for (char *s = p + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, 0777) == 0) {
			if (st) {
				st->dirs = xgrow(st->dirs, sizeof(*st->dirs), st->ndirs + 1, &st->dirs_alloc);
				st->dirs[st->ndirs++] = xstrdup(p);
			}
		} else if (errno != EEXIST) {
			rc = -1;
			break;
		}
		*s = c;
		if (!c)
			break;
	}
	if (rc == 0) {
		struct stat sb;
		if (stat(dir, &sb) < 0 || !S_ISDIR(sb.st_mode)) {
			errno = ENOTDIR;
			rc = -1;
		}
	}
	int saved = errno;
	free(p);
	errno = saved;
	return rc;
}

/* Write data to a new temporary file next to path; its name in *tmp_out. Directories it
 * creates are recorded in st when not NULL. */
static int write_temp(const char *path, const void *data, size_t len, char **tmp_out,
		      struct stage *st)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	if (slash) {
		*slash = '\0';
		if (*dir && mkdir_track(dir, st) < 0) {
			int saved = errno;
			free(dir);
			errno = saved;
			return -1;
		}
	}
	free(dir);
	char *tmp = xasprintf("%s.tmp.XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		int saved = errno;
		free(tmp);
		errno = saved;
		return -1;
	}
	const char *p = data;
	size_t left = len;
	int rc = 0;
	while (left > 0) {
		ssize_t n = write(fd, p, left);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			rc = -1;
			break;
		}
		p += n;
		left -= (size_t)n;
	}
	if (rc == 0 && fchmod(fd, 0644) < 0)
		rc = -1;
	int saved = errno;
	if (close(fd) < 0 && rc == 0) {
		rc = -1;
		saved = errno;
	}
	if (rc < 0) {
		unlink(tmp);
		free(tmp);
		errno = saved;
		return -1;
	}
	*tmp_out = tmp;
	return 0;
}

int stage_file(struct stage *st, const char *path, const void *data, size_t len)
{
	char *tmp;
	if (write_temp(path, data, len, &tmp, st) < 0)
		return -1;
	st->v = xgrow(st->v, sizeof(*st->v), st->n + 1, &st->alloc);
	st->v[st->n].path = xstrdup(path);
	st->v[st->n].tmp = tmp;
	st->n++;
	return 0;
}

static void stage_free(struct stage *st)
{
	for (size_t i = 0; i < st->n; i++) {
		free(st->v[i].path);
		free(st->v[i].tmp);
	}
	free(st->v);
	for (size_t i = 0; i < st->ndirs; i++)
		free(st->dirs[i]);
	free(st->dirs);
	memset(st, 0, sizeof(*st));
}

void stage_abort(struct stage *st)
{
	for (size_t i = 0; i < st->n; i++)
		unlink(st->v[i].tmp);
	/* the directories it created, deepest first: they hold nothing of ours now */
	for (size_t i = st->ndirs; i-- > 0;)
		rmdir(st->dirs[i]);
	stage_free(st);
}

int stage_commit(struct stage *st, char **failed)
{
	*failed = NULL;
	/* one flush for all the files (they share a file system: the output directory) */
	if (st->n) {
		int fd = open(st->v[0].tmp, O_RDONLY);
		if (fd < 0 || syncfs(fd) < 0) {
			int saved = errno;
			if (fd >= 0)
				close(fd);
			stage_abort(st);
			errno = saved;
			return -1;
		}
		close(fd);
	}
	/* nothing is replaced unless every file can be: a target that is a directory (or
	 * anything but a file) stops the commit before the first rename */
	for (size_t i = 0; i < st->n; i++) {
		struct stat sb;
		if (lstat(st->v[i].path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
			*failed = xstrdup(st->v[i].path);
			stage_abort(st);
			errno = S_ISDIR(sb.st_mode) ? EISDIR : EEXIST;
			return -1;
		}
	}
	/* keep each file being replaced under a second name until all renames are done, so
	 * that a rename failing half way can put the old set back */
	char **bak = xcalloc(st->n + 1, sizeof(*bak));
	size_t done = 0;
	int saved = 0;
	for (size_t i = 0; i < st->n; i++) {
		char *b = xasprintf("%s.old", st->v[i].tmp);
		if (link(st->v[i].path, b) == 0)
			bak[i] = b;
		else if (errno == ENOENT)
			free(b);
		else {
			saved = errno;
			*failed = xstrdup(st->v[i].path);
			free(b);
			break;
		}
	}
	for (; !saved && done < st->n; done++)
		if (rename(st->v[done].tmp, st->v[done].path) < 0) {
			saved = errno;
			*failed = xstrdup(st->v[done].path);
		}
	if (saved) {
		for (size_t k = 0; k < done; k++) {
			if (bak[k])
				rename(bak[k], st->v[k].path);
			else
				unlink(st->v[k].path);
		}
	}
	for (size_t i = 0; i < st->n; i++) {
		if (bak[i])
			unlink(bak[i]);
		free(bak[i]);
	}
	free(bak);
	if (saved) {
		stage_abort(st);
		errno = saved;
		return -1;
	}
	stage_free(st);
	return 0;
}

char *read_file(const char *path, size_t max, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return NULL;
	size_t cap = 4096, n = 0;
	struct stat st;
	if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (unsigned long long)st.st_size < max)
		cap = (size_t)st.st_size + 2; /* one read, and the one that finds the end */
	char *b = xmalloc(cap);
	for (;;) {
		if (n + 1 >= cap) {
			cap *= 2;
			b = xrealloc(b, cap);
		}
		size_t r = fread(b + n, 1, cap - n - 1, fp);
		n += r;
		if (n > max) {
			fclose(fp);
			free(b);
			errno = EFBIG;
			return NULL;
		}
		if (r == 0)
			break;
	}
	int err = ferror(fp);
	fclose(fp);
	if (err) {
		free(b);
		errno = EIO;
		return NULL;
	}
	b[n] = '\0';
	if (len)
		*len = n;
	return b;
}

char *map_file(const char *path, size_t max, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct stat st;
	void *p = MAP_FAILED;
	if (fstat(fd, &st) < 0)
		goto out;
	if (!S_ISREG(st.st_mode) || st.st_size <= 0) {
		errno = EINVAL;
		goto out;
	}
	if ((unsigned long long)st.st_size > max) {
		errno = EFBIG;
		goto out;
	}
	p = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	if (p != MAP_FAILED) {
		*len = (size_t)st.st_size;
		madvise(p, *len, MADV_SEQUENTIAL);
	}
out:;
	int saved = errno;
	close(fd);
	errno = saved;
	return p == MAP_FAILED ? NULL : p;
}

void map_file_drop(char *p, size_t upto)
{
	long page = sysconf(_SC_PAGESIZE);
	if (page > 0 && upto >= (size_t)page)
		madvise(p, upto - upto % (size_t)page, MADV_DONTNEED);
}

void map_file_ahead(char *p, size_t len, size_t from, size_t n)
{
	long page = sysconf(_SC_PAGESIZE);
	if (page <= 0 || from >= len)
		return;
	from -= from % (size_t)page;
	if (n > len - from)
		n = len - from;
#ifdef MADV_POPULATE_WRITE
	madvise(p + from, n, MADV_POPULATE_WRITE); /* a kernel before 5.14 says EINVAL: no matter */
#endif
}

void unmap_file(char *p, size_t len)
{
	munmap(p, len);
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **dir_names(const char *dir, const char *suffix, size_t *n)
{
	*n = 0;
	DIR *dp = opendir(dir);
	if (!dp)
		return NULL;
	size_t alloc = 0;
	char **names = xgrow(NULL, sizeof(*names), 1, &alloc);
	struct dirent *de;
	while ((de = readdir(dp))) {
		if (de->d_name[0] == '.' || !str_has_suffix(de->d_name, suffix))
			continue;
		names = xgrow(names, sizeof(*names), *n + 1, &alloc);
		names[(*n)++] = xstrdup(de->d_name);
	}
	closedir(dp);
	if (*n > 1)
		qsort(names, *n, sizeof(*names), cmp_name);
	return names;
}

void dir_names_free(char **names, size_t n)
{
	for (size_t i = 0; names && i < n; i++)
		free(names[i]);
	free(names);
}
