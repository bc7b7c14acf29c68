/* parse.c - the probes' response parsers (JSON with cJSON, YAML through the loader, apt
 * Packages by hand). Shape checks first, values second: a field of the wrong type is an
 * error, never a default. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "diag.h"
#include "node.h"
#include "parse.h"
#include "util.h"
#include "yamlfile.h"

/* The body as JSON of the given type (cJSON_Object or cJSON_Array), or NULL with a reason. */
static cJSON *json_root(const char *what, const char *body, size_t len, int type, struct buf *why)
{
	cJSON *j = cJSON_ParseWithLength(body, len);
	if (!j) {
		buf_addf(why, "%s: not valid JSON", what);
		return NULL;
	}
	if (!(j->type & type)) {
		buf_addf(why, "%s: expected a JSON %s", what, type == cJSON_Array ? "array" : "object");
		cJSON_Delete(j);
		return NULL;
	}
	return j;
}

/* A string member: required (missing or null is an error) or optional (NULL then). */
static int get_str(const char *what, const cJSON *o, const char *key, bool required, struct arena *a,
		   const char **out, struct buf *why)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	*out = NULL;
	if (!v || cJSON_IsNull(v)) {
		if (required) {
			buf_addf(why, "%s: '%s' is missing", what, key);
			return -1;
		}
		return 0;
	}
	if (!cJSON_IsString(v)) {
		buf_addf(why, "%s: '%s' is not a string", what, key);
		return -1;
	}
	*out = arena_strdup(a, v->valuestring);
	return 0;
}

/* A boolean member; absent is false unless required. */
static int get_bool(const char *what, const cJSON *o, const char *key, bool required, bool *out,
		    struct buf *why)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	*out = false;
	if (!v) {
		if (required)
			buf_addf(why, "%s: '%s' is missing", what, key);
		return required ? -1 : 0;
	}
	if (!cJSON_IsBool(v)) {
		buf_addf(why, "%s: '%s' is not a boolean", what, key);
		return -1;
	}
	*out = cJSON_IsTrue(v);
	return 0;
}

/* An integer member; -1 when absent and optional. */
static int get_int(const char *what, const cJSON *o, const char *key, bool required, long long *out,
		   struct buf *why)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	*out = -1;
	if (!v) {
		if (required)
			buf_addf(why, "%s: '%s' is missing", what, key);
		return required ? -1 : 0;
	}
	/* in range before the conversion (out of range it is undefined); 2^63 is exact */
	if (!cJSON_IsNumber(v) || !(v->valuedouble >= -9223372036854775808.0 && v->valuedouble < 9223372036854775808.0) ||
	    v->valuedouble != (double)(long long)v->valuedouble) {
		buf_addf(why, "%s: '%s' is not an integer", what, key);
		return -1;
	}
	*out = (long long)v->valuedouble;
	return 0;
}

/* A member that must be an object (or null/absent when optional: NULL then). */
static int get_obj(const char *what, const cJSON *o, const char *key, bool required, int type,
		   const cJSON **out, struct buf *why)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	*out = NULL;
	if (!v || cJSON_IsNull(v)) {
		if (required)
			buf_addf(why, "%s: '%s' is missing", what, key);
		return required ? -1 : 0;
	}
	if (!(v->type & type)) {
		buf_addf(why, "%s: '%s' is not an %s", what, key, type == cJSON_Array ? "array" : "object");
		return -1;
	}
	*out = v;
	return 0;
}

int parse_github_repo(const char *body, size_t len, struct arena *a, struct parsed_repo *out, struct buf *why)
{
	static const char what[] = "github repository";
	memset(out, 0, sizeof *out);
	cJSON *j = json_root(what, body, len, cJSON_Object, why);
	const cJSON *lic;
	int rc = -1;
	if (!j)
		return -1;
	if (get_str(what, j, "full_name", true, a, &out->full_name, why) < 0 ||
	    get_bool(what, j, "archived", true, &out->archived, why) < 0 ||
	    get_bool(what, j, "fork", false, &out->fork, why) < 0 ||
	    get_str(what, j, "pushed_at", false, a, &out->pushed, why) < 0 ||
	    get_str(what, j, "default_branch", false, a, &out->default_branch, why) < 0 ||
	    get_obj(what, j, "license", false, cJSON_Object, &lic, why) < 0)
		goto out;
	if (lic && get_str("github repository licence", lic, "spdx_id", true, a, &out->licence, why) < 0)
		goto out;
	rc = 0;
out:
	cJSON_Delete(j);
	return rc;
}

/* The assets of a GitHub/Gitea release: [{name, size, browser_download_url}]. */
static int github_assets(const cJSON *arr, struct arena *a, struct parsed_release *out, struct buf *why)
{
	static const char what[] = "release asset";
	int n = cJSON_GetArraySize(arr);
	out->assets = arena_alloc(a, sizeof *out->assets * (size_t)(n > 0 ? n : 1));
	const cJSON *it;
	cJSON_ArrayForEach(it, arr) {
		struct parsed_asset *as = &out->assets[out->nassets];
		if (!cJSON_IsObject(it)) {
			buf_addf(why, "%s: not an object", what);
			return -1;
		}
		if (get_str(what, it, "name", true, a, &as->name, why) < 0 ||
		    get_str(what, it, "browser_download_url", true, a, &as->url, why) < 0 ||
		    get_int(what, it, "size", false, &as->size, why) < 0)
			return -1;
		out->nassets++;
	}
	return 0;
}

int parse_github_release(const char *body, size_t len, struct arena *a, struct parsed_release *out,
			 struct buf *why)
{
	static const char what[] = "release";
	memset(out, 0, sizeof *out);
	cJSON *j = json_root(what, body, len, cJSON_Object, why);
	const cJSON *assets;
	int rc = -1;
	if (!j)
		return -1;
	if (get_str(what, j, "tag_name", true, a, &out->tag, why) < 0 ||
	    get_str(what, j, "published_at", false, a, &out->published, why) < 0 ||
	    get_bool(what, j, "prerelease", false, &out->prerelease, why) < 0 ||
	    get_bool(what, j, "draft", false, &out->draft, why) < 0 ||
	    get_obj(what, j, "assets", false, cJSON_Array, &assets, why) < 0)
		goto out;
	if (assets && github_assets(assets, a, out, why) < 0)
		goto out;
	rc = 0;
out:
	cJSON_Delete(j);
	return rc;
}

int parse_gitea_repo(const char *body, size_t len, struct arena *a, struct parsed_repo *out, struct buf *why)
{
	static const char what[] = "gitea repository";
	memset(out, 0, sizeof *out);
	cJSON *j = json_root(what, body, len, cJSON_Object, why);
	int rc = -1;
	if (!j)
		return -1;
	if (get_str(what, j, "full_name", true, a, &out->full_name, why) == 0 &&
	    get_bool(what, j, "archived", true, &out->archived, why) == 0 &&
	    get_bool(what, j, "fork", false, &out->fork, why) == 0 &&
	    get_str(what, j, "default_branch", false, a, &out->default_branch, why) == 0 &&
	    get_str(what, j, "updated_at", false, a, &out->pushed, why) == 0)
		rc = 0;
	cJSON_Delete(j);
	return rc;
}

int parse_gitlab_project(const char *body, size_t len, struct arena *a, struct parsed_repo *out,
			 struct buf *why)
{
	static const char what[] = "gitlab project";
	memset(out, 0, sizeof *out);
	cJSON *j = json_root(what, body, len, cJSON_Object, why);
	const cJSON *lic;
	int rc = -1;
	if (!j)
		return -1;
	if (get_str(what, j, "path_with_namespace", true, a, &out->full_name, why) < 0 ||
	    get_bool(what, j, "archived", true, &out->archived, why) < 0 ||
	    get_str(what, j, "default_branch", false, a, &out->default_branch, why) < 0 ||
	    get_str(what, j, "last_activity_at", false, a, &out->pushed, why) < 0 ||
	    get_obj(what, j, "license", false, cJSON_Object, &lic, why) < 0)
		goto out;
	if (lic && get_str("gitlab project licence", lic, "key", true, a, &out->licence, why) < 0)
		goto out;
	rc = 0;
out:
	cJSON_Delete(j);
	return rc;
}

int parse_gitlab_releases(const char *body, size_t len, struct arena *a, struct parsed_release *out,
			  struct buf *why)
{
	static const char what[] = "gitlab release";
	memset(out, 0, sizeof *out);
	cJSON *j = json_root("gitlab releases", body, len, cJSON_Array, why);
	const cJSON *assets, *links;
	int rc = -1;
	if (!j)
		return -1;
	const cJSON *r = cJSON_GetArrayItem(j, 0);
	if (!r) {
		rc = 0; /* no release */
		goto out;
	}
	if (!cJSON_IsObject(r)) {
		buf_addf(why, "%s: not an object", what);
		goto out;
	}
	if (get_str(what, r, "tag_name", true, a, &out->tag, why) < 0 ||
	    get_str(what, r, "released_at", false, a, &out->published, why) < 0 ||
	    get_bool(what, r, "upcoming_release", false, &out->prerelease, why) < 0 ||
	    get_obj(what, r, "assets", false, cJSON_Object, &assets, why) < 0)
		goto out;
	if (assets && get_obj(what, assets, "links", false, cJSON_Array, &links, why) < 0)
		goto out;
	if (assets && links) {
		out->assets = arena_alloc(a, sizeof *out->assets * (size_t)(cJSON_GetArraySize(links) + 1));
		const cJSON *it;
		cJSON_ArrayForEach(it, links) {
			struct parsed_asset *as = &out->assets[out->nassets];
			if (!cJSON_IsObject(it)) {
				buf_addf(why, "%s: asset link is not an object", what);
				goto out;
			}
			if (get_str("gitlab asset link", it, "name", true, a, &as->name, why) < 0 ||
			    get_str("gitlab asset link", it, "url", true, a, &as->url, why) < 0)
				goto out;
			as->size = -1;
			out->nassets++;
		}
	}
	rc = 0;
out:
	cJSON_Delete(j);
	return rc;
}

int parse_apple_lookup(const char *body, size_t len, struct arena *a, struct parsed_app *out, struct buf *why)
{
	static const char what[] = "apple lookup";
	memset(out, 0, sizeof *out);
	cJSON *j = json_root(what, body, len, cJSON_Object, why);
	const cJSON *results;
	long long count, id;
	int rc = -1;
	if (!j)
		return -1;
	if (get_int(what, j, "resultCount", true, &count, why) < 0 ||
	    get_obj(what, j, "results", true, cJSON_Array, &results, why) < 0)
		goto out;
	if (count != cJSON_GetArraySize(results)) {
		buf_addf(why, "%s: resultCount %lld but %d results", what, count, cJSON_GetArraySize(results));
		goto out;
	}
	if (count == 0) {
		rc = 0; /* not in this storefront */
		goto out;
	}
	const cJSON *r = cJSON_GetArrayItem(results, 0);
	if (!cJSON_IsObject(r)) {
		buf_addf(why, "%s: result is not an object", what);
		goto out;
	}
	if (get_int(what, r, "trackId", true, &id, why) < 0 ||
	    get_str(what, r, "trackName", true, a, &out->name, why) < 0 ||
	    get_str(what, r, "version", true, a, &out->version, why) < 0 ||
	    get_str(what, r, "currentVersionReleaseDate", false, a, &out->released, why) < 0 ||
	    get_str(what, r, "sellerName", false, a, &out->developer, why) < 0)
		goto out;
	out->id = arena_printf(a, "%lld", id);
	out->found = true;
	rc = 0;
out:
	cJSON_Delete(j);
	return rc;
}

int parse_fdroid_package(const char *body, size_t len, struct arena *a, struct parsed_app *out,
			 struct buf *why)
{
	static const char what[] = "f-droid package";
	memset(out, 0, sizeof *out);
	cJSON *j = json_root(what, body, len, cJSON_Object, why);
	const cJSON *pkgs, *it;
	long long suggested;
	int rc = -1;
	if (!j)
		return -1;
	if (get_str(what, j, "packageName", true, a, &out->id, why) < 0 ||
	    get_int(what, j, "suggestedVersionCode", true, &suggested, why) < 0 ||
	    get_obj(what, j, "packages", true, cJSON_Array, &pkgs, why) < 0)
		goto out;
	cJSON_ArrayForEach(it, pkgs) {
		const char *name;
		long long code;
		if (!cJSON_IsObject(it)) {
			buf_addf(why, "%s: package is not an object", what);
			goto out;
		}
		if (get_str(what, it, "versionName", true, a, &name, why) < 0 ||
		    get_int(what, it, "versionCode", true, &code, why) < 0)
			goto out;
		if (code == suggested && !out->version)
			out->version = name;
	}
	if (!out->version) {
		buf_addf(why, "%s: no package has the suggested version code %lld", what, suggested);
		goto out;
	}
	out->found = true;
	rc = 0;
out:
	cJSON_Delete(j);
	return rc;
}

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

int parse_flathub_appstream(const char *body, size_t len, struct arena *a, struct parsed_app *out,
			    struct buf *why)
{
	static const char what[] = "flathub appstream";
	memset(out, 0, sizeof *out);
	cJSON *j = json_root(what, body, len, cJSON_Object, why);
	const cJSON *rels;
	int rc = -1;
	if (!j)
		return -1;
	if (get_str(what, j, "id", true, a, &out->id, why) < 0 ||
	    get_str(what, j, "name", true, a, &out->name, why) < 0 ||
	    get_str(what, j, "project_license", false, a, &out->licence, why) < 0 ||
	    get_obj(what, j, "releases", false, cJSON_Array, &rels, why) < 0)
		goto out;
	const cJSON *r = rels ? cJSON_GetArrayItem(rels, 0) : NULL;
	if (r) {
		if (!cJSON_IsObject(r)) {
			buf_addf(why, "%s: release is not an object", what);
			goto out;
		}
		if (get_str(what, r, "version", true, a, &out->version, why) < 0 ||
		    get_str(what, r, "timestamp", false, a, &out->released, why) < 0)
			goto out;
		if (out->released && !all_digits(out->released)) {
			buf_addf(why, "%s: release timestamp '%s' is not epoch seconds", what, out->released);
			goto out;
		}
	}
	out->found = true;
	rc = 0;
out:
	cJSON_Delete(j);
	return rc;
}

int parse_signal_desktop_yaml(const char *body, size_t len, struct arena *a, struct parsed_feed *out,
			      struct buf *why)
{
	static const char what[] = "signal desktop feed";
	memset(out, 0, sizeof *out);
	struct diag d = DIAG_INIT;
	struct node *root = yaml_read_mem(a, "latest.yml", body, len, &d);
	int rc = -1;
	if (!root) {
		buf_addf(why, "%s: not valid YAML", what);
		if (d.n > 0)
			buf_addf(why, ": %s", d.v[0].msg);
		goto out;
	}
	static const struct {
		const char *key;
		size_t off;
		bool required;
	} fields[] = {
		{"version", offsetof(struct parsed_feed, version), true},
		{"releaseDate", offsetof(struct parsed_feed, released), false},
		{"path", offsetof(struct parsed_feed, file), false},
	};
	for (size_t i = 0; i < ARRAY_SIZE(fields); i++) {
		const struct node *n = node_get(root, fields[i].key);
		const char **field = (const char **)((char *)out + fields[i].off);
		if (!n) {
			if (fields[i].required) {
				buf_addf(why, "%s: '%s' is missing", what, fields[i].key);
				goto out;
			}
			continue;
		}
		if (n->type != NODE_SCALAR) {
			buf_addf(why, "%s: '%s' is not a scalar", what, fields[i].key);
			goto out;
		}
		*field = n->str; /* kept as written: 7.10 stays "7.10" */
	}
	rc = 0;
out:
	diag_release(&d);
	return rc;
}

int parse_signal_android_json(const char *body, size_t len, struct arena *a, struct parsed_feed *out,
			      struct buf *why)
{
	static const char what[] = "signal android feed";
	memset(out, 0, sizeof *out);
	cJSON *j = json_root(what, body, len, cJSON_Object, why);
	int rc = -1;
	if (!j)
		return -1;
	if (get_str(what, j, "versionName", true, a, &out->version, why) == 0 &&
	    get_str(what, j, "url", false, a, &out->file, why) == 0) {
		if (!*out->version)
			buf_addf(why, "%s: 'versionName' is empty", what);
		else
			rc = 0;
	}
	cJSON_Delete(j);
	return rc;
}

int parse_element_releases(const char *body, size_t len, struct arena *a, struct parsed_feed *out,
			   struct buf *why)
{
	static const char what[] = "element releases";
	memset(out, 0, sizeof *out);
	cJSON *j = json_root(what, body, len, cJSON_Object, why);
	const cJSON *rels, *it;
	int rc = -1;
	if (!j)
		return -1;
	if (get_str(what, j, "currentRelease", true, a, &out->version, why) < 0 ||
	    get_obj(what, j, "releases", true, cJSON_Array, &rels, why) < 0)
		goto out;
	cJSON_ArrayForEach(it, rels) {
		const char *v;
		const cJSON *up;
		if (!cJSON_IsObject(it)) {
			buf_addf(why, "%s: release is not an object", what);
			goto out;
		}
		if (get_str(what, it, "version", true, a, &v, why) < 0 ||
		    get_obj(what, it, "updateTo", true, cJSON_Object, &up, why) < 0)
			goto out;
		if (strcmp(v, out->version) == 0) {
			if (get_str(what, up, "pub_date", false, a, &out->released, why) < 0 ||
			    get_str(what, up, "url", false, a, &out->file, why) < 0)
				goto out;
			break;
		}
	}
	rc = 0;
out:
	cJSON_Delete(j);
	return rc;
}

/* dpkg's ordering of a character in the non-digit parts: ~ first, then the end, then letters,
 * then everything else. */
static int deb_order(int c)
{
	if (isdigit(c))
		return 0;
	if (isalpha(c))
		return c;
	if (c == '~')
		return -1;
	if (c)
		return c + 256;
	return 0;
}

/* Compare two upstream or revision parts as dpkg does. */
static int deb_part_cmp(const char *a, const char *b)
{
	while (*a || *b) {
		int first = 0;
		while ((*a && !isdigit((unsigned char)*a)) || (*b && !isdigit((unsigned char)*b))) {
			int ac = deb_order((unsigned char)*a), bc = deb_order((unsigned char)*b);
			if (ac != bc)
				return ac - bc;
			a++;
			b++;
		}
		while (*a == '0')
			a++;
		while (*b == '0')
			b++;
		while (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
			if (!first)
				first = *a - *b;
			a++;
			b++;
		}
		if (isdigit((unsigned char)*a))
			return 1;
		if (isdigit((unsigned char)*b))
			return -1;
		if (first)
			return first;
	}
	return 0;
}

int deb_version_cmp(const char *a, const char *b)
{
	/* split epoch:upstream-revision */
	char *ca = xstrdup(a), *cb = xstrdup(b);
	long ea = 0, eb = 0;
	char *ua = ca, *ub = cb, *p;
	if ((p = strchr(ca, ':'))) {
		*p = '\0';
		ea = strtol(ca, NULL, 10);
		ua = p + 1;
	}
	if ((p = strchr(cb, ':'))) {
		*p = '\0';
		eb = strtol(cb, NULL, 10);
		ub = p + 1;
	}
	const char *ra = "", *rb = "";
	if ((p = strrchr(ua, '-'))) {
		*p = '\0';
		ra = p + 1;
	}
	if ((p = strrchr(ub, '-'))) {
		*p = '\0';
		rb = p + 1;
	}
	int r = ea != eb ? (ea < eb ? -1 : 1) : deb_part_cmp(ua, ub);
	if (r == 0)
		r = deb_part_cmp(ra, rb);
	free(ca);
	free(cb);
	return r;
}

/* The value of field in one stanza (lines start .. end), or NULL. */
static const char *stanza_field(struct arena *a, const char *s, const char *end, const char *field)
{
	size_t flen = strlen(field);
	while (s < end) {
		const char *eol = memchr(s, '\n', (size_t)(end - s));
		if (!eol)
			eol = end;
		if ((size_t)(eol - s) > flen && strncmp(s, field, flen) == 0 && s[flen] == ':') {
			const char *v = s + flen + 1;
			while (v < eol && (*v == ' ' || *v == '\t'))
				v++;
			const char *ve = eol;
			while (ve > v && (ve[-1] == '\r' || ve[-1] == ' '))
				ve--;
			return arena_strndup(a, v, (size_t)(ve - v));
		}
		s = eol + 1;
	}
	return NULL;
}

int parse_apt_packages(const char *body, size_t len, const char *package, struct arena *a,
		       struct parsed_feed *out, struct buf *why)
{
	static const char what[] = "apt Packages index";
	memset(out, 0, sizeof *out);
	if (memchr(body, '\0', len)) {
		buf_addf(why, "%s: holds a NUL byte", what);
		return -1;
	}
	const char *s = body, *end = body + len;
	while (s < end) {
		/* a stanza ends at an empty line */
		const char *e = s;
		while (e < end) {
			const char *eol = memchr(e, '\n', (size_t)(end - e));
			if (!eol) {
				e = end;
				break;
			}
			if (eol == e || (eol == e + 1 && *e == '\r'))
				break;
			e = eol + 1;
		}
		const char *name = stanza_field(a, s, e, "Package");
		if (name && strcmp(name, package) == 0) {
			const char *v = stanza_field(a, s, e, "Version");
			if (!v || !*v) {
				buf_addf(why, "%s: a '%s' stanza has no Version", what, package);
				return -1;
			}
			if (!out->version || deb_version_cmp(v, out->version) > 0) {
				out->version = v;
				out->file = stanza_field(a, s, e, "Filename");
			}
		}
		s = e < end ? e + 1 : end;
		while (s < end && (*s == '\n' || *s == '\r'))
			s++;
	}
	if (!out->version) {
		buf_addf(why, "%s: no package '%s'", what, package);
		return -1;
	}
	return 0;
}

int parse_matrix_versions(const char *body, size_t len, struct arena *a, struct parsed_matrix_versions *out,
			  struct buf *why)
{
	static const char what[] = "matrix client versions";
	memset(out, 0, sizeof *out);
	cJSON *j = json_root(what, body, len, cJSON_Object, why);
	const cJSON *vs, *it, *unstable;
	int rc = -1;
	if (!j)
		return -1;
	if (get_obj(what, j, "versions", true, cJSON_Array, &vs, why) < 0 ||
	    get_obj(what, j, "unstable_features", false, cJSON_Object, &unstable, why) < 0)
		goto out;
	out->versions = arena_alloc(a, sizeof *out->versions * (size_t)(cJSON_GetArraySize(vs) + 1));
	cJSON_ArrayForEach(it, vs) {
		if (!cJSON_IsString(it)) {
			buf_addf(why, "%s: a version is not a string", what);
			goto out;
		}
		out->versions[out->n++] = arena_strdup(a, it->valuestring);
	}
	if (out->n == 0) {
		buf_addf(why, "%s: no version", what);
		goto out;
	}
	rc = 0;
out:
	cJSON_Delete(j);
	return rc;
}

int parse_matrix_server_version(const char *body, size_t len, struct arena *a, struct parsed_app *out,
				struct buf *why)
{
	static const char what[] = "matrix server version";
	memset(out, 0, sizeof *out);
	cJSON *j = json_root(what, body, len, cJSON_Object, why);
	const cJSON *server;
	int rc = -1;
	if (!j)
		return -1;
	if (get_obj(what, j, "server", true, cJSON_Object, &server, why) == 0 &&
	    get_str(what, server, "name", true, a, &out->name, why) == 0 &&
	    get_str(what, server, "version", false, a, &out->version, why) == 0) {
		out->found = true;
		rc = 0;
	}
	cJSON_Delete(j);
	return rc;
}

int parse_matrix_well_known(const char *body, size_t len, struct arena *a, const char **server,
			    struct buf *why)
{
	static const char what[] = "matrix server well-known";
	*server = NULL;
	cJSON *j = json_root(what, body, len, cJSON_Object, why);
	int rc = -1;
	if (!j)
		return -1;
	if (get_str(what, j, "m.server", true, a, server, why) == 0) {
		/* host, IPv4 or [IPv6], optional :port: no spaces, slashes or schemes */
		const char *s = *server;
		if (!*s || strlen(s) > 255 || strcspn(s, " /\\@?#\t\r\n") != strlen(s)) {
			buf_addf(why, "%s: 'm.server' is not a host[:port]", what);
			*server = NULL;
		} else {
			rc = 0;
		}
	}
	cJSON_Delete(j);
	return rc;
}
