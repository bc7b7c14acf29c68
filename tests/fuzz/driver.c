/* driver.c - runs a harness without libFuzzer: every file named on the command line (a
 * directory stands for the files in it) goes once through LLVMFuzzerTestOneInput(). Built with
 * the normal compiler by `make check` (and with the sanitizers by `make check SANITIZE=...`),
 * so the inputs in tests/fuzz/regress/<harness>/ stay fixed. A harness that finds a broken
 * property aborts; a file that cannot be read is an error too. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"
#include "util.h"

static int run_file(const char *path)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		perror(path);
		return -1;
	}
	unsigned char *p = NULL;
	size_t len = 0, alloc = 0;
	unsigned char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		p = xgrow(p, 1, len + n, &alloc);
		memcpy(p + len, chunk, n);
		len += n;
	}
	int err = ferror(fp);
	fclose(fp);
	if (err) {
		perror(path);
		free(p);
		return -1;
	}
	/* a copy of exactly len bytes, so ASan sees reads past the end */
	unsigned char *exact = xmalloc(len ? len : 1);
	if (len)
		memcpy(exact, p, len);
	LLVMFuzzerTestOneInput(exact, len);
	free(exact);
	free(p);
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_path(const char *path, size_t *count)
{
	struct stat st;
	if (stat(path, &st) < 0) {
		perror(path);
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		(*count)++;
		return run_file(path);
	}
	DIR *dir = opendir(path);
	if (!dir) {
		perror(path);
		return -1;
	}
	char **names = NULL;
	size_t nn = 0, alloc = 0;
	struct dirent *e;
	while ((e = readdir(dir))) {
		if (e->d_name[0] == '.')
			continue;
		names = xgrow(names, sizeof(*names), nn + 1, &alloc);
		names[nn++] = xasprintf("%s/%s", path, e->d_name);
	}
	closedir(dir);
	if (nn > 1)
		qsort(names, nn, sizeof(*names), cmp_str);
	int rc = 0;
	for (size_t i = 0; i < nn; i++) {
		if (run_path(names[i], count) < 0)
			rc = -1;
		free(names[i]);
	}
	free(names);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
		return 2;
	}
	LLVMFuzzerInitialize(&argc, &argv);
	size_t count = 0;
	int rc = 0;
	for (int i = 1; i < argc; i++)
		if (run_path(argv[i], &count) < 0)
			rc = 1;
	if (count == 0) {
		fprintf(stderr, "%s: no input files\n", argv[0]);
		return 1;
	}
	printf("%s: %zu input%s passed\n", argv[0], count, count == 1 ? "" : "s");
	return rc;
}
