/* schema.c - data file schemas as tables, and validation. */
#include "schema.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "mdcheck.h"
#include "spdx.h"
#include "util.h"

/* Scalar types. */
static const struct stype t_string = {.kind = ST_STRING, .name = "a string"};
static const struct stype t_text = {.kind = ST_TEXT, .name = "Markdown text"};
/* The catalogue's placeholders, filled in by page.c and site.c before a string is output. */
static const char *const catalogue_placeholders[] = {"name", "shown", "total", "category", "met",
	"version", "platforms", "run", "count", "date", "platform", NULL};
const struct stype schema_markdown = {.kind = ST_TEXT, .name = "Markdown text", .values = catalogue_placeholders};
static const struct stype t_id = {.kind = ST_ID, .name = "an id ([a-z0-9-], at most 64 characters)"};
static const struct stype t_bool = {.kind = ST_BOOL, .name = "a bool (true or false)"};
static const struct stype t_int = {.kind = ST_INT, .name = "an integer"};
static const struct stype t_date = {.kind = ST_DATE, .name = "a date (YYYY-MM-DD)"};
static const struct stype t_url = {.kind = ST_URL, .name = "an https URL"};
static const struct stype t_host = {.kind = ST_HOST, .name = "a host name (matrix.org)"};
const struct stype schema_url = {.kind = ST_URL, .name = "an https URL"};
static const struct stype t_spdx = {.kind = ST_SPDX, .name = "an SPDX licence expression"};
static const struct stype t_version = {.kind = ST_VERSION, .name = "a version (YYYY-MM)"};
static const struct stype t_localized = {.kind = ST_LOCALIZED, .name = "a map of locale to text"};
static const struct stype t_rule = {.kind = ST_RULE, .name = "a rule"};
static const struct stype t_ids = {.kind = ST_LIST, .name = "a list of ids", .item = &t_id};

static const char *const platform_values[] = {"android", "ios", "linux", "macos", "windows", "web", NULL};
static const struct stype t_platform = {.kind = ST_ENUM, .name = "a platform", .values = platform_values};
static const struct stype t_platforms = {.kind = ST_LIST, .name = "a list of platforms", .item = &t_platform};

static const char *const channel_values[] = {"google-play", "app-store", "f-droid", "flathub",
	"github", "gitlab", "direct", "web", NULL};
static const struct stype t_channel = {.kind = ST_ENUM, .name = "a download channel", .values = channel_values};

/* Update feeds: where a messenger announces its latest version per platform. */
static const char *const feed_format_values[] = {"electron-yaml", "signal-android-json",
	"element-releases-json", "apt-packages", NULL};
static const struct stype t_feed_format = {.kind = ST_ENUM, .name = "an update feed format", .values = feed_format_values};

static const char *const network_values[] = {"centralised", "federated", "p2p", "decentralised", NULL};
static const struct stype t_network_type = {.kind = ST_ENUM, .name = "a network type", .values = network_values};

static const char *const ident_values[] = {"phone", "email", "username", "none", NULL};
static const struct stype t_ident = {.kind = ST_ENUM, .name = "an identifier", .values = ident_values};
static const struct stype t_idents = {.kind = ST_LIST, .name = "a list of identifiers", .item = &t_ident};

static const char *const threat_values[] = {"passive-attacks", "service-providers",
	"mass-surveillance", "surveillance-capitalism", "censorship", NULL};
static const struct stype t_threat = {.kind = ST_ENUM, .name = "a threat", .values = threat_values};
static const struct stype t_threats = {.kind = ST_LIST, .name = "a list of threats", .item = &t_threat};

/* the admonition types a criteria note may take (mkdocs-material's informational ones) */
static const char *const admonition_values[] = {"note", "info", "tip", "example", NULL};
static const struct stype t_admonition = {.kind = ST_ENUM, .name = "an admonition type", .values = admonition_values};

static const char *const level_values[] = {"minimum", "best-case", NULL};
static const struct stype t_level = {.kind = ST_ENUM, .name = "a criterion level", .values = level_values};

/* Messenger files. */
static const struct sfield links_fields[] = {
	{"homepage", &t_url, SF_REQUIRED | SF_FACT},
	{"privacy-policy", &t_url, SF_FACT},
	{"documentation", &t_url, SF_FACT},
	{"source-code", &t_url, SF_FACT},
	{"donations", &t_url, SF_FACT},
	{NULL, NULL, 0},
};
static const struct stype t_links = {.kind = ST_MAP, .name = "the links", .fields = links_fields, .sourced = true};

static const struct sfield download_fields[] = {
	{"channel", &t_channel, SF_REQUIRED},
	{"platform", &t_platform, 0},
	{"url", &t_url, SF_REQUIRED | SF_FACT},
	{"store-id", &t_string, 0},
	{NULL, NULL, 0},
};
static const struct stype t_download = {.kind = ST_MAP, .name = "a download", .fields = download_fields, .sourced = true};
static const char *const download_key[] = {"channel", "platform", NULL};
static const struct stype t_downloads = {.kind = ST_LIST, .name = "a list of downloads", .item = &t_download, .key_fields = download_key, .key_mode = KEY_JOIN, .what = "download (named by its channel and platform)"};

static const struct sfield feed_fields[] = {
	{"url", &t_url, SF_REQUIRED | SF_FACT},
	{"format", &t_feed_format, SF_REQUIRED},
	{"platform", &t_platform, SF_REQUIRED},
	{"package", &t_string, 0},
	{NULL, NULL, 0},
};
static const struct stype t_feed = {.kind = ST_MAP, .name = "an update feed", .fields = feed_fields, .sourced = true};
static const char *const feed_key[] = {"url", NULL};
static const struct stype t_feeds = {.kind = ST_LIST, .name = "a list of update feeds", .item = &t_feed, .key_fields = feed_key, .what = "update feed (named by its URL)"};

static const struct sfield client_fields[] = {
	{"name", &t_string, SF_REQUIRED},
	/* absent for a client whose source is not published: it is then named by its name, and
	 * its licence must be a LicenseRef- (LicenseRef-Proprietary) */
	{"repository", &t_url, SF_FACT},
	{"licence", &t_spdx, SF_REQUIRED | SF_FACT},
	{"platforms", &t_platforms, SF_FACT},
	{NULL, NULL, 0},
};
static const struct stype t_client = {.kind = ST_MAP, .name = "a client", .fields = client_fields, .sourced = true};
static const char *const repo_key[] = {"repository", "name", NULL};
static const struct stype t_clients = {.kind = ST_LIST, .name = "a list of clients", .item = &t_client, .key_fields = repo_key, .what = "client (named by its repository URL, else its name)"};

static const struct sfield server_fields[] = {
	{"name", &t_string, SF_REQUIRED},
	{"repository", &t_url, SF_FACT}, /* as for clients */
	{"licence", &t_spdx, SF_REQUIRED | SF_FACT},
	{"homeserver", &t_host, SF_FACT},
	{NULL, NULL, 0},
};
static const struct stype t_server = {.kind = ST_MAP, .name = "a server", .fields = server_fields, .sourced = true};
static const struct stype t_servers = {.kind = ST_LIST, .name = "a list of servers", .item = &t_server, .key_fields = repo_key, .what = "server (named by its repository URL, else its name)"};

static const struct sfield network_fields[] = {
	{"type", &t_network_type, SF_FACT},
	{"anonymous-routing", &t_bool, SF_FACT},
	{NULL, NULL, 0},
};
static const struct stype t_network = {.kind = ST_MAP, .name = "the network", .fields = network_fields, .sourced = true};

static const struct sfield ident_fields[] = {
	{"registration", &t_idents, SF_FACT},
	{"shared-with-contacts", &t_bool, SF_FACT},
	{NULL, NULL, 0},
};
static const struct stype t_identifiers = {.kind = ST_MAP, .name = "the identifiers", .fields = ident_fields, .sourced = true};

static const struct sfield e2ee_fields[] = {
	{"private-default", &t_bool, SF_FACT},
	{"all-messages", &t_bool, SF_FACT},
	{"all-default", &t_bool, SF_FACT},
	{"group-calls", &t_bool, SF_FACT},
	{NULL, NULL, 0},
};
static const struct stype t_e2ee = {.kind = ST_MAP, .name = "the E2EE facts", .fields = e2ee_fields, .sourced = true};

static const struct sfield audit_fields[] = {
	{"date", &t_date, SF_REQUIRED | SF_FACT},
	{"auditor", &t_string, SF_REQUIRED | SF_FACT},
	{"scope", &t_string, SF_REQUIRED},
	{"report", &t_url, SF_REQUIRED | SF_FACT},
	{"independent", &t_bool, SF_REQUIRED | SF_FACT},
	{NULL, NULL, 0},
};
static const struct stype t_audit = {.kind = ST_MAP, .name = "an audit", .fields = audit_fields, .sourced = true};
static const char *const audit_key[] = {"report", NULL};
static const struct stype t_audits = {.kind = ST_LIST, .name = "a list of audits", .item = &t_audit, .key_fields = audit_key, .what = "audit (named by its report URL)"};

/* Facts only a probe knows: rules may read them, data may not declare them. */
static const struct sfield release_latest_fields[] = {
	{"version", &t_string, 0},
	{"date", &t_date, 0},
	{NULL, NULL, 0},
};
static const struct stype t_release_latest = {.kind = ST_MAP, .name = "the latest release", .fields = release_latest_fields};
static const struct sfield release_fields[] = {
	{"latest", &t_release_latest, 0},
	{NULL, NULL, 0},
};
static const struct stype t_release = {.kind = ST_MAP, .name = "the release facts", .fields = release_fields};
static const struct sfield repository_fields[] = {
	{"archived", &t_bool, 0},
	{"last-commit", &t_date, 0},
	{NULL, NULL, 0},
};
static const struct stype t_repository = {.kind = ST_MAP, .name = "the repository facts", .fields = repository_fields};
static const struct sfield store_entry_fields[] = {
	{"offered", &t_bool, 0},
	{"version", &t_string, 0},
	{"released", &t_date, 0},
	{NULL, NULL, 0},
};
static const struct stype t_store_entry = {.kind = ST_MAP, .name = "one store's facts", .fields = store_entry_fields};
static const struct stype t_store = {.kind = ST_KEYMAP, .name = "the store facts", .item = &t_store_entry, .keys = &t_channel};
static const struct sfield feed_entry_fields[] = {
	{"version", &t_string, 0},
	{"released", &t_date, 0},
	{NULL, NULL, 0},
};
static const struct stype t_feed_entry = {.kind = ST_MAP, .name = "one platform's update feed facts", .fields = feed_entry_fields};
static const struct stype t_feed_obs = {.kind = ST_KEYMAP, .name = "the update feed facts", .item = &t_feed_entry, .keys = &t_platform};
static const struct sfield federation_fields[] = {
	{"live", &t_bool, 0},
	{"software", &t_string, 0},
	{"software-version", &t_string, 0},
	{"delegation", &t_string, 0},
	{"client-version", &t_string, 0},
	{NULL, NULL, 0},
};
static const struct stype t_federation = {.kind = ST_MAP, .name = "the federation facts", .fields = federation_fields};

/* The messenger left this category's page for another one (a guide's editorial move, not a
 * failed criterion): criteria versions that took effect on or after the date leave it out. */
static const struct sfield moved_fields[] = {
	{"to", &t_id, SF_REQUIRED | SF_FACT},
	{"date", &t_date, SF_REQUIRED | SF_FACT},
	{NULL, NULL, 0},
};
static const struct stype t_moved = {.kind = ST_MAP, .name = "the move to another category", .fields = moved_fields, .sourced = true};

/* The messenger is no longer offered or maintained: from the date on it is never placed. */
static const struct sfield discontinued_fields[] = {
	{"date", &t_date, SF_REQUIRED | SF_FACT},
	{NULL, NULL, 0},
};
static const struct stype t_discontinued = {.kind = ST_MAP, .name = "the discontinuation", .fields = discontinued_fields, .sourced = true};

/* The guide added the messenger to this category's page on a date: criteria versions that took
 * effect before it leave it out (their page is the guide's page as they took effect). */
static const struct sfield added_fields[] = {
	{"date", &t_date, SF_REQUIRED | SF_FACT},
	{NULL, NULL, 0},
};
static const struct stype t_added = {.kind = ST_MAP, .name = "the addition to the page", .fields = added_fields, .sourced = true};

static const struct sfield prose_fields[] = {
	{"summary", &t_text, 0},
	{"setup", &t_text, 0},
	{"notes", &t_text, 0},
	{"donations-title", &t_string, 0},
	{NULL, NULL, 0},
};
static const struct stype t_prose_locale = {.kind = ST_MAP, .name = "the prose of one locale", .fields = prose_fields};
static const struct stype t_prose = {.kind = ST_LOCALES, .name = "a map of locale to prose", .item = &t_prose_locale};

static const struct sfield messenger_fields[] = {
	{"id", &t_id, SF_REQUIRED | SF_NOFACT},
	{"name", &t_string, SF_REQUIRED | SF_NOFACT},
	{"developer", &t_string, SF_FACT},
	{"logo", &t_string, SF_NOFACT},
	{"order", &t_int, SF_NOFACT},
	{"under", &t_id, SF_NOFACT},
	{"links", &t_links, SF_REQUIRED},
	{"downloads", &t_downloads, 0},
	{"clients", &t_clients, 0},
	{"servers", &t_servers, 0},
	{"network", &t_network, 0},
	{"identifiers", &t_identifiers, 0},
	{"e2ee", &t_e2ee, 0},
	{"forward-secrecy", &t_bool, SF_FACT},
	{"post-compromise-security", &t_bool, SF_FACT},
	{"audits", &t_audits, SF_FACT},
	{"update-feeds", &t_feeds, 0},
	{"threats", &t_threats, 0},
	{"added", &t_added, 0},
	{"listed", &t_bool, SF_FACT},
	{"moved", &t_moved, 0},
	{"discontinued", &t_discontinued, 0},
	{"prose", &t_prose, SF_NOFACT},
	{"release", &t_release, SF_OBSERVED},
	{"repository", &t_repository, SF_OBSERVED},
	{"store", &t_store, SF_OBSERVED},
	{"feed", &t_feed_obs, SF_OBSERVED},
	{"federation", &t_federation, SF_OBSERVED},
	{NULL, NULL, 0},
};
const struct stype schema_messenger = {.kind = ST_MAP, .name = "a messenger", .fields = messenger_fields};

/* Criteria files. */
static const struct sfield criterion_fields[] = {
	{"id", &t_id, SF_REQUIRED},
	{"level", &t_level, SF_REQUIRED},
	{"text", &t_localized, SF_REQUIRED},
	{"rule", &t_rule, SF_REQUIRED},
	{"applies", &t_rule, 0},
	{"aliases", &t_ids, 0},
	{NULL, NULL, 0},
};
static const struct stype t_criterion = {.kind = ST_MAP, .name = "a criterion", .fields = criterion_fields};
static const struct stype t_criteria_list = {.kind = ST_LIST, .name = "a list of criteria", .item = &t_criterion};

static const struct sfield footnote_fields[] = {
	{"id", &t_id, SF_REQUIRED},
	{"text", &t_localized, SF_REQUIRED},
	{NULL, NULL, 0},
};
static const struct stype t_footnote = {.kind = ST_MAP, .name = "a footnote", .fields = footnote_fields};
static const struct stype t_footnotes = {.kind = ST_LIST, .name = "a list of footnotes", .item = &t_footnote};

static const struct sfield section_fields[] = {
	{"id", &t_id, SF_REQUIRED},
	{"title", &t_localized, SF_REQUIRED},
	{"intro", &t_localized, 0},
	{"warning", &t_localized, 0},
	{"heading", &t_bool, 0},
	{"admit", &t_rule, SF_REQUIRED},
	{NULL, NULL, 0},
};
static const struct stype t_section = {.kind = ST_MAP, .name = "a section", .fields = section_fields};
static const struct stype t_sections = {.kind = ST_LIST, .name = "a list of sections", .item = &t_section};

/* A note (an admonition) that opens the page's criteria section. */
static const struct sfield note_fields[] = {
	{"kind", &t_admonition, SF_REQUIRED},
	{"title", &t_localized, SF_REQUIRED},
	{"text", &t_localized, SF_REQUIRED},
	{NULL, NULL, 0},
};
static const struct stype t_note = {.kind = ST_MAP, .name = "a criteria note", .fields = note_fields};

static const struct sfield page_fields[] = {
	{"file", &t_string, SF_REQUIRED},
	{"icon", &t_string, 0},
	{"cover", &t_string, 0},
	{"threats", &t_threats, 0},
	{"meta-title", &t_localized, 0},
	{"description", &t_localized, 0},
	{"intro", &t_localized, 0},
	{"network-types-button", &t_bool, 0},
	{"minimum-heading", &t_bool, 0},
	{"criteria-note", &t_note, 0},
	{NULL, NULL, 0},
};
static const struct stype t_page = {.kind = ST_MAP, .name = "the page settings", .fields = page_fields};

/* When a version's criteria took effect upstream, and the page (a commit) that shows it. */
static const struct sfield effective_fields[] = {
	{"date", &t_date, SF_REQUIRED},
	{"source", &t_url, SF_REQUIRED},
	{NULL, NULL, 0},
};
static const struct stype t_effective = {.kind = ST_MAP, .name = "the date the criteria took effect", .fields = effective_fields};
static const struct stype t_versions = {.kind = ST_LIST, .name = "a list of versions", .item = &t_version};

static const struct sfield criteria_fields[] = {
	{"category", &t_id, SF_REQUIRED},
	{"version", &t_version, SF_REQUIRED},
	{"effective", &t_effective, 0},
	{"formerly", &t_versions, 0},
	{"name-once-meant", &t_version, 0},
	{"title", &t_localized, SF_REQUIRED},
	{"criteria", &t_criteria_list, SF_REQUIRED},
	{"footnotes", &t_footnotes, 0},
	{"sections", &t_sections, SF_REQUIRED},
	{"page", &t_page, 0},
	{"max-age", &t_int, 0},
	{"max-inactivity", &t_int, 0},
	{NULL, NULL, 0},
};
const struct stype schema_criteria = {.kind = ST_MAP, .name = "a criteria file", .fields = criteria_fields};

bool locale_valid(const char *s)
{
	if (!islower((unsigned char)s[0]) || !islower((unsigned char)s[1]))
		return false;
	if (s[2] == '\0')
		return true;
	return s[2] == '-' && isupper((unsigned char)s[3]) && isupper((unsigned char)s[4]) &&
	       s[5] == '\0';
}

const struct sfield *schema_field(const struct stype *t, const char *key)
{
	if (!t || t->kind != ST_MAP)
		return NULL;
	for (const struct sfield *f = t->fields; f->key; f++)
		if (f->key[0] == key[0] && strcmp(f->key, key) == 0) /* most differ at once */
			return f;
	return NULL;
}

const struct stype *schema_child(const struct stype *t, const char *key, unsigned *flags)
{
	if (flags)
		*flags = 0;
	if (t && t->kind == ST_KEYMAP)
		return schema_enum_index(t->keys->values, key) >= 0 ? t->item : NULL;
	const struct sfield *f = schema_field(t, key);
	if (!f)
		return NULL;
	if (flags)
		*flags = f->flags;
	return f->type;
}

static const struct {
	const char *name;
	const char *const *values;
} registries[] = {
	{"platform", platform_values},
	{"channel", channel_values},
	{"network", network_values},
	{"identifier", ident_values},
	{"threat", threat_values},
	{"level", level_values},
};

const char *const *schema_enum(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(registries); i++)
		if (strcmp(registries[i].name, name) == 0)
			return registries[i].values;
	return NULL;
}

int schema_enum_index(const char *const *values, const char *v)
{
	for (int i = 0; values && values[i]; i++)
		if (values[i][0] == v[0] && strcmp(values[i], v) == 0) /* most differ at once */
			return i;
	return -1;
}

static bool id_valid(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 64 || s[0] == '-')
		return false;
	for (; *s; s++)
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) && *s != '-')
			return false;
	return true;
}

static bool url_valid(const char *s)
{
	if (strncmp(s, "https://", 8) != 0)
		return false;
	const char *host = s + 8;
	size_t hl = strcspn(host, "/?#");
	if (hl == 0)
		return false;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == '"' || *p == '<' || *p == '>' || *p == '\\' ||
		    (unsigned char)*p == 0x7f)
			return false;
	for (size_t i = 0; i < hl; i++) {
		char c = host[i];
		if (!isalnum((unsigned char)c) && c != '.' && c != '-' && c != ':')
			return false;
	}
	return true;
}

static bool version_valid(const char *s)
{
	if (strlen(s) != 7 || s[4] != '-')
		return false;
	for (int i = 0; i < 7; i++)
		if (i != 4 && !isdigit((unsigned char)s[i]))
			return false;
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	return m >= 1 && m <= 12;
}


/* Why s is not an https URL, for the message ("" when the scheme is wrong: the message shows
 * the value, which says enough). */
/* A DNS host name in lower case: labels of 1 to 63 of [a-z0-9-], not starting or ending with
 * '-', joined by single dots; at most 253 characters. */
bool host_valid(const char *s)
{
	size_t len = strlen(s), label = 0;
	if (len == 0 || len > 253)
		return false;
	for (size_t i = 0; i <= len; i++) {
		char c = s[i];
		if (c == '.' || c == '\0') {
			if (label == 0 || label > 63 || s[i - 1] == '-' || s[i - label] == '-')
				return false;
			label = 0;
		} else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') {
			label++;
		} else {
			return false;
		}
	}
	return true;
}

static const char *url_problem(const char *s)
{
	if (strncmp(s, "https://", 8) != 0)
		return "";
	const char *host = s + 8;
	size_t hl = strcspn(host, "/?#");
	if (hl == 0)
		return " (it has no host)";
	for (const char *p = s; *p; p++) {
		if (*p == ' ')
			return " (it contains a space: write it as %20)";
		if ((unsigned char)*p < ' ' || *p == '"' || *p == '<' || *p == '>' || *p == '\\' ||
		    (unsigned char)*p == 0x7f)
			return " (it contains a character that URLs must percent-encode)";
	}
	return " (the host may only hold letters, digits, '.', '-' and a ':port')";
}

/* Why s is not a date, for the message. */
static const char *date_problem(const char *s, char *out, size_t outlen)
{
	static const char *const months[] = {"January", "February", "March", "April", "May",
		"June", "July", "August", "September", "October", "November", "December"};
	size_t n = strlen(s);
	bool shape = n == 10;
	for (size_t i = 0; shape && i < 10; i++)
		shape = (i == 4 || i == 7) ? s[i] == '-' : isdigit((unsigned char)s[i]) != 0;
	if (!shape) {
		/* YYYY-M-D: offer the padded form */
		size_t ly = strspn(s, "0123456789"), lm = 0, ld = 0;
		if (ly == 4 && s[4] == '-') {
			lm = strspn(s + 5, "0123456789");
			if (lm >= 1 && lm <= 2 && s[5 + lm] == '-') {
				ld = strspn(s + 6 + lm, "0123456789");
				if (ld < 1 || ld > 2 || s[6 + lm + ld] != '\0')
					ld = 0;
			}
		}
		if (ld)
			snprintf(out, outlen, " (write the month and day with two digits: %.4s-%02d-%02d)",
				 s, atoi(s + 5), atoi(s + 6 + lm));
		else
			out[0] = '\0';
		return out;
	}
	int y = atoi(s), m = atoi(s + 5), dd = atoi(s + 8);
	if (y < 1970)
		snprintf(out, outlen, " (dates before 1970 are not accepted)");
	else if (m < 1 || m > 12)
		snprintf(out, outlen, " (there is no month %02d)", m);
	else if (dd < 1)
		snprintf(out, outlen, " (there is no day 00)");
	else {
		static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
		int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
		snprintf(out, outlen, " (%s %d has %d days)", months[m - 1], y,
			 mdays[m - 1] + (m == 2 && leap));
	}
	return out;
}

/* Show a scalar in a message: at most 40 characters. */
static const char *shown(const char *s, char tmp[64])
{
	size_t n = strlen(s);
	if (n <= 40) {
		snprintf(tmp, 64, "%s", s);
	} else {
		n = 37; /* cut at a character boundary */
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
		snprintf(tmp, 64, "%.*s...", (int)n, s);
	}
	for (char *p = tmp; *p; p++)
		if ((unsigned char)*p < ' ')
			*p = ' ';
	return tmp;
}

static void list_values(struct buf *b, const char *const *v)
{
	for (size_t i = 0; v[i]; i++) {
		if (i)
			buf_adds(b, ", ");
		buf_adds(b, v[i]);
	}
}

/* Markdown from data is pasted into pages whose blocks and attribute lists the templates own:
 * mdcheck() parses it and refuses markup (see mdcheck.h). The problem's line is exact in a
 * literal block scalar (|), whose line k is the file's line n->line + k. */
static int check_markdown(const struct stype *t, const struct node *n, struct diag *d)
{
	struct md_problem p;
	if (mdcheck(n->str, strlen(n->str), t->values, &p) == 0)
		return 0;
	if (n->literal)
		diag_add(d, n->file, n->line + p.line, 1, "%s", p.msg);
	else if (p.line > 1)
		diag_at(d, n, "%s (on line %u of this text)", p.msg, p.line);
	else
		diag_at(d, n, "%s", p.msg);
	return -1;
}

/* The first bidirectional override or isolate (U+202A-U+202E, U+2066-U+2069) in s, or 0:
 * they make a name, id or URL read differently from what it is. */
static unsigned bidi_control(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)strchr(s, '\xE2'); p;
	     p = (const unsigned char *)strchr((const char *)p + 1, '\xE2')) {
		if (!p[1] || !p[2])
			continue;
		unsigned cp = ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
		if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
			return cp;
	}
	return 0;
}

int schema_check_scalar(const struct stype *t, const struct node *n, struct diag *d)
{
	char tmp[64];
	if (n->type != NODE_SCALAR) {
		diag_at(d, n, "expected %s, found %s", t->name, node_type_name(n));
		return -1;
	}
	const char *s = n->str;
	if (!*s) {
		diag_at(d, n, "expected %s, found %s", t->name,
			t->kind == ST_STRING || t->kind == ST_TEXT || !n->plain ? "an empty string"
										   : "an empty value");
		return -1;
	}
	unsigned bidi = t->kind == ST_STRING || t->kind == ST_URL ? bidi_control(s) : 0;
	if (bidi) {
		diag_at(d, n, "the bidirectional control character U+%04X is not allowed in %s (it makes the text read differently from what it is): remove it",
			bidi, t->name);
		return -1;
	}
	switch (t->kind) {
	case ST_STRING:
		return 0;
	case ST_TEXT:
		return check_markdown(t, n, d);
	case ST_ID:
		if (id_valid(s))
			return 0;
		break;
	case ST_BOOL:
		if (strcmp(s, "true") == 0 || strcmp(s, "false") == 0) {
			if (n->plain)
				return 0;
			diag_at(d, n, "expected %s, found the quoted string '%s' (write it without quotes)",
				t->name, s);
			return -1;
		}
		break;
	case ST_INT: {
		const char *p = s + (*s == '-');
		if (*p && strspn(p, "0123456789") == strlen(p)) {
			if (strlen(p) > 9) {
				diag_at(d, n, "expected %s, found '%s' (at most 9 digits)", t->name,
					shown(s, tmp));
				return -1;
			}
			if (n->plain)
				return 0;
			diag_at(d, n, "expected %s, found the quoted string '%s' (write it without quotes)",
				t->name, shown(s, tmp));
			return -1;
		}
		break;
	}
	case ST_DATE: {
		long days;
		if (date_parse(s, &days) == 0) {
			if (n->plain)
				return 0;
			diag_at(d, n, "expected %s, found the quoted string '%s' (write it without quotes)",
				t->name, s);
			return -1;
		}
		char why[96];
		diag_at(d, n, "expected %s, found '%s'%s", t->name, shown(s, tmp),
			date_problem(s, why, sizeof(why)));
		return -1;
	}
	case ST_URL:
		if (url_valid(s))
			return 0;
		diag_at(d, n, "expected %s, found '%s'%s", t->name, shown(s, tmp), url_problem(s));
		return -1;
	case ST_VERSION:
		if (version_valid(s))
			return 0;
		break;
	case ST_HOST:
		if (host_valid(s))
			return 0;
		break;
	case ST_SPDX: {
		char err[160], warn[200];
		if (spdx_check(s, err, sizeof(err), warn, sizeof(warn)) == 0) {
			if (*warn)
				diag_warn_at(d, n, "%s", warn);
			return 0;
		}
		diag_at(d, n, "expected %s, found '%s': %s", t->name, shown(s, tmp), err);
		return -1;
	}
	case ST_ENUM: {
		for (size_t i = 0; t->values[i]; i++)
			if (strcmp(t->values[i], s) == 0)
				return 0;
		struct buf b = BUF_INIT;
		list_values(&b, t->values);
		size_t nv = 0;
		while (t->values[nv])
			nv++;
		const char *near = suggest(s, (const char *const *)t->values, nv);
		if (near)
			diag_at(d, n, "expected %s (one of: %s), found '%s' (did you mean '%s'?)",
				t->name, b.s, shown(s, tmp), near);
		else
			diag_at(d, n, "expected %s (one of: %s), found '%s'", t->name, b.s,
				shown(s, tmp));
		buf_release(&b);
		return -1;
	}
	default:
		diag_at(d, n, "expected %s, found a scalar", t->name);
		return -1;
	}
	diag_at(d, n, "expected %s, found '%s'", t->name, shown(s, tmp));
	return -1;
}

static size_t validate(struct arena *a, struct node *n, const struct stype *t, struct diag *d,
		       const char *where);

/* Lists are sets: their order in a file means nothing to a rule, so every list is put in one
 * canonical order here, once, and reordering a data file changes no verdict, no evidence and no
 * output (the page's download order, which is the guide's, comes from line numbers). Items of
 * keyed lists get their stable key; two items with the same key are an error. */
static int cmp_keyed(const void *pa, const void *pb)
{
	const struct node *a = *(const struct node *const *)pa, *b = *(const struct node *const *)pb;
	int c = strcmp(a->key, b->key);
	return c ? c : (a->line > b->line) - (a->line < b->line);
}

static int enum_rank(const struct stype *t, const char *v)
{
	int i = schema_enum_index(t->values, v);
	return i < 0 ? INT_MAX : i;
}

static void sort_enum_list(struct node *n, const struct stype *item)
{
	/* insertion sort by registry position: these lists hold a handful of values */
	for (uint32_t i = 1; i < n->n; i++) {
		struct node *x = n->kids[i];
		int rx = enum_rank(item, x->str);
		uint32_t j = i;
		while (j > 0 && enum_rank(item, n->kids[j - 1]->str) > rx) {
			n->kids[j] = n->kids[j - 1];
			j--;
		}
		n->kids[j] = x;
	}
}

static size_t canonical_order(struct arena *a, struct node *n, const struct stype *t, struct diag *d)
{
	if (t->item->kind == ST_ENUM) {
		sort_enum_list(n, t->item);
		return 0;
	}
	if (!t->key_fields)
		return 0;
	size_t errs = 0;
	struct buf k = BUF_INIT;
	for (uint32_t i = 0; i < n->n; i++) {
		struct node *item = n->kids[i];
		buf_reset(&k);
		for (size_t f = 0; t->key_fields[f]; f++) {
			const char *v = node_str(item, t->key_fields[f]);
			if (!v)
				continue;
			if (k.len)
				buf_addc(&k, '/');
			buf_adds(&k, v);
			if (t->key_mode == KEY_FIRST)
				break;
		}
		if (strpbrk(k.s, "[]")) {
			char tmp[64];
			diag_at(d, item, "this %s has the key '%s', which holds '[' or ']': percent-encode them (%%5B, %%5D)",
				t->what, shown(k.s, tmp));
			errs++;
		}
		item->key = arena_strdup(a, k.s);
	}
	buf_release(&k);
	if (errs || n->n < 2)
		return errs;
	struct node **sorted = xcalloc(n->n, sizeof(*sorted));
	memcpy(sorted, n->kids, n->n * sizeof(*sorted));
	qsort(sorted, n->n, sizeof(*sorted), cmp_keyed);
	for (uint32_t i = 1; i < n->n; i++)
		if (strcmp(sorted[i]->key, sorted[i - 1]->key) == 0) {
			char tmp[64];
			diag_at(d, sorted[i], "a second %s with the key '%s' (line %u has it already): each must be unique",
				t->what, shown(sorted[i]->key, tmp), sorted[i - 1]->line);
			errs++;
		}
	if (!errs)
		memcpy(n->kids, sorted, n->n * sizeof(*sorted));
	free(sorted);
	return errs;
}

/* A {source, checked} pair on a fact or a sourced map. */
static size_t check_meta(struct arena *a, struct node *map, struct node *src, struct node *chk,
			 struct node *note, const char *fact, struct diag *d,
			 const struct fact_meta **out)
{
	size_t errs = 0;
	if (fact && !src && !chk) {
		diag_at(d, map, "fact is missing 'source' (an https URL) and 'checked' (the date it was checked, YYYY-MM-DD) in '%s'",
			fact);
		errs++;
	} else if (fact && !src) {
		diag_at(d, map, "fact is missing 'source' (an https URL) in '%s'", fact);
		errs++;
	} else if (fact && !chk) {
		diag_at(d, map, "fact is missing 'checked' (the date it was checked, YYYY-MM-DD) in '%s'",
			fact);
		errs++;
	}
	if (src && schema_check_scalar(&t_url, src, d) < 0)
		errs++;
	if (chk && schema_check_scalar(&t_date, chk, d) < 0)
		errs++;
	if (note && schema_check_scalar(&t_string, note, d) < 0)
		errs++;
	if (!errs && (src || chk)) {
		struct fact_meta *m = arena_alloc(a, sizeof(*m));
		m->source = src ? src->str : NULL;
		m->checked = chk ? chk->str : NULL;
		m->note = note ? note->str : NULL;
		*out = m;
	}
	return errs;
}

static size_t validate_map(struct arena *a, struct node *n, const struct stype *t, struct diag *d,
			   const char *where)
{
	size_t errs = 0;
	struct node *src = NULL, *chk = NULL;
	for (uint32_t i = 0; i < n->n; i++) {
		const char *key = node_keys(n)[i];
		struct node *v = n->kids[i];
		if (t->sourced && strcmp(key, "source") == 0) {
			src = v;
			continue;
		}
		if (t->sourced && strcmp(key, "checked") == 0) {
			chk = v;
			continue;
		}
		const struct sfield *f = schema_field(t, key);
		if (!f) {
			const char *cand[64];
			size_t nc = 0;
			struct buf b = BUF_INIT;
			for (const struct sfield *g = t->fields; g->key && nc < 64; g++) {
				if (g->flags & SF_OBSERVED)
					continue; /* probes fill them; data may not */
				cand[nc++] = g->key;
				if (b.len)
					buf_adds(&b, ", ");
				buf_adds(&b, g->key);
			}
			if (t->sourced)
				buf_adds(&b, ", source, checked");
			const char *near = suggest(key, cand, nc);
			char tmp[64];
			if (near)
				diag_at(d, v, "unknown key '%s' in %s (did you mean '%s'?)", shown(key, tmp),
					t->name, near);
			else
				diag_at(d, v, "unknown key '%s' in %s (expected one of: %s)",
					shown(key, tmp), t->name, b.s);
			buf_release(&b);
			errs++;
			continue;
		}
		if (f->flags & SF_OBSERVED) {
			diag_at(d, v, "'%s' is observed by probes, not declared in data: remove it (the facts below it come from 'msgvet probe')",
				key);
			errs++;
			continue;
		}
		if ((f->flags & SF_FACT) && v->type == NODE_MAP && node_get(v, "value")) {
			/* {value, source, checked} */
			struct node *fsrc = NULL, *fchk = NULL, *fnote = NULL, *val = NULL;
			size_t ferrs = 0;
			for (uint32_t j = 0; j < v->n; j++) {
				const char *k = node_keys(v)[j];
				if (strcmp(k, "value") == 0)
					val = v->kids[j];
				else if (strcmp(k, "source") == 0)
					fsrc = v->kids[j];
				else if (strcmp(k, "checked") == 0)
					fchk = v->kids[j];
				else if (strcmp(k, "note") == 0)
					fnote = v->kids[j];
				else {
					char tmp[64];
					diag_at(d, v->kids[j],
						"unknown key '%s' in the fact '%s' (expected value, source, checked, note)",
						shown(k, tmp), f->key);
					ferrs++;
				}
			}
			const struct fact_meta *meta = NULL;
			ferrs += check_meta(a, v, fsrc, fchk, fnote, f->key, d, &meta);
			ferrs += validate(a, val, f->type, d, f->key);
			if (!ferrs) {
				val->meta = meta;
				n->kids[i] = val;
			}
			errs += ferrs;
			continue;
		}
		if ((f->flags & SF_FACT) && v->type == NODE_MAP) {
			diag_at(d, v, "expected %s or {value, source, checked} for the fact '%s', found a mapping without 'value'",
				f->type->name, f->key);
			errs++;
			continue;
		}
		errs += validate(a, v, f->type, d, f->key);
	}
	if (src || chk) {
		const struct fact_meta *meta = NULL;
		errs += check_meta(a, n, src, chk, NULL, NULL, d, &meta);
		n->meta = meta;
		/* the pair is metadata now, not facts: drop it from the map */
		uint32_t k = 0;
		const char **keys = node_keys(n);
		for (uint32_t i = 0; i < n->n; i++) {
			if (n->kids[i] == src || n->kids[i] == chk)
				continue;
			keys[k] = keys[i];
			n->kids[k] = n->kids[i];
			k++;
		}
		n->n = k;
		memmove(node_keys(n), keys, k * sizeof(*keys)); /* the keys follow the kids */
	}
	for (const struct sfield *f = t->fields; f->key; f++) {
		if ((f->flags & SF_REQUIRED) && !node_get(n, f->key)) {
			if (where)
				diag_at(d, n, "missing required key '%s' in '%s'", f->key, where);
			else
				diag_at(d, n, "missing required key '%s' in %s", f->key, t->name);
			errs++;
		}
	}
	return errs;
}

static size_t validate(struct arena *a, struct node *n, const struct stype *t, struct diag *d,
		       const char *where)
{
	size_t errs = 0;
	switch (t->kind) {
	case ST_MAP:
		if (n->type != NODE_MAP) {
			diag_at(d, n, "expected %s (a mapping), found %s", t->name, node_type_name(n));
			return 1;
		}
		return validate_map(a, n, t, d, where);
	case ST_LIST:
		if (n->type != NODE_SEQ) {
			diag_at(d, n, "expected %s, found %s", t->name, node_type_name(n));
			return 1;
		}
		for (uint32_t i = 0; i < n->n; i++)
			errs += validate(a, n->kids[i], t->item, d, NULL);
		if (t->item->kind == ST_ENUM) {
			for (uint32_t i = 0; i < n->n; i++)
				for (uint32_t j = 0; j < i; j++)
					if (n->kids[i]->str && n->kids[j]->str &&
					    strcmp(n->kids[i]->str, n->kids[j]->str) == 0) {
						diag_at(d, n->kids[i], "'%s' is listed twice",
							n->kids[i]->str);
						errs++;
						break;
					}
		}
		if (!errs)
			errs += canonical_order(a, n, t, d);
		return errs;
	case ST_LOCALIZED:
	case ST_LOCALES:
		if (n->type != NODE_MAP) {
			diag_at(d, n, "expected %s, found %s", t->name, node_type_name(n));
			return 1;
		}
		for (uint32_t i = 0; i < n->n; i++) {
			char tmp[64];
			if (!locale_valid(node_keys(n)[i])) {
				char fix[8] = "";
				const char *k = node_keys(n)[i];
				size_t kl = strlen(k);
				if (kl == 2 || (kl == 5 && (k[2] == '-' || k[2] == '_'))) {
					fix[0] = (char)tolower((unsigned char)k[0]);
					fix[1] = (char)tolower((unsigned char)k[1]);
					if (kl == 5) {
						fix[2] = '-';
						fix[3] = (char)toupper((unsigned char)k[3]);
						fix[4] = (char)toupper((unsigned char)k[4]);
					}
					fix[kl] = '\0';
					if (!locale_valid(fix))
						fix[0] = '\0';
				}
				if (fix[0])
					diag_at(d, n->kids[i], "'%s' is not a locale (expected ll or ll-CC, e.g. en, fr, pt-BR; did you mean '%s'?)",
						shown(k, tmp), fix);
				else
					diag_at(d, n->kids[i], "'%s' is not a locale (expected ll or ll-CC, e.g. en, fr, pt-BR)",
						shown(k, tmp));
				errs++;
				continue;
			}
			if (t->kind == ST_LOCALIZED)
				errs += schema_check_scalar(&t_text, n->kids[i], d) < 0;
			else
				errs += validate(a, n->kids[i], t->item, d, NULL);
		}
		if (!node_get(n, "en")) {
			diag_at(d, n, "missing the English text 'en' (the source locale)");
			errs++;
		}
		return errs;
	case ST_RULE:
		if (n->type != NODE_MAP) {
			diag_at(d, n, "expected a rule (a mapping such as {is: forward-secrecy}), found %s",
				node_type_name(n));
			return 1;
		}
		return 0;
	default:
		return schema_check_scalar(t, n, d) < 0;
	}
}

size_t schema_validate(struct arena *a, struct node *tree, const struct stype *type, struct diag *d)
{
	return validate(a, tree, type, d, NULL);
}
