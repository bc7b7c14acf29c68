/* model.c - loading criteria and messengers from a data root. */
#include "model.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "parallel.h"
#include "rule.h"
#include "schema.h"
#include "util.h"
#include "yamlfile.h"

const char *loc_text(const struct node *loc, const char *locale)
{
	if (!loc)
		return NULL;
	const char *s = locale ? node_str(loc, locale) : NULL;
	return s ? s : node_str(loc, "en");
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted names in dir ending with suffix (or directories when suffix is NULL). */
static char **list_dir(const char *dir, const char *suffix, size_t *count, struct diag *d,
		       bool required)
{
	*count = 0;
	DIR *dp = opendir(dir);
	if (!dp) {
		if (required || errno != ENOENT)
			diag_add(d, dir, 0, 0, "cannot open directory: %s", strerror(errno));
		return NULL;
	}
	char **names = NULL;
	size_t alloc = 0;
	struct dirent *de;
	while ((de = readdir(dp))) {
		if (de->d_name[0] == '.')
			continue;
		char *path = xasprintf("%s/%s", dir, de->d_name);
		struct stat st;
		int ok = stat(path, &st) == 0;
		free(path);
		if (!ok)
			continue;
		if (suffix ? !(S_ISREG(st.st_mode) && str_has_suffix(de->d_name, suffix))
			   : !S_ISDIR(st.st_mode))
			continue;
		names = xgrow(names, sizeof(*names), *count + 1, &alloc);
		names[(*count)++] = xstrdup(de->d_name);
	}
	closedir(dp);
	if (*count > 1)
		qsort(names, *count, sizeof(*names), cmp_name);
	return names;
}

static void free_names(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static int cmp_messenger(const void *a, const void *b)
{
	return strcmp(((const struct messenger *)a)->id, ((const struct messenger *)b)->id);
}

/* Checks the schema cannot express. */
static size_t check_messenger(const struct node *root, const char *expect_id, struct diag *d)
{
	size_t errs = 0;
	const struct node *id = node_get(root, "id");
	if (id && strcmp(id->str, expect_id) != 0) {
		diag_at(d, id, "id '%s' does not match the file name (expected '%s')", id->str,
			expect_id);
		errs++;
	}
	const struct node *dl = node_get(root, "downloads");
	for (uint32_t i = 0; dl && i < dl->n; i++) {
		const char *ch = node_str(dl->kids[i], "channel");
		if (ch && (strcmp(ch, "direct") == 0) && !node_get(dl->kids[i], "platform")) {
			diag_at(d, dl->kids[i], "a direct download needs a 'platform'");
			errs++;
		}
	}
	const struct node *feeds = node_get(root, "update-feeds");
	for (uint32_t i = 0; feeds && i < feeds->n; i++) {
		const struct node *f = feeds->kids[i];
		const char *fmt = node_str(f, "format");
		bool apt = fmt && strcmp(fmt, "apt-packages") == 0;
		if (fmt && apt != (node_get(f, "package") != NULL)) {
			diag_at(d, f, apt ? "an apt-packages update feed needs a 'package' (the package whose highest version it tells)"
				       : "only an apt-packages update feed has a 'package'");
			errs++;
		}
		const char *pf = node_str(f, "platform");
		for (uint32_t j = 0; pf && j < i; j++) {
			const char *pj = node_str(feeds->kids[j], "platform");
			if (pj && strcmp(pj, pf) == 0) {
				diag_at(d, f, "a second update feed for the platform '%s' (each platform has one: its facts are feed.%s.*)",
					pf, pf);
				errs++;
				break;
			}
		}
	}
	const struct node *prose = node_get(root, "prose");
	const struct node *en = node_get(prose, "en");
	if (prose && en && !node_get(en, "summary")) {
		diag_at(d, en, "missing required key 'summary' in the English prose");
		errs++;
	}
	if (!prose) {
		diag_at(d, root, "missing required key 'prose' (at least prose.en.summary)");
		errs++;
	}
	return errs;
}

/* One messenger file, loaded by a worker into its own arena and diagnostics. */
struct mfile {
	char *path;
	char *id;
	struct node *root; /* NULL when invalid */
};

struct load_job {
	struct mfile *files;
	struct arena *arenas; /* one per worker */
	struct diag *diags;   /* one per chunk of files, merged in file order */
};

/* Files a worker takes at a time. */
#define LOAD_CHUNK 64

static void load_range(void *ctx, size_t from, size_t to, size_t w)
{
	struct load_job *job = ctx;
	struct diag *d = &job->diags[from / LOAD_CHUNK];
	for (size_t i = from; i < to; i++) {
		struct mfile *f = &job->files[i];
		struct node *root = yaml_read_file(&job->arenas[w], f->path, d);
		if (root && (schema_validate(&job->arenas[w], root, &schema_messenger, d) > 0 ||
			     check_messenger(root, f->id, d) > 0))
			root = NULL; /* the extra checks assume a tree the schema accepted */
		f->root = root;
	}
}

/* Files per worker below which threads are not worth starting. */
#define FILES_PER_WORKER 256

/* A client or server without a repository publishes no source: its licence must say so with a
 * LicenseRef- (LicenseRef-Proprietary), never an open-source licence with nothing to back it. */
static size_t check_closed(const struct node *root, const char *list, const char *what, struct diag *d)
{
	const struct node *l = node_get(root, list);
	size_t errs = 0;
	for (uint32_t i = 0; l && i < l->n; i++) {
		const struct node *it = l->kids[i];
		const struct node *lic = node_get(it, "licence");
		if (node_get(it, "repository") || !lic || !lic->str)
			continue;
		if (strncmp(lic->str, "LicenseRef-", 11) != 0 || strpbrk(lic->str, " ()")) {
			diag_at(d, lic, "%s '%s' has no repository, so its licence cannot be '%s': a %s whose source is not published has a LicenseRef- licence (LicenseRef-Proprietary) with a source that says so",
				what, node_str(it, "name"), lic->str, what);
			errs++;
		}
	}
	return errs;
}

/* `under` names another messenger, which stands under none itself. */
static int check_under(const struct model *m, struct diag *d)
{
	size_t errs = 0;
	for (size_t i = 0; i < m->nmessengers; i++) {
		const struct messenger *x = &m->messengers[i];
		if (!x->under)
			continue;
		const struct messenger *p = model_messenger(m, x->under);
		const struct node *at = node_get(x->root, "under");
		if (!p || p == x) {
			diag_at(d, at, "'under' must name another messenger of data/messengers/, found '%s'", x->under);
			errs++;
		} else if (p->under) {
			diag_at(d, at, "'%s' stands under '%s' itself: a messenger can stand under a top-level one only",
				p->id, p->under);
			errs++;
		}
	}
	return errs ? -1 : 0;
}

/* beside(beside_ctx), when not NULL, is one more item of the load's workers, taken first. */
static int load_messengers(struct model *m, const char *dir, struct diag *d,
			   void (*beside)(void *ctx), void *beside_ctx)
{
	size_t n;
	char **names = list_dir(dir, ".yml", &n, d, true);
	struct mfile *files = xcalloc(n + 1, sizeof(*files));
	for (size_t i = 0; i < n; i++) {
		files[i].path = xasprintf("%s/%s", dir, names[i]);
		files[i].id = xstrndup(names[i], strlen(names[i]) - 4);
	}
	/* parse in parallel: every worker has its own parser and arena, and takes chunks of files
	 * as it becomes free; each chunk has its own diagnostics */
	size_t nw = parallel_workers(n, FILES_PER_WORKER);
	size_t nchunks = (n + LOAD_CHUNK - 1) / LOAD_CHUNK;
	struct load_job job = {files, xcalloc(nw, sizeof(struct arena)),
			       xcalloc(nchunks + 1, sizeof(struct diag))};
	for (size_t k = 0; k < nchunks; k++)
		job.diags[k].max = d->max;
	parallel_for_chunks_with(beside, beside_ctx, n, LOAD_CHUNK, nw, load_range, &job);

	int rc = 0;
	m->arenas = xgrow(m->arenas, sizeof(*m->arenas), m->narenas + nw, &m->arenas_alloc);
	for (size_t k = 0; k < nw; k++)
		m->arenas[m->narenas++] = job.arenas[k];
	for (size_t k = 0; k < nchunks; k++) {
		for (size_t e = 0; e < job.diags[k].n; e++)
			diag_copy(d, &job.diags[k].v[e]);
		d->dropped += job.diags[k].dropped;
		diag_release(&job.diags[k]);
	}
	free(job.arenas);
	free(job.diags);
	m->messengers = xcalloc(n + 1, sizeof(*m->messengers));
	for (size_t i = 0; i < n; i++) {
		struct node *root = files[i].root;
		if (!root) {
			rc = -1;
		} else {
			struct messenger *x = &m->messengers[m->nmessengers++];
			x->id = arena_strdup(&m->arena, files[i].id);
			x->name = node_str(root, "name");
			x->file = root->file;
			x->root = root;
			const char *ord = node_str(root, "order");
			x->order = ord ? strtol(ord, NULL, 10) : LONG_MAX;
			x->under = node_str(root, "under");
			if (check_closed(root, "clients", "client", d) + check_closed(root, "servers", "server", d))
				rc = -1;
		}
		free(files[i].path);
		free(files[i].id);
	}
	free(files);
	free_names(names, n);
	return rc;
}

/* Footnote markers [^id] in a localized text must name a footnote of the file. */
static size_t check_markers(const struct criteria *c, const struct node *loc, struct diag *d)
{
	size_t errs = 0;
	for (uint32_t i = 0; loc && i < loc->n; i++) {
		const char *s = loc->kids[i]->str;
		while (s && (s = strstr(s, "[^"))) {
			s += 2;
			size_t len = strcspn(s, "]");
			if (s[len] != ']')
				break;
			bool found = false;
			for (size_t k = 0; k < c->nnotes; k++)
				if (strlen(c->notes[k].id) == len && strncmp(c->notes[k].id, s, len) == 0)
					found = true;
			if (!found) {
				diag_at(d, loc->kids[i], "footnote marker [^%.*s] names no footnote of this file",
					(int)len, s);
				errs++;
			}
			s += len;
		}
	}
	return errs;
}

/* Sections a criteria file may have (an undetermined placement keeps its candidates in 64 bits). */
#define MAX_SECTIONS 63

static int build_criteria(struct model *m, struct criteria *c, const struct node *root,
			  struct diag *d)
{
	size_t errs = 0;
	struct arena *a = &m->arena;
	c->title = node_get(root, "title");
	c->page = node_get(root, "page");
	const struct node *file = node_get(c->page, "file");
	if (file) {
		/* a page lands in the output directory: a plain name, never a path */
		const char *f = file->str;
		bool ok = str_has_suffix(f, ".md") && strlen(f) > 3 && f[0] != '.' && f[0] != '-';
		for (const char *p = f; *p; p++)
			if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '.'))
				ok = false;
		if (!ok) {
			diag_at(d, file, "page file '%s' must be a plain file name like real-time-communication.md ([a-z0-9-], ending in .md)", f);
			errs++;
		}
	}
	const struct node *list = node_get(root, "criteria");
	c->crit = arena_alloc(a, list->n * sizeof(*c->crit));
	for (uint32_t i = 0; i < list->n; i++) {
		const struct node *n = list->kids[i];
		const char *id = node_str(n, "id");
		if (criteria_find(c, id)) {
			diag_at(d, node_get(n, "id"), "duplicate criterion id '%s'", id);
			errs++;
			continue;
		}
		struct criterion *cr = &c->crit[c->ncrit];
		cr->id = id;
		cr->index = c->ncrit;
		cr->level = strcmp(node_str(n, "level"), "minimum") == 0 ? LEVEL_MINIMUM
									: LEVEL_BEST_CASE;
		cr->text = node_get(n, "text");
		cr->at = n;
		cr->aliases = node_get(n, "aliases");
		c->ncrit++;
	}
	/* an alias names criteria on the command line: it must not hide another criterion's id */
	for (size_t i = 0; i < c->ncrit; i++)
		for (uint32_t k = 0; c->crit[i].aliases && k < c->crit[i].aliases->n; k++) {
			const struct node *al = c->crit[i].aliases->kids[k];
			const struct criterion *other = criteria_find(c, al->str);
			if (other) {
				diag_at(d, al, "alias '%s' of criterion '%s' is the id of criterion '%s'",
					al->str, c->crit[i].id, other->id);
				errs++;
			}
		}
	const struct node *maxage = node_get(root, "max-age");
	if (maxage) {
		c->max_age = strtol(maxage->str, NULL, 10);
		if (c->max_age <= 0) {
			diag_at(d, maxage, "max-age must be a number of days above 0, found '%s'", maxage->str);
			errs++;
		}
	}
	const struct node *inactive = node_get(root, "max-inactivity");
	if (inactive) {
		c->max_inactivity = strtol(inactive->str, NULL, 10);
		if (c->max_inactivity <= 0) {
			diag_at(d, inactive, "max-inactivity must be a number of days above 0, found '%s'",
				inactive->str);
			errs++;
		}
	}
	const struct node *notes = node_get(root, "footnotes");
	if (notes) {
		c->notes = arena_alloc(a, notes->n * sizeof(*c->notes));
		for (uint32_t i = 0; i < notes->n; i++) {
			const char *id = node_str(notes->kids[i], "id");
			for (size_t k = 0; k < c->nnotes; k++)
				if (strcmp(c->notes[k].id, id) == 0) {
					diag_at(d, node_get(notes->kids[i], "id"), "duplicate footnote id '%s'", id);
					errs++;
				}
			c->notes[c->nnotes].id = id;
			c->notes[c->nnotes].text = node_get(notes->kids[i], "text");
			c->nnotes++;
		}
	}
	for (size_t i = 0; i < c->ncrit; i++) {
		struct criterion *cr = &c->crit[i];
		errs += check_markers(c, cr->text, d);
		cr->rule = rule_parse(a, node_get(cr->at, "rule"), RULE_FACTS, c, d);
		if (!cr->rule)
			errs++;
		const struct node *ap = node_get(cr->at, "applies");
		if (ap && !(cr->applies = rule_parse(a, ap, RULE_FACTS, c, d)))
			errs++;
	}
	for (size_t k = 0; k < c->nnotes; k++)
		errs += check_markers(c, c->notes[k].text, d);
	const struct node *secs = node_get(root, "sections");
	c->sections = arena_alloc(a, secs->n * sizeof(*c->sections));
	for (uint32_t i = 0; i < secs->n; i++) {
		const struct node *n = secs->kids[i];
		struct section *s = &c->sections[c->nsections];
		s->id = node_str(n, "id");
		for (size_t k = 0; k < c->nsections; k++)
			if (strcmp(c->sections[k].id, s->id) == 0) {
				diag_at(d, node_get(n, "id"), "duplicate section id '%s'", s->id);
				errs++;
			}
		s->title = node_get(n, "title");
		s->intro = node_get(n, "intro");
		s->warning = node_get(n, "warning");
		s->untitled = node_str(n, "heading") && strcmp(node_str(n, "heading"), "false") == 0;
		if (s->untitled && (s->intro || s->warning)) {
			diag_at(d, node_get(n, "heading"), "section '%s' has no heading on the page: it cannot have an intro or a warning",
				s->id);
			errs++;
		}
		s->admit = rule_parse(a, node_get(n, "admit"), RULE_SECTION, c, d);
		if (!s->admit)
			errs++;
		c->nsections++;
	}
	if (secs->n == 0) {
		diag_at(d, secs, "a criteria file needs at least one section");
		errs++;
	}
	if (secs->n > MAX_SECTIONS) {
		diag_at(d, secs, "a criteria file has at most %d sections, found %u", MAX_SECTIONS, secs->n);
		errs++;
	}
	return errs ? -1 : 0;
}

/* A former version name resolves to one version of its category: it must not be a version's
 * current name nor another version's former name. A version whose name once meant another
 * (`name-once-meant`) names a version of its category other than itself. */
static int check_formerly(const struct model *m, struct diag *d)
{
	size_t errs = 0;
	for (size_t i = 0; i < m->ncriteria; i++) {
		const struct criteria *c = &m->criteria[i];
		const struct node *once = c->name_once_meant;
		bool found = false;
		for (size_t j = 0; once && j < m->ncriteria; j++)
			found |= j != i && strcmp(m->criteria[j].category, c->category) == 0 &&
				 strcmp(m->criteria[j].version, once->str) == 0;
		if (once && !found) {
			diag_at(d, once, "name-once-meant '%s' of %s@%s is not another version of %s",
				once->str, c->category, c->version, c->category);
			errs++;
		}
		for (uint32_t k = 0; c->formerly && k < c->formerly->n; k++) {
			const struct node *f = c->formerly->kids[k];
			for (size_t j = 0; j < m->ncriteria; j++) {
				const struct criteria *o = &m->criteria[j];
				if (strcmp(o->category, c->category) != 0)
					continue;
				if (strcmp(o->version, f->str) == 0) {
					diag_at(d, f, "former version '%s' of %s@%s is the name of %s",
						f->str, c->category, c->version, o->file);
					errs++;
				}
				for (uint32_t l = 0; j < i && o->formerly && l < o->formerly->n; l++)
					if (strcmp(o->formerly->kids[l]->str, f->str) == 0) {
						diag_at(d, f, "former version '%s' is also claimed by %s@%s",
							f->str, o->category, o->version);
						errs++;
					}
			}
		}
	}
	return errs ? -1 : 0;
}

static int load_criteria(struct model *m, const char *dir, struct diag *d)
{
	size_t ncat;
	char **cats = list_dir(dir, NULL, &ncat, d, true);
	size_t alloc = 0;
	int rc = 0;
	for (size_t i = 0; i < ncat; i++) {
		char *cdir = xasprintf("%s/%s", dir, cats[i]);
		size_t nv;
		char **vers = list_dir(cdir, ".yml", &nv, d, true);
		for (size_t j = 0; j < nv; j++) {
			char *path = xasprintf("%s/%s", cdir, vers[j]);
			char *ver = xstrndup(vers[j], strlen(vers[j]) - 4);
			struct node *root = yaml_read_file(&m->arena, path, d);
			if (!root || schema_validate(&m->arena, root, &schema_criteria, d) > 0) {
				rc = -1;
				goto next;
			}
			const struct node *cat = node_get(root, "category");
			const struct node *v = node_get(root, "version");
			if (strcmp(cat->str, cats[i]) != 0) {
				diag_at(d, cat, "category '%s' does not match the directory (expected '%s')",
					cat->str, cats[i]);
				rc = -1;
				goto next;
			}
			if (strcmp(v->str, ver) != 0) {
				diag_at(d, v, "version '%s' does not match the file name (expected '%s')",
					v->str, ver);
				rc = -1;
				goto next;
			}
			m->criteria = xgrow(m->criteria, sizeof(*m->criteria), m->ncriteria + 1, &alloc);
			struct criteria *c = &m->criteria[m->ncriteria];
			memset(c, 0, sizeof(*c));
			c->category = cat->str;
			c->version = v->str;
			c->file = root->file;
			c->effective = node_str(node_get(root, "effective"), "date");
			c->formerly = node_get(root, "formerly");
			c->name_once_meant = node_get(root, "name-once-meant");
			if (build_criteria(m, c, root, d) < 0)
				rc = -1;
			else
				m->ncriteria++;
next:
			free(ver);
			free(path);
		}
		free_names(vers, nv);
		free(cdir);
	}
	free_names(cats, ncat);
	if (check_formerly(m, d) < 0)
		rc = -1;
	if (m->ncriteria == 0 && rc == 0) {
		diag_add(d, dir, 0, 0, "no criteria files (expected criteria/<category>/<version>.yml)");
		rc = -1;
	}
	return rc;
}

/* Where the pages' assets live under the root: the stand-ins the preview builds with. */
#define ASSETS_DIR "site/stubs/docs"

/* A file the pages refer to (a logo, a page icon) must exist under ASSETS_DIR. */
static size_t check_asset(const char *root, const struct node *n, const char *what, struct diag *d)
{
	const char *f = n->str;
	if (!*f || f[0] == '/' || strstr(f, "..") || strchr(f, '\\')) {
		diag_at(d, n, "%s '%s' must be a relative path under %s (like assets/img/messengers/x.svg)",
			what, f, ASSETS_DIR);
		return 1;
	}
	char *path = strcmp(root, ".") == 0 ? xasprintf("%s/%s", ASSETS_DIR, f)
					    : xasprintf("%s/%s/%s", root, ASSETS_DIR, f);
	struct stat st;
	size_t errs = 0;
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
		diag_at(d, n, "%s '%s' does not exist: put the file at %s", what, f, path);
		errs = 1;
	}
	free(path);
	return errs;
}

/* Every logo and icon file the pages refer to exists. */
static int check_assets(const struct model *m, const char *root, struct diag *d)
{
	size_t errs = 0;
	for (size_t i = 0; i < m->nmessengers; i++) {
		const struct node *logo = node_get(m->messengers[i].root, "logo");
		if (logo)
			errs += check_asset(root, logo, "logo", d);
	}
	for (size_t i = 0; i < m->ncriteria; i++) {
		/* an icon is a theme icon (material/chat-processing) unless it names an image file */
		const struct node *icon = node_get(m->criteria[i].page, "icon");
		if (icon && (str_has_suffix(icon->str, ".svg") || str_has_suffix(icon->str, ".png") ||
			     str_has_suffix(icon->str, ".webp")))
			errs += check_asset(root, icon, "page icon", d);
	}
	return errs ? -1 : 0;
}

int model_load(struct model *m, const char *root, struct diag *d)
{
	return model_load_beside(m, root, d, NULL, NULL);
}

int model_load_beside(struct model *m, const char *root, struct diag *d,
		      void (*beside)(void *ctx), void *beside_ctx)
{
	memset(m, 0, sizeof(*m));
	m->root = arena_strdup(&m->arena, root);
	/* paths in messages stay short when the root is the current directory */
	bool here = strcmp(root, ".") == 0;
	char *cdir = here ? xstrdup("criteria") : xasprintf("%s/criteria", root);
	char *mdir = here ? xstrdup("data/messengers") : xasprintf("%s/data/messengers", root);
	int rc = 0;
	if (load_criteria(m, cdir, d) < 0)
		rc = -1;
	if (load_messengers(m, mdir, d, beside, beside_ctx) < 0 || check_under(m, d) < 0)
		rc = -1;
	char *idir = here ? xstrdup("templates/i18n") : xasprintf("%s/templates/i18n", root);
	if (i18n_load(&m->i18n, &m->arena, idir, d) < 0)
		rc = -1;
	if (check_assets(m, root, d) < 0)
		rc = -1;
	free(idir);
	free(cdir);
	free(mdir);
	if (m->nmessengers > 1)
		qsort(m->messengers, m->nmessengers, sizeof(*m->messengers), cmp_messenger);
	return rc;
}

void model_release(struct model *m)
{
	free(m->messengers);
	free(m->criteria);
	for (size_t i = 0; i < m->narenas; i++)
		arena_release(&m->arenas[i]);
	free(m->arenas);
	i18n_release(&m->i18n);
	arena_release(&m->arena);
	memset(m, 0, sizeof(*m));
}

const struct messenger *model_messenger(const struct model *m, const char *id)
{
	size_t lo = 0, hi = m->nmessengers;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(m->messengers[mid].id, id);
		if (c == 0)
			return &m->messengers[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const struct criteria *model_criteria(const struct model *m, const char *spec)
{
	if (!m->ncriteria)
		return NULL;
	if (!spec) {
		/* the newest version of the first category */
		const char *cat = m->criteria[0].category;
		const struct criteria *best = &m->criteria[0];
		for (size_t i = 0; i < m->ncriteria; i++)
			if (strcmp(m->criteria[i].category, cat) == 0)
				best = &m->criteria[i];
		return best;
	}
	const char *at = strchr(spec, '@');
	size_t clen = at ? (size_t)(at - spec) : strlen(spec);
	const struct criteria *best = NULL;
	for (size_t i = 0; i < m->ncriteria; i++) {
		const struct criteria *c = &m->criteria[i];
		if (strlen(c->category) != clen || strncmp(c->category, spec, clen) != 0)
			continue;
		if (!at || strcmp(c->version, at + 1) == 0)
			best = c; /* sorted by version: the last match is the newest */
	}
	if (best || !at)
		return best;
	/* a version's former name */
	for (size_t i = 0; i < m->ncriteria; i++) {
		const struct criteria *c = &m->criteria[i];
		if (strlen(c->category) != clen || strncmp(c->category, spec, clen) != 0)
			continue;
		for (uint32_t k = 0; c->formerly && k < c->formerly->n; k++)
			if (strcmp(c->formerly->kids[k]->str, at + 1) == 0)
				return c;
	}
	return NULL;
}
