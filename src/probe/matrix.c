/* matrix.c - the Matrix adapter: is the homeserver declared in data live, and does it federate.
 *
 * For the first server of the messenger's list (in key order) that declares a homeserver (a
 * Matrix server name such as matrix.org), three requests to https://NAME:
 *   /_matrix/client/versions        confirms servers[...].homeserver; federation.client-version
 *                                   is the newest spec version it lists;
 *   /_matrix/federation/v1/version  federation.live (true when it answers with a server name),
 *                                   federation.software and federation.software-version;
 *   /.well-known/matrix/server      federation.delegation: its m.server, or NAME:8448 on a 404
 *                                   (the specification's default: no delegation).
 * The federation version is asked at the server name on port 443: the plan's requests do not
 * depend on each other's answers, so a delegation is reported, not followed. */
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "probe.h"
#include "schema.h"
#include "util.h"

enum { ROLE_CLIENT, ROLE_FEDERATION, ROLE_WELL_KNOWN };

static const struct {
	const char *path;
	const char *facts[4]; /* the homeserver fact is added first for ROLE_CLIENT */
} requests[] = {
	[ROLE_CLIENT] = {"/_matrix/client/versions", {"federation.client-version", NULL}},
	[ROLE_FEDERATION] = {"/_matrix/federation/v1/version",
			     {"federation.live", "federation.software", "federation.software-version", NULL}},
	[ROLE_WELL_KNOWN] = {"/.well-known/matrix/server", {"federation.delegation", NULL}},
};

static void matrix_targets(struct probe_plan *p, const struct messenger *m, const struct fact *f)
{
	if (strncmp(f->path, "servers[", 8) != 0 || !str_has_suffix(f->path, "].homeserver") ||
	    !f->declared->str || !host_valid(f->declared->str))
		return;
	for (size_t i = 0; i < p->n; i++)
		if (p->v[i].m == m && p->v[i].ad == &probe_matrix)
			return; /* one homeserver stands for the messenger */
	const char *name = f->declared->str;
	for (int r = 0; r < (int)ARRAY_SIZE(requests); r++) {
		char *u = xasprintf("https://%s%s", name, requests[r].path);
		struct probe_target *t = probe_target_add(p, m, &probe_matrix, u, name, r,
							  r == ROLE_CLIENT ? NULL : requests[r].facts);
		if (r == ROLE_CLIENT) {
			probe_target_add_fact(t, f->path);
			probe_target_add_fact(t, requests[r].facts[0]);
		}
		free(u);
	}
}

/* A spec version "v1.11" or "r0.6.1" as a comparable triple; v releases after r releases. */
static void spec_rank(const char *s, long rank[4])
{
	memset(rank, 0, 4 * sizeof(*rank));
	rank[0] = s[0] == 'v' ? 2 : s[0] == 'r' ? 1 : 0;
	const char *p = s + (rank[0] > 0);
	for (int i = 1; i < 4 && *p; i++) {
		char *end;
		long n = strtol(p, &end, 10);
		if (end == p || n < 0)
			break;
		rank[i] = n;
		p = *end == '.' ? end + 1 : end + strlen(end);
	}
}

static const char *newest_version(const struct parsed_matrix_versions *v)
{
	const char *best = NULL;
	long br[4] = {0}, r[4];
	for (size_t i = 0; i < v->n; i++) {
		spec_rank(v->versions[i], r);
		int k = 0;
		while (k < 3 && r[k] == br[k])
			k++;
		if (!best || r[k] > br[k]) {
			best = v->versions[i];
			memcpy(br, r, sizeof(r));
		}
	}
	return best;
}

static int matrix_answer(const struct probe_target *t, const struct probe_answer *a,
			 struct probe_out *out, struct buf *why)
{
	struct arena ar = ARENA_INIT;
	int rc = -1;
	if (t->role == ROLE_CLIENT) {
		struct parsed_matrix_versions v;
		if (parse_matrix_versions(a->body, a->len, &ar, &v, why) < 0)
			goto out;
		struct buf h = BUF_INIT;
		buf_add_json(&h, t->subject);
		probe_emit(out, t->facts[0], h.s, NULL);
		buf_release(&h);
		probe_emit_str(out, "federation.client-version", newest_version(&v));
	} else if (t->role == ROLE_FEDERATION) {
		struct parsed_app app;
		if (parse_matrix_server_version(a->body, a->len, &ar, &app, why) < 0)
			goto out;
		probe_emit_bool(out, "federation.live", true);
		probe_emit_str(out, "federation.software", app.name);
		if (app.version)
			probe_emit_str(out, "federation.software-version", app.version);
		else
			probe_emit(out, "federation.software-version", NULL, "the server names no version");
	} else if (a->status == 404) {
		char *d = xasprintf("%s:8448", t->subject);
		probe_emit_str(out, "federation.delegation", d);
		free(d);
	} else {
		const char *server;
		if (parse_matrix_well_known(a->body, a->len, &ar, &server, why) < 0)
			goto out;
		probe_emit_str(out, "federation.delegation", server);
	}
	rc = 0;
out:
	arena_release(&ar);
	return rc;
}

/* A 404 for the server's well-known says: no delegation. */
static bool matrix_tells(const struct probe_target *t, int status)
{
	return t->role == ROLE_WELL_KNOWN && status == 404;
}

const struct probe_adapter probe_matrix = {
	.kind = "matrix",
	.summary = "the Matrix homeserver declared in data: client versions, federation version, well-known delegation",
	.accept = "application/json",
	.targets = matrix_targets,
	.answer = matrix_answer,
	.tells = matrix_tells,
};
