/* main.c - msgvet: options, the command table, dispatch and exit codes. */
#include <langinfo.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "cli.h"
#include "present.h"
#include "table.h"
#include "util.h"
#include "version.h"

#ifndef MSGVET_SHAREDIR
#define MSGVET_SHAREDIR "/usr/local/share/msgvet"
#endif

const struct optdef optdefs[OPT__COUNT] = {
	[OPT_ROOT] = {"root", 0, "DIR", "data root holding criteria/ and data/ (default: the current directory when it has both, else the installed data)"},
	[OPT_OBSERVATIONS] = {"observations", 0, "FILE", "observations to read facts against (JSON, msgvet-observations/1; default: data/observed.json under the root when it exists)"},
	[OPT_NOW] = {"now", 0, "DATE", "evaluate as of DATE (YYYY-MM-DD; default: today, or SOURCE_DATE_EPOCH)"},
	[OPT_COLOR] = {"color", 0, "WHEN", "colour output: auto (on a terminal without NO_COLOR), always or never"},
	[OPT_HELP] = {"help", 'h', NULL, "show help and exit"},
	[OPT_VERSION] = {"version", 0, NULL, "show the version and exit"},
	[OPT_CRITERIA] = {"criteria", 'c', "CATEGORY[@VERSION]", "criteria to evaluate against (default: the newest version)"},
	[OPT_FORMAT] = {"format", 'f', "FORMAT", "output format"},
	[OPT_ALL] = {"all", 'a', NULL, "every messenger"},
	[OPT_QUIET] = {"quiet", 'q', NULL, "print nothing when the data is valid"},
	[OPT_LOCALE] = {"locale", 'l', "LOCALE", "build only this locale (default: every locale in templates/i18n)"},
	[OPT_OUT] = {"out", 'o', "DIR", "output directory (default: site)"},
	[OPT_DATA] = {"data", 'd', "FILE", "JSON file whose value is the template's root context"},
	[OPT_PARTIALS] = {"partials", 'p', "DIR", "directory of partials: {{> name}} reads DIR/name.mustache"},
	[OPT_OLDER_THAN] = {"older-than", 0, "DAYS", "only facts checked more than DAYS days ago, or never"},
	[OPT_MAX_AGE] = {"max-age", 0, "DAYS", "warn about facts checked more than DAYS ago (default: the criteria files' max-age)"},
	[OPT_STRICT] = {"strict", 0, NULL, "exit 1 when there is any warning"},
	[OPT_CACHE] = {"cache", 0, "DIR", "directory of the repository mirrors (default: $XDG_CACHE_HOME/msgvet/repos, else ~/.cache/msgvet/repos)"},
	[OPT_TAG_PATTERN] = {"tag-pattern", 0, "PATTERN", "release tags look like PATTERN, a glob with one * where the version is (default: v* or *)"},
	[OPT_ALLOW_UNDETERMINED] = {"allow-undetermined", 0, NULL, "publish the pages without the messengers whose placement is undetermined (said on stderr)"},
	[OPT_CHANGES] = {"changes", 0, NULL, "list only the placements that differ from the previous build's export (DIR/msgvet.json, --out DIR, default site); exit 1 when any does"},
	[OPT_DB] = {"db", 0, "FILE", "the probe database (SQLite; default: .msgvet/msgvet.db under the root); its latest observations are read over the observations file"},
	[OPT_ONLY] = {"only", 0, "NAME", "probe: only these adapters (forge, stores, feeds, matrix, links); accept: only these messengers (repeatable, or comma-separated)"},
	[OPT_FAIL_ON] = {"fail-on", 0, "SEVERITY", "exit 1 when a finding is at least this severe: error, warning or info (default error)"},
	[OPT_JOBS] = {"jobs", 'j', "N", "at most N requests at once (default 8)"},
	[OPT_CONNECT_TO] = {"connect-to", 0, "SPEC", "HOST1:PORT1:HOST2:PORT2: connect to HOST2:PORT2 for requests to HOST1:PORT1, as curl's --connect-to (repeatable; empty fields match any)"},
	[OPT_CACERT] = {"cacert", 0, "FILE", "trust the certificate authorities in FILE (PEM) instead of the system's"},
	[OPT_DRY_RUN] = {"dry-run", 'n', NULL, "list the requests per messenger without making them"},
	[OPT_OFFLINE] = {"offline", 0, NULL, "make no request: record again what the HTTP cache of the database holds for each target, skip the others"},
	[OPT_PRERELEASES] = {"pre-releases", 0, NULL, "count pre-release tags (alpha, beta, rc, nightly...) as versions"},
	[OPT_TIMEOUT] = {"timeout", 0, "SECONDS", "give up on the network after SECONDS in all (default: 300)"},
	[OPT_GIT_REWRITE] = {"git-rewrite", 0, "REWRITE", "FROM=TO: read a repository whose URL starts with FROM at TO instead (repeatable; as git's insteadOf: a mirror, or a fixture in tests)"},
	[OPT_LIST_ONLY] = {"list-only", 0, NULL, "only list the refs and choose the latest version: no mirror, no licences"},
	[OPT_BY_SOURCE] = {"by-source", 0, NULL, "group the facts by the source URL that backs them, URLs sorted"},
};

#define EVAL_OPTS (OPTBIT(OPT_CRITERIA) | OPTBIT(OPT_FORMAT))

const struct cmd commands[] = {
	{"validate", cmd_validate, "", "check every criteria and messenger file",
	 "Loads criteria/, data/messengers/ and the string catalogues templates/i18n/ under the\n"
	 "root strictly, parses every template (templates/**/*.mustache), and reports every problem\n"
	 "as file:line:col: message. Also checks that every fact a criterion reads has a source and\n"
	 "a checked date, and that every logo the pages refer to exists. Warns, without failing,\n"
	 "about deprecated SPDX licence ids and about facts checked more than --max-age days\n"
	 "before --now. Prints a summary on success; exits 2 when anything is invalid, 1 with\n"
	 "--strict when there is a warning. JSON lists every error and warning as an object.",
	 OPTBIT(OPT_QUIET) | OPTBIT(OPT_MAX_AGE) | OPTBIT(OPT_STRICT) | OPTBIT(OPT_FORMAT),
	 FMTBIT(FMT_TEXT) | FMTBIT(FMT_JSON)},
	{"list", cmd_list, "", "list the messengers and where each belongs",
	 "One row per messenger: its name, network, how many minimum and best-case criteria it\n"
	 "meets, and its placement on the page (a section id, excluded, or undetermined when it\n"
	 "depends on an unknown result). --changes lists instead the placements that differ from\n"
	 "the previous build's export, with what decided them, and exits 1 when any does.",
	 EVAL_OPTS | OPTBIT(OPT_CHANGES) | OPTBIT(OPT_OUT), FMTBIT(FMT_TEXT) | FMTBIT(FMT_JSON) | FMTBIT(FMT_MD) | FMTBIT(FMT_CSV)},
	{"show", cmd_show, "ID", "everything known about one messenger",
	 "The messenger's placement under every criteria version and what decided it, then its facts\n"
	 "(links, downloads, clients, servers, network, identifiers, E2EE, audits) with their sources\n"
	 "and observations, and its verdict on every criterion of the version selected.",
	 EVAL_OPTS, FMTBIT(FMT_TEXT) | FMTBIT(FMT_JSON)},
	{"compare", cmd_compare, "ID... | --all", "messengers side by side, criterion by criterion",
	 "A table of results (pass, fail, unknown, n/a) for each criterion and messenger, and each\n"
	 "messenger's placement. JSON carries the evidence: every fact read, its value, its source\n"
	 "and the date it was checked; CSV lists the facts read and their sources.",
	 EVAL_OPTS | OPTBIT(OPT_ALL), FMTBIT(FMT_TEXT) | FMTBIT(FMT_JSON) | FMTBIT(FMT_MD) | FMTBIT(FMT_CSV)},
	{"explain", cmd_explain, "ID [CRITERION | placement]", "why a messenger meets a criterion, or is placed where it is",
	 "With a criterion: shows its text and rule, evaluates the rule step by step for the\n"
	 "messenger, and lists every fact read with its value, source, checked date and note.\n"
	 "With the messenger alone (or 'placement'): its placement and the criteria that decided it\n"
	 "(what kept it out of a section, what leaves it undetermined), each with its evidence.",
	 EVAL_OPTS, FMTBIT(FMT_TEXT) | FMTBIT(FMT_JSON)},
	{"facts", cmd_facts, "[ID...]", "every fact with its source, checked date and observation status",
	 "Lists every fact of the messengers given (all of them by default) through the fact source:\n"
	 "its stable path (list items named by key: clients[REPOSITORY], downloads[CHANNEL/PLATFORM],\n"
	 "audits[REPORT]), its value, the date it was checked, what the observations say of it\n"
	 "(unverified, confirmed, contradicted, observed-only, failed) and its source. Facts only a\n"
	 "probe knows (release, repository, store) appear once observed. --older-than DAYS keeps the\n"
	 "declared facts checked more than DAYS days before --now (or never), oldest first: the list a\n"
	 "maintainer re-verifies first. --by-source groups the facts by the URL that backs them\n"
	 "(declared or inherited from the enclosing mapping), URLs sorted and the facts without a\n"
	 "source last, each with its messenger, path, value and checked date: which page is claimed\n"
	 "to state what.",
	 OPTBIT(OPT_OLDER_THAN) | OPTBIT(OPT_BY_SOURCE) | OPTBIT(OPT_FORMAT), FMTBIT(FMT_TEXT) | FMTBIT(FMT_JSON) | FMTBIT(FMT_CSV)},
	{"build", cmd_build, "", "regenerate the guide's pages for every criteria version and locale",
	 "Evaluates every messenger and renders the category page of each criteria version in each\n"
	 "locale, in the guide's Markdown conventions. With no options, everything goes under site/:\n"
	 "site/docs/<page>.md is the newest version in English, site/docs/<locale>/<page>.md the\n"
	 "newest in another locale, site/docs/<version>/[<locale>/]<page>.md the older versions.\n"
	 "It also writes the exports msgvet.json and msgvet.csv and the comparison site compare/\n"
	 "(index.html and a page per messenger) for the versions built, in English, and the same\n"
	 "site in each other locale under compare/<locale>/. --criteria or --locale\n"
	 "alone narrows what is built; with both, only the one page is written, to DIR/<page>.md.\n"
	 "Every file is written only after all of them rendered, each atomically. A messenger whose\n"
	 "placement is undetermined (it depends on an unknown result) stops the build: it exits 1,\n"
	 "writes nothing, and lists the facts that would decide; --allow-undetermined publishes the\n"
	 "pages without it. Placements that differ from the previous export (DIR/msgvet.json) are\n"
	 "listed on stderr.",
	 OPTBIT(OPT_CRITERIA) | OPTBIT(OPT_LOCALE) | OPTBIT(OPT_OUT) | OPTBIT(OPT_ALLOW_UNDETERMINED), 0},
	{"i18n", cmd_i18n, "", "how much of each locale is translated",
	 "Counts, per locale, the translatable strings that have a translation: the catalogues in\n"
	 "templates/i18n, the criteria texts, and the messengers' prose. Lists what is missing;\n"
	 "a missing string falls back to English on the pages.",
	 OPTBIT(OPT_FORMAT), FMTBIT(FMT_TEXT) | FMTBIT(FMT_JSON)},
	{"license", cmd_license, "FILE...", "detect the licence of files from their text",
	 "Compares each FILE with the reference licence texts under data/licences/ of the data\n"
	 "root (at least AGPL-3.0, GPL-2.0, GPL-3.0, LGPL-2.1, LGPL-3.0, MPL-2.0, Apache-2.0, MIT,\n"
	 "BSD-2-Clause, BSD-3-Clause, ISC, 0BSD, Unlicense, CC0-1.0, EPL-2.0, BSL-1.0, Zlib) after\n"
	 "normalising case, white space, punctuation, Markdown, titles, copyright lines and the\n"
	 "GPL's \"How to Apply\" appendix. Prints per file the SPDX identifier, \"other\" (a\n"
	 "licence text with a clause added, removed or changed: the closest licence is named) or\n"
	 "\"unknown\" (no licence text: a README, a binary, a file over 1 MiB), and a confidence\n"
	 "from 0 to 1. A file with no licence text but an SPDX-License-Identifier line gets that\n"
	 "expression. Exits 2 when a file cannot be read.",
	 OPTBIT(OPT_FORMAT), FMTBIT(FMT_TEXT) | FMTBIT(FMT_JSON)},
	{"repo", cmd_repo, "URL", "what a git repository itself says: versions, licences, activity",
	 "Lists the tags, HEAD and the default branch of the repository at URL (https://, git://,\n"
	 "file:// or a local path) without fetching history, and takes the latest version from the\n"
	 "highest release tag in version order (not name order), pre-releases left out. Then\n"
	 "clones a bare mirror into the cache once, or fetches into it, never checking anything\n"
	 "out (a mirror that cannot be read is cloned again), and reads at the head of the default\n"
	 "branch: the licence files (LICENSE, LICENCE, COPYING, UNLICENSE with any extension or\n"
	 "suffix, LICENSES/*) detected as by 'msgvet license', the SPDX-License-Identifier lines\n"
	 "of up to 50,000 files, SECURITY.md (root, .github/, docs/), the last commit's date, and\n"
	 "how many of the latest 20 release tags carry a PGP or SSH signature. The licence files\n"
	 "make one SPDX expression, with the evidence for it (see the man page for the rule):\n"
	 "known licences joined with OR when the README says they are alternatives, else AND; a\n"
	 "commercial licence beside them as an OR alternative; -only or -or-later for the GNU\n"
	 "licences from the README, else from the files' headers, the plain identifier when they\n"
	 "disagree or say nothing. Exits 3 when the repository cannot be reached or read, saying\n"
	 "why: not-found, auth-required, refused, closed (mid-transfer), timeout, network or\n"
	 "mirror.",
	 OPTBIT(OPT_FORMAT) | OPTBIT(OPT_CACHE) | OPTBIT(OPT_TAG_PATTERN) | OPTBIT(OPT_PRERELEASES) |
	 OPTBIT(OPT_TIMEOUT) | OPTBIT(OPT_LIST_ONLY),
	 FMTBIT(FMT_TEXT) | FMTBIT(FMT_JSON)},
	{"probe", cmd_probe, "[ID...]", "check the declared facts against forges, app stores, update feeds, Matrix and the links",
	 "Finds its targets with the fact walker, for the messengers given (all of them by default):\n"
	 "forge (the GitHub, GitLab and Gitea/Codeberg APIs of every client and server repository:\n"
	 "the licence where the API names an SPDX id; for the first client, repository.archived,\n"
	 "repository.last-commit, release.latest.version and release.latest.date), stores (Apple's\n"
	 "lookup, F-Droid's and Flathub's APIs, by the store id of a download: store.CHANNEL.offered,\n"
	 ".version and .released), feeds (the update feeds declared in data: Signal's YAML and JSON,\n"
	 "Element's releases.json, apt Packages: feed.PLATFORM.version and .released), matrix (the\n"
	 "homeserver declared for a server: federation.live, .software, .software-version,\n"
	 ".delegation, .client-version) and links (every declared URL: reachable over https, its final URL,\n"
	 "the content hash of the privacy policy). Requests run concurrently over https only, with\n"
	 "ETag and Last-Modified from the database's HTTP cache (a 304 records the cached\n"
	 "observations again); GITHUB_TOKEN, when set, is sent to api.github.com only. Every answer\n"
	 "becomes observations of stable fact paths in the database (--db), one transaction per run;\n"
	 "an HTTP failure or an answer of an unexpected shape is a failed observation with its reason.\n"
	 "--only repo (never by default: it clones mirrors into --cache) reads every client and server\n"
	 "repository itself with libgit2, as 'msgvet repo' does: the licence expression its licence\n"
	 "files make, and for the first client the last commit and the latest release tag.\n"
	 "Progress goes to stderr (a live line on a terminal, else a line per messenger done), then a\n"
	 "summary: targets, ok, changed, failed by reason. Exits 0 when the run completed, whatever\n"
	 "the targets answered; 3 when the database cannot be written.",
	 OPTBIT(OPT_ONLY) | OPTBIT(OPT_JOBS) | OPTBIT(OPT_CONNECT_TO) | OPTBIT(OPT_CACERT) |
	 OPTBIT(OPT_DRY_RUN) | OPTBIT(OPT_OFFLINE) | OPTBIT(OPT_CACHE) | OPTBIT(OPT_TIMEOUT) |
	 OPTBIT(OPT_GIT_REWRITE), 0},
	{"accept", cmd_accept, "", "accept the latest probe run as the baseline data/observed.json",
	 "Writes data/observed.json under the root from the latest completed probe run of the\n"
	 "database (--db): each observation of the run replaces the baseline's observation of the\n"
	 "same fact, the baseline's others stay. --only ID (repeatable, or comma-separated) takes the\n"
	 "run's observations of those messengers only. The file is plain JSON, sorted by messenger\n"
	 "then fact with sorted keys, written atomically, to be reviewed and committed like code;\n"
	 "every command reads it. Prints how many observations were accepted.",
	 OPTBIT(OPT_ONLY), 0},
	{"check", cmd_check, "", "what changed upstream: the latest probe run against the data and the baseline",
	 "Compares the latest completed probe run of the database with the declared facts and with\n"
	 "the accepted baseline (data/observed.json), and lists findings, each with a kind, a\n"
	 "severity, the messenger, the fact, the old and new value, the evidence URL and the data\n"
	 "file and line of the declared fact: licence-contradiction, licence-not-osi (error),\n"
	 "repository-archived, repository-inactive (no release and no commit for longer than the\n"
	 "criteria file's max-inactivity) (warning), platform-gone (error), link-dead,\n"
	 "link-redirected, privacy-policy-changed (warning), new-release (info), verdict-change and\n"
	 "placement-change (the evaluation under the criteria with and without the run's\n"
	 "observations differs) (error), stale-fact (a fact past --max-age, as validate) (info).\n"
	 "md is ready for a CI job summary; github prints workflow annotations. Exits 1 when a\n"
	 "finding is at least as severe as --fail-on (default error), else 0.",
	 OPTBIT(OPT_CRITERIA) | OPTBIT(OPT_FORMAT) | OPTBIT(OPT_FAIL_ON) | OPTBIT(OPT_MAX_AGE),
	 FMTBIT(FMT_TEXT) | FMTBIT(FMT_JSON) | FMTBIT(FMT_MD) | FMTBIT(FMT_GITHUB)},
	{"history", cmd_history, "[ID]", "what the probes observed, and when",
	 "For every fact of the messenger given (all of them by default), each completed probe run\n"
	 "in which its observation changed (its value, or its failure, or the content hash of a\n"
	 "privacy policy), oldest first, with the run, its time and the probe.",
	 OPTBIT(OPT_FORMAT), FMTBIT(FMT_TEXT) | FMTBIT(FMT_JSON)},
	{"diff", cmd_diff, "[FROM [TO]]", "what changed between two probe runs",
	 "The facts whose observation differs between completed runs FROM and TO (run ids, as\n"
	 "history shows them; default: the last two runs, or FROM and the latest): added, removed\n"
	 "or changed, with both values, by messenger then fact. Exits 1 when anything differs.",
	 OPTBIT(OPT_FORMAT), FMTBIT(FMT_TEXT) | FMTBIT(FMT_JSON)},
	{"template", cmd_template, "render TEMPLATE --data FILE", "render a Mustache template with JSON data",
	 "Renders TEMPLATE (Mustache: interpolation, sections, inverted sections, comments,\n"
	 "partials, set delimiters) with the JSON value of FILE as its context, to standard output,\n"
	 "HTML-escaping {{name}}. A missing partial renders as nothing. A bad template or bad JSON\n"
	 "is reported as file:line:col and exits 2.",
	 OPTBIT(OPT_DATA) | OPTBIT(OPT_PARTIALS), 0},
};
const size_t ncommands = ARRAY_SIZE(commands);

static const char *const format_names[FMT__COUNT] = {"text", "json", "md", "csv", "github"};

const char *format_name(enum format f)
{
	return format_names[f];
}

/* Terminal columns for help text; 0 when unlimited (set once in main). */
static size_t help_width;

/* "  LEFT  text" with text in a column starting at indent; under a width, the text is wrapped
 * in its column, or below LEFT when the column would be narrower than 24. */
static void print_item(FILE *fp, const char *left, const char *text, size_t indent)
{
	if (strlen(left) >= indent) /* at least one blank between LEFT and text */
		indent = strlen(left) + 1;
	if (!help_width || indent + utf8_width(text) <= help_width) {
		fprintf(fp, "%-*s%s\n", (int)indent, left, text);
		return;
	}
	bool below = help_width < indent + 24;
	size_t col = below ? 8 : indent;
	struct buf b = BUF_INIT;
	text_wrap(&b, text, help_width > col + 8 ? help_width - col : 8);
	if (below)
		fprintf(fp, "%s\n%*s", left, (int)col, "");
	else
		fprintf(fp, "%-*s", (int)indent, left);
	for (const char *p = b.s; *p; p++) {
		fputc(*p, fp);
		if (*p == '\n')
			fprintf(fp, "%*s", (int)col, "");
	}
	fputc('\n', fp);
	buf_release(&b);
}

/* A paragraph of help: as written, or reflowed to the width. */
static void print_para(FILE *fp, const char *text)
{
	if (!help_width) {
		fprintf(fp, "%s\n", text);
		return;
	}
	char *flat = xstrdup(text);
	for (char *p = flat; *p; p++)
		if (*p == '\n')
			*p = ' ';
	struct buf b = BUF_INIT;
	text_wrap(&b, flat, help_width);
	fprintf(fp, "%s\n", b.s);
	buf_release(&b);
	free(flat);
}

static void print_opts(FILE *fp, uint64_t mask, const struct cmd *c)
{
	for (int k = 0; k < OPT__COUNT; k++) {
		if (!(mask & OPTBIT(k)))
			continue;
		const struct optdef *o = &optdefs[k];
		char left[64];
		if (o->shortname)
			snprintf(left, sizeof(left), "  -%c, --%s%s%s", o->shortname, o->name,
				 o->arg ? " " : "", o->arg ? o->arg : "");
		else
			snprintf(left, sizeof(left), "      --%s%s%s", o->name, o->arg ? " " : "",
				 o->arg ? o->arg : "");
		struct buf text = BUF_INIT;
		buf_adds(&text, o->help);
		if (k == OPT_FORMAT && c && c->formats) {
			buf_adds(&text, ":");
			for (int f = 0; f < FMT__COUNT; f++)
				if (c->formats & FMTBIT(f))
					buf_addf(&text, " %s", format_names[f]);
			buf_adds(&text, " (default text)");
		}
		print_item(fp, left, text.s, 39);
		buf_release(&text);
	}
}

static void main_help(FILE *fp)
{
	fprintf(fp, "usage: %s [--root DIR] [--observations FILE] [--db FILE] [--now DATE] [--color WHEN] COMMAND [options] [args]\n", progname);
	fprintf(fp, "       %s help [COMMAND]\n\n", progname);
	fputs("Evaluates encrypted messengers against a privacy guide's criteria, with evidence.\n\n", fp);
	fputs("commands:\n", fp);
	for (size_t i = 0; i < ncommands; i++) {
		char left[32];
		snprintf(left, sizeof(left), "  %s", commands[i].name);
		print_item(fp, left, commands[i].summary, 13);
	}
	fputs("\noptions:\n", fp);
	print_opts(fp, GLOBAL_OPTS | OPTBIT(OPT_VERSION), NULL);
	fputs("\nexit status: 0 ok, 1 findings, 2 usage or input error, 3 runtime failure\n", fp);
	fprintf(fp, "'%s COMMAND --help' describes a command; man msgvet has the details.\n", progname);
}

static void cmd_help(const struct cmd *c, FILE *fp)
{
	fprintf(fp, "usage: %s %s [options]%s%s\n\n%s.\n\n", progname, c->name,
		*c->args ? " " : "", c->args, c->summary);
	print_para(fp, c->help);
	fputs("\noptions:\n", fp);
	print_opts(fp, c->opts, c);
	fputs("\nglobal options:\n", fp);
	print_opts(fp, GLOBAL_OPTS, c);
}

static const struct cmd *find_cmd(const char *name)
{
	for (size_t i = 0; i < ncommands; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* Parse options allowed by mask from argv[*i...]; positional arguments are moved to pos[].
 * Stops at the first positional when stop_at_positional (global options before a command). */
static int parse_opts(struct ctx *ctx, uint64_t mask, int argc, char **argv, int *i, char **pos,
		      int *npos, bool stop_at_positional)
{
	bool dashdash = false;
	for (; *i < argc; (*i)++) {
		char *a = argv[*i];
		if (dashdash || a[0] != '-' || a[1] == '\0') {
			if (stop_at_positional)
				return 0;
			pos[(*npos)++] = a;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			dashdash = true;
			continue;
		}
		const char *name = NULL, *val = NULL;
		size_t nlen = 0;
		int key = -1;
		if (a[1] == '-') {
			name = a + 2;
			const char *eq = strchr(name, '=');
			nlen = eq ? (size_t)(eq - name) : strlen(name);
			if (eq)
				val = eq + 1;
			for (int k = 0; k < OPT__COUNT; k++)
				if ((mask & OPTBIT(k)) && strlen(optdefs[k].name) == nlen &&
				    strncmp(optdefs[k].name, name, nlen) == 0)
					key = k;
		} else {
			if (a[2] != '\0')
				return usage_error(ctx, "unknown option '%s' (short options take their value separately)", a);
			for (int k = 0; k < OPT__COUNT; k++)
				if ((mask & OPTBIT(k)) && optdefs[k].shortname == a[1])
					key = k;
		}
		if (key < 0) {
			const char *cand[OPT__COUNT];
			size_t nc = 0;
			for (int k = 0; k < OPT__COUNT; k++)
				if (mask & OPTBIT(k))
					cand[nc++] = optdefs[k].name;
			char *want = name ? xstrndup(name, nlen) : xstrdup(a);
			const char *near = name ? closest_match(want, cand, nc) : NULL;
			int rc = near ? usage_error(ctx, "unknown option '--%s' (did you mean '--%s'?)", want, near)
				      : usage_error(ctx, "unknown option '%s'", a);
			free(want);
			return rc;
		}
		const struct optdef *o = &optdefs[key];
		if (o->arg) {
			if (!val) {
				if (*i + 1 >= argc)
					return usage_error(ctx, "option '--%s' needs a value (%s)", o->name, o->arg);
				val = argv[++(*i)];
				/* "--db --help" is a forgotten value, not a database named --help */
				if (strncmp(val, "--", 2) == 0 && val[2])
					return usage_error(ctx, "option '--%s' needs a value (%s), found the option '%s'",
							   o->name, o->arg, val);
			}
		} else if (val) {
			return usage_error(ctx, "option '--%s' takes no value", o->name);
		} else {
			val = "";
		}
		ctx->opt[key] = val;
		if (key == OPT_CONNECT_TO || key == OPT_ONLY || key == OPT_GIT_REWRITE) {
			ctx->all[key].v = xrealloc(ctx->all[key].v, (ctx->all[key].n + 1) * sizeof(*ctx->all[key].v));
			ctx->all[key].v[ctx->all[key].n++] = val;
		}
	}
	return 0;
}

static int resolve_root(struct ctx *ctx)
{
	struct stat st;
	if (ctx->opt[OPT_ROOT]) {
		ctx->root = ctx->opt[OPT_ROOT];
		if (stat(ctx->root, &st) < 0 || !S_ISDIR(st.st_mode))
			return usage_error(ctx, "--root '%s' is not a directory", ctx->root);
		return 0;
	}
	if (stat("criteria", &st) == 0 && S_ISDIR(st.st_mode) && stat("data", &st) == 0 &&
	    S_ISDIR(st.st_mode))
		ctx->root = ".";
	else
		ctx->root = MSGVET_SHAREDIR;
	return 0;
}

static int setup(struct ctx *ctx)
{
	if (ctx->opt[OPT_NOW]) {
		if (date_parse(ctx->opt[OPT_NOW], &ctx->now) < 0)
			return usage_error(ctx, "--now '%s' is not a date from 1970-01-01 to 9999-12-31 (expected YYYY-MM-DD)",
					   ctx->opt[OPT_NOW]);
	} else {
		ctx->now = date_today();
	}
	const char *when = ctx->opt[OPT_COLOR] ? ctx->opt[OPT_COLOR] : "auto";
	const char *nc = getenv("NO_COLOR");
	if (strcmp(when, "always") == 0)
		ctx->color = true;
	else if (strcmp(when, "never") == 0)
		ctx->color = false;
	else if (strcmp(when, "auto") == 0)
		ctx->color = isatty(STDOUT_FILENO) && !(nc && *nc);
	else
		return usage_error(ctx, "--color '%s' is not auto, always or never", when);
	ctx->format = FMT_TEXT;
	if (ctx->opt[OPT_FORMAT]) {
		int f;
		for (f = 0; f < FMT__COUNT; f++)
			if (strcmp(ctx->opt[OPT_FORMAT], format_names[f]) == 0)
				break;
		if (f == FMT__COUNT || !(ctx->cmd->formats & FMTBIT(f))) {
			char allowed[64] = "";
			for (int g = 0; g < FMT__COUNT; g++)
				if (ctx->cmd->formats & FMTBIT(g)) {
					strcat(allowed, *allowed ? ", " : "");
					strcat(allowed, format_names[g]);
				}
			return usage_error(ctx, "--format '%s' is not one of: %s", ctx->opt[OPT_FORMAT], allowed);
		}
		ctx->format = (enum format)f;
	}
	return resolve_root(ctx);
}

/* Whether the terminal's character set (LC_ALL, LC_CTYPE, LANG) is UTF-8. The program itself
 * stays in the C locale. */
static bool locale_utf8(void)
{
	if (!setlocale(LC_CTYPE, ""))
		return false;
	bool utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	setlocale(LC_CTYPE, "C");
	return utf8;
}

int main(int argc, char **argv)
{
	struct ctx ctx;
	memset(&ctx, 0, sizeof(ctx));
	present_ascii = !locale_utf8();
	ctx.width = help_width = term_width(STDOUT_FILENO);
	int i = 1, npos = 0, rc;
	char **pos = xcalloc((size_t)argc + 1, sizeof(*pos));

	rc = parse_opts(&ctx, GLOBAL_OPTS | OPTBIT(OPT_VERSION), argc, argv, &i, pos, &npos, true);
	if (rc)
		goto out;
	if (ctx.opt[OPT_VERSION]) {
		printf("msgvet %s\n", MSGVET_VERSION);
		goto out;
	}
	if (i >= argc) {
		if (ctx.opt[OPT_HELP]) {
			main_help(stdout);
		} else {
			main_help(stderr);
			rc = EXIT_USAGE;
		}
		goto out;
	}
	if (strcmp(argv[i], "help") == 0) {
		if (i + 1 >= argc) {
			main_help(stdout);
			goto out;
		}
		const struct cmd *c = find_cmd(argv[i + 1]);
		if (c) {
			cmd_help(c, stdout);
			goto out;
		}
		i++; /* report it as an unknown command below */
	}
	ctx.cmd = find_cmd(argv[i]);
	if (!ctx.cmd) {
		const char *cand[16];
		for (size_t k = 0; k < ncommands; k++)
			cand[k] = commands[k].name;
		const char *near = closest_match(argv[i], cand, ncommands);
		if (near)
			rc = usage_error(NULL, "unknown command '%s' (did you mean '%s'?)", argv[i], near);
		else
			rc = usage_error(NULL, "unknown command '%s'", argv[i]);
		goto out;
	}
	i++;
	rc = parse_opts(&ctx, GLOBAL_OPTS | ctx.cmd->opts, argc, argv, &i, pos, &npos, false);
	if (rc)
		goto out;
	if (ctx.opt[OPT_HELP]) {
		cmd_help(ctx.cmd, stdout);
		goto out;
	}
	rc = setup(&ctx);
	if (rc)
		goto out;
	rc = ctx.cmd->run(&ctx, npos, pos);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		warnmsg("cannot write to standard output");
		rc = EXIT_RUNTIME;
	}
out:
	if (ctx.loaded)
		model_release(&ctx.model);
	factsrc_release(&ctx.facts);
	for (int k = 0; k < OPT__COUNT; k++)
		free(ctx.all[k].v);
	free(pos);
	return rc;
}
