/* main.c - msgvet: options, the command table, dispatch and exit codes. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "util.h"

#ifndef MSGVET_SHAREDIR
#define MSGVET_SHAREDIR "/usr/local/share/msgvet"
#endif
#define MSGVET_VERSION "0.1.0"

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
};

#define EVAL_OPTS (OPTBIT(OPT_CRITERIA) | OPTBIT(OPT_FORMAT))

const struct cmd commands[] = {
	{"validate", cmd_validate, "", "check every criteria and messenger file",
	 "Loads criteria/, data/messengers/ and the string catalogues templates/i18n/ under the\n"
	 "root strictly, parses every template (templates/**/*.mustache), and reports every problem\n"
	 "as file:line:col: message. Also checks that every fact a criterion reads has a source and\n"
	 "a checked date. Prints a summary on success; exits 2 when anything is invalid.",
	 OPTBIT(OPT_QUIET), 0},
	{"list", cmd_list, "", "list the messengers and where each belongs",
	 "One row per messenger: its name, network, how many minimum and best-case criteria it\n"
	 "meets, and its placement on the page (a section id, or excluded).",
	 EVAL_OPTS, FMTBIT(FMT_TEXT) | FMTBIT(FMT_JSON) | FMTBIT(FMT_MD) | FMTBIT(FMT_CSV)},
	{"show", cmd_show, "ID", "everything known about one messenger",
	 "The messenger's facts (links, downloads, clients, servers, network, identifiers, E2EE,\n"
	 "audits) with their sources, and its verdict on every criterion.",
	 EVAL_OPTS, FMTBIT(FMT_TEXT) | FMTBIT(FMT_JSON)},
	{"compare", cmd_compare, "ID... | --all", "messengers side by side, criterion by criterion",
	 "A table of results (pass, fail, unknown, n/a) for each criterion and messenger, and each\n"
	 "messenger's placement. JSON carries the evidence: every fact read, its value, its source\n"
	 "and the date it was checked; CSV lists the facts read and their sources.",
	 EVAL_OPTS | OPTBIT(OPT_ALL), FMTBIT(FMT_TEXT) | FMTBIT(FMT_JSON) | FMTBIT(FMT_MD) | FMTBIT(FMT_CSV)},
	{"explain", cmd_explain, "ID CRITERION", "why a messenger meets a criterion or not",
	 "Shows the criterion's text and rule, evaluates the rule step by step for the messenger,\n"
	 "and lists every fact read with its value, source and checked date.",
	 EVAL_OPTS, FMTBIT(FMT_TEXT) | FMTBIT(FMT_JSON)},
	{"facts", cmd_facts, "[ID...]", "every fact with its source, checked date and observation status",
	 "Lists every fact of the messengers given (all of them by default) through the fact source:\n"
	 "its stable path (list items named by key: clients[REPOSITORY], downloads[CHANNEL/PLATFORM],\n"
	 "audits[REPORT]), its value, the date it was checked, what the observations say of it\n"
	 "(unverified, confirmed, contradicted, observed-only, failed) and its source. Facts only a\n"
	 "probe knows (release, repository, store) appear once observed. --older-than DAYS keeps the\n"
	 "declared facts checked more than DAYS days before --now (or never), oldest first: the list a\n"
	 "maintainer re-verifies first.",
	 OPTBIT(OPT_OLDER_THAN) | OPTBIT(OPT_FORMAT), FMTBIT(FMT_TEXT) | FMTBIT(FMT_JSON) | FMTBIT(FMT_CSV)},
	{"build", cmd_build, "", "regenerate the guide's pages for every criteria version and locale",
	 "Evaluates every messenger and renders the category page of each criteria version in each\n"
	 "locale, in the guide's Markdown conventions. With no options, everything goes under site/:\n"
	 "site/docs/<page>.md is the newest version in English, site/docs/<locale>/<page>.md the\n"
	 "newest in another locale, site/docs/<version>/[<locale>/]<page>.md the older versions.\n"
	 "It also writes the exports msgvet.json and msgvet.csv and the comparison site compare/\n"
	 "(index.html and a page per messenger) for the versions built. --criteria or --locale\n"
	 "alone narrows what is built; with both, only the one page is written, to DIR/<page>.md.\n"
	 "Every file is written only after all of them rendered, each atomically.",
	 OPTBIT(OPT_CRITERIA) | OPTBIT(OPT_LOCALE) | OPTBIT(OPT_OUT), 0},
	{"i18n", cmd_i18n, "", "how much of each locale is translated",
	 "Counts, per locale, the translatable strings that have a translation: the catalogues in\n"
	 "templates/i18n, the criteria texts, and the messengers' prose. Lists what is missing;\n"
	 "a missing string falls back to English on the pages.",
	 OPTBIT(OPT_FORMAT), FMTBIT(FMT_TEXT) | FMTBIT(FMT_JSON)},
	{"template", cmd_template, "render TEMPLATE --data FILE", "render a Mustache template with JSON data",
	 "Renders TEMPLATE (Mustache: interpolation, sections, inverted sections, comments,\n"
	 "partials, set delimiters) with the JSON value of FILE as its context, to standard output,\n"
	 "HTML-escaping {{name}}. A missing partial renders as nothing. A bad template or bad JSON\n"
	 "is reported as file:line:col and exits 2.",
	 OPTBIT(OPT_DATA) | OPTBIT(OPT_PARTIALS), 0},
};
const size_t ncommands = ARRAY_SIZE(commands);

static const char *const format_names[] = {"text", "json", "md", "csv"};

const char *format_name(enum format f)
{
	return format_names[f];
}

static void print_opts(FILE *fp, unsigned mask, const struct cmd *c)
{
	for (int k = 0; k < OPT__COUNT; k++) {
		if (!(mask & OPTBIT(k)))
			continue;
		const struct optdef *o = &optdefs[k];
		char left[64];
		if (o->shortname)
			snprintf(left, sizeof(left), "-%c, --%s%s%s", o->shortname, o->name,
				 o->arg ? " " : "", o->arg ? o->arg : "");
		else
			snprintf(left, sizeof(left), "    --%s%s%s", o->name, o->arg ? " " : "",
				 o->arg ? o->arg : "");
		fprintf(fp, "  %-36s %s", left, o->help);
		if (k == OPT_FORMAT && c && c->formats) {
			fputs(":", fp);
			for (int f = 0; f < 4; f++)
				if (c->formats & FMTBIT(f))
					fprintf(fp, " %s", format_names[f]);
			fputs(" (default text)", fp);
		}
		fputc('\n', fp);
	}
}

static void main_help(FILE *fp)
{
	fprintf(fp, "usage: %s [--root DIR] [--observations FILE] [--now DATE] [--color WHEN] COMMAND [options] [args]\n", progname);
	fprintf(fp, "       %s help [COMMAND]\n\n", progname);
	fputs("Evaluates encrypted messengers against a privacy guide's criteria, with evidence.\n\n", fp);
	fputs("commands:\n", fp);
	for (size_t i = 0; i < ncommands; i++)
		fprintf(fp, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fputs("\noptions:\n", fp);
	print_opts(fp, GLOBAL_OPTS | OPTBIT(OPT_VERSION), NULL);
	fputs("\nexit status: 0 ok, 1 findings, 2 usage or input error, 3 runtime failure\n", fp);
	fprintf(fp, "'%s COMMAND --help' describes a command; man msgvet has the details.\n", progname);
}

static void cmd_help(const struct cmd *c, FILE *fp)
{
	fprintf(fp, "usage: %s %s [options]%s%s\n\n%s.\n\n%s\n\noptions:\n", progname, c->name,
		*c->args ? " " : "", c->args, c->summary, c->help);
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
static int parse_opts(struct ctx *ctx, unsigned mask, int argc, char **argv, int *i, char **pos,
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
			}
		} else if (val) {
			return usage_error(ctx, "option '--%s' takes no value", o->name);
		} else {
			val = "";
		}
		ctx->opt[key] = val;
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
			return usage_error(ctx, "--now '%s' is not a date (expected YYYY-MM-DD)", ctx->opt[OPT_NOW]);
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
		for (f = 0; f < 4; f++)
			if (strcmp(ctx->opt[OPT_FORMAT], format_names[f]) == 0)
				break;
		if (f == 4 || !(ctx->cmd->formats & FMTBIT(f))) {
			char allowed[64] = "";
			for (int g = 0; g < 4; g++)
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

int main(int argc, char **argv)
{
	struct ctx ctx;
	memset(&ctx, 0, sizeof(ctx));
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
	free(pos);
	return rc;
}
