/* fuzz_yaml.c - the YAML loader, the schema and the model loader.
 *
 * Each input is read with yaml_read_mem() and validated against the messenger schema and,
 * read again (validation normalises the tree in place), against the criteria schema. An input
 * that one schema accepts is also loaded the way `msgvet validate` loads it: written as the
 * only file of its kind into a scratch data root (criteria/<category>/<version>.yml or
 * data/messengers/<id>.yml) and read with model_load(), which adds the checks across fields
 * (ids against file names, rules, footnote markers, sections).
 * Properties: no crash, leak or undefined behaviour; a tree is returned exactly when no error
 * was recorded; validation reports an error for every refusal. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "diag.h"
#include "fuzz.h"
#include "model.h"
#include "node.h"
#include "schema.h"
#include "util.h"
#include "yamlfile.h"

static char root[] = "/tmp/msgvet-fuzz-yaml-XXXXXX";

static void cleanup(void)
{
	if (rmdir(root) < 0)
		fprintf(stderr, "fuzz: could not remove %s\n", root);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (!mkdtemp(root))
		fuzz_fail("yaml: cannot make a scratch directory");
	atexit(cleanup);
	return 0;
}

/* Whether s is safe as one path component (the schema's id and version types are). */
static bool plain_name(const char *s)
{
	if (!s || !*s || s[0] == '.' || strlen(s) > 64)
		return false;
	return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == strlen(s);
}

static void mkdir_or_fail(const char *path)
{
	if (mkdir(path, 0700) < 0)
		fuzz_fail("yaml: cannot make %s", path);
}

/* Write data as root/dir/name and load the root as a model. */
static void load_model(const char *dir, const char *name, const uint8_t *data, size_t size)
{
	char *crit = xasprintf("%s/criteria", root);
	char *msgr = xasprintf("%s/data", root);
	char *msgs = xasprintf("%s/data/messengers", root);
	char *sub = xasprintf("%s/%s", root, dir);
	char *file = xasprintf("%s/%s", sub, name);
	mkdir_or_fail(crit);
	mkdir_or_fail(msgr);
	mkdir_or_fail(msgs);
	if (strcmp(dir, "data/messengers") != 0)
		mkdir_or_fail(sub);
	FILE *fp = fopen(file, "wb");
	if (!fp || fwrite(data, 1, size, fp) != size || fclose(fp) != 0)
		fuzz_fail("yaml: cannot write %s", file);

	struct model m;
	struct diag d = DIAG_INIT;
	int rc = model_load(&m, root, &d);
	if (rc < 0 && d.n == 0)
		fuzz_fail("yaml: model_load failed without an error message");
	if (rc == 0 && d.n != 0)
		fuzz_fail("yaml: model_load succeeded with %zu errors", d.n);
	model_release(&m);
	diag_release(&d);

	if (unlink(file) < 0 || (strcmp(dir, "data/messengers") != 0 && rmdir(sub) < 0) ||
	    rmdir(msgs) < 0 || rmdir(msgr) < 0 || rmdir(crit) < 0)
		fuzz_fail("yaml: cannot clean %s", root);
	free(crit);
	free(msgr);
	free(msgs);
	free(sub);
	free(file);
}

/* Read and validate against t; the validated tree (in a), or NULL when the input was refused. */
static const struct node *validate(struct arena *a, const uint8_t *data, size_t size,
				   const struct stype *t)
{
	struct diag d = DIAG_INIT;
	struct node *n = yaml_read_mem(a, "fuzz.yml", (const char *)data, size, &d);
	if (!n && d.n == 0)
		fuzz_fail("yaml: yaml_read_mem returned NULL without an error message");
	if (n && d.n != 0)
		fuzz_fail("yaml: yaml_read_mem returned a tree and %zu errors", d.n);
	size_t errs = n ? schema_validate(a, n, t, &d) : 1;
	if (errs != 0 && d.n == 0)
		fuzz_fail("yaml: schema_validate counted %zu errors and recorded none", errs);
	diag_release(&d);
	return errs == 0 ? n : NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;
	const struct node *m = validate(&a, data, size, &schema_messenger);
	const char *id = m ? node_str(m, "id") : NULL;
	char *mname = plain_name(id) ? xasprintf("%s.yml", id) : NULL;

	const struct node *c = validate(&a, data, size, &schema_criteria);
	const char *cat = c ? node_str(c, "category") : NULL;
	const char *ver = c ? node_str(c, "version") : NULL;
	char *cdir = plain_name(cat) && plain_name(ver) ? xasprintf("criteria/%s", cat) : NULL;
	char *cname = cdir ? xasprintf("%s.yml", ver) : NULL;
	arena_release(&a);

	if (mname)
		load_model("data/messengers", mname, data, size);
	if (cdir)
		load_model(cdir, cname, data, size);
	free(mname);
	free(cdir);
	free(cname);
	return 0;
}
