/* gitrepo.c - the repository adapter: every declared client and server repository, read by
 * the repository probe (repo.c, libgit2) rather than asked of a forge's API.
 *
 * A target per repository names the facts its report can tell: the licence of that client or
 * server (the expression the licence files make, see licexpr.h), and, for the first client as
 * written in the file (the one that stands for the messenger, as for the forge adapter),
 * repository.last-commit and release.latest.version. The probe itself runs in the command
 * (cmd/probe.c), which owns the mirrors' cache; this file maps its report to observations. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probe.h"
#include "repo.h"
#include "spdx.h"
#include "util.h"

static void repo_targets(struct probe_plan *p, const struct messenger *m, const struct fact *f)
{
	const char *list;
	char *key;
	bool primary;
	if (!probe_repository_fact(m, f, &list, &key, &primary))
		return;
	char *licence = xasprintf("%s[%s].licence", list, key);
	const char *facts[4] = {licence, NULL, NULL, NULL};
	if (primary) {
		facts[1] = "repository.last-commit";
		facts[2] = "release.latest.version";
	}
	probe_target_add(p, m, &probe_repo, f->declared->str, f->declared->str, 0, facts);
	free(licence);
	free(key);
}

void probe_repo_answer(const struct probe_target *t, const struct repo_report *r,
		       struct probe_out *out)
{
	for (size_t k = 0; k < t->nfacts; k++) {
		const char *f = t->facts[k];
		if (str_has_suffix(f, "].licence")) {
			char err[160];
			if (!r->license)
				probe_emit(out, f, NULL, r->nfiles ? "the licence files do not make one known licence"
								   : "the repository has no licence file");
			else if (spdx_check(r->license, err, sizeof(err), NULL, 0) < 0)
				probe_emit(out, f, NULL, err);
			else
				probe_emit_str(out, f, r->license);
		} else if (strcmp(f, "repository.last-commit") == 0) {
			if (r->head_time > 0) {
				char epoch[32];
				snprintf(epoch, sizeof(epoch), "%lld", r->head_time);
				probe_emit_date(out, f, epoch);
			} else {
				probe_emit(out, f, NULL, "the default branch has no commit");
			}
		} else if (strcmp(f, "release.latest.version") == 0) {
			if (r->latest_version)
				probe_emit_str(out, f, r->latest_version);
			else
				probe_emit(out, f, NULL, "no release tag");
		}
	}
}

const struct probe_adapter probe_repo = {
	.kind = "repo",
	.summary = "the git repository of every client and server (libgit2, a cached bare mirror): its licence files, last commit and latest release tag",
	.git = true,
	.targets = repo_targets,
};
