/* test_mustache.c - Mustache renderer: the spec's rules for interpolation, sections,
 * inverted sections, comments, partials, set delimiters and standalone whitespace, plus
 * errors, caching and hostile input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <cjson/cJSON.h>

#include "buf.h"
#include "mustache.h"
#include "util.h"

#define MAX_PARTIALS 8

struct tcase {
	const char *name;
	const char *tmpl;
	const char *data; /* JSON */
	const char *partials[2 * MAX_PARTIALS + 1]; /* name, source, ..., NULL */
	const char *expected;
};

struct loader {
	const char *const *partials;
	unsigned calls;
	const char *fail_msg; /* non-NULL: every load fails with this message */
	const char *fail_file;
};

static int load_partial(void *ctx, const char *name, char **src, size_t *len,
			struct mustache_error *err)
{
	struct loader *l = ctx;

	l->calls++;
	if (l->fail_msg) {
		snprintf(err->msg, sizeof(err->msg), "%s", l->fail_msg);
		if (l->fail_file) {
			err->file = l->fail_file;
			err->line = 7;
			err->col = 9;
		}
		return -1;
	}
	for (size_t i = 0; l->partials && l->partials[i]; i += 2) {
		if (strcmp(l->partials[i], name) == 0) {
			*src = xstrdup(l->partials[i + 1]);
			*len = strlen(*src);
			return 0;
		}
	}
	return 1;
}

/* Parse and render tmpl with data (JSON text) and partials; returns the output (malloc'ed)
 * or NULL with err filled. err->file is copied into file (it may point into the template,
 * which is freed here). */
static char *render(const char *tmpl, const char *data, const char *const *partials,
		    mustache_escape_fn esc, struct mustache_error *err, char (*file)[64])
{
	struct loader l = { partials, 0, NULL, NULL };
	struct buf out = BUF_INIT;
	cJSON *json = NULL;
	char *res = NULL;
	struct mustache *t = mustache_parse(tmpl, strlen(tmpl), "test.mustache", err);

	if (!t)
		goto out;
	json = cJSON_Parse(data ? data : "{}");
	assert_non_null(json);
	if (mustache_render(t, json, load_partial, &l, esc, &out, err) == 0)
		res = buf_detach(&out, NULL);
out:
	if (!res) {
		snprintf(*file, sizeof(*file), "%s", err->file ? err->file : "(null)");
		err->file = *file;
	}
	buf_release(&out);
	cJSON_Delete(json);
	mustache_free(t);
	return res;
}

static void run_case(void **state)
{
	const struct tcase *c = *state;
	struct mustache_error err;
	char file[64];
	char *got = render(c->tmpl, c->data, c->partials, NULL, &err, &file);

	if (!got)
		fail_msg("%s: %s:%u:%u: %s", c->name, err.file, err.line, err.col, err.msg);
	assert_string_equal(got, c->expected);
	free(got);
}

static struct tcase cases[] = {
	/* ---- interpolation */
	{ "interp: no tags", "Hello from {Mustache}!\n", "{}", { NULL },
	  "Hello from {Mustache}!\n" },
	{ "interp: basic", "Hello, {{subject}}!\n", "{\"subject\":\"world\"}", { NULL },
	  "Hello, world!\n" },
	{ "interp: no re-interpolation", "{{template}}: {{planet}}",
	  "{\"template\":\"{{planet}}\",\"planet\":\"Earth\"}", { NULL }, "{{planet}}: Earth" },
	{ "interp: HTML escaping", "escaped: {{forbidden}}",
	  "{\"forbidden\":\"& \\\" < > '\"}", { NULL }, "escaped: &amp; &quot; &lt; &gt; &#39;" },
	{ "interp: triple mustache", "raw: {{{forbidden}}}",
	  "{\"forbidden\":\"& \\\" < >\"}", { NULL }, "raw: & \" < >" },
	{ "interp: ampersand", "raw: {{&forbidden}}", "{\"forbidden\":\"& \\\" < >\"}",
	  { NULL }, "raw: & \" < >" },
	{ "interp: integer", "\"{{mph}} miles an hour!\"", "{\"mph\":85}", { NULL },
	  "\"85 miles an hour!\"" },
	{ "interp: triple integer", "\"{{{mph}}} miles an hour!\"", "{\"mph\":85}", { NULL },
	  "\"85 miles an hour!\"" },
	{ "interp: ampersand integer", "\"{{&mph}} miles an hour!\"", "{\"mph\":85}", { NULL },
	  "\"85 miles an hour!\"" },
	{ "interp: decimal", "\"{{power}} jiggawatts!\"", "{\"power\":1.210}", { NULL },
	  "\"1.21 jiggawatts!\"" },
	{ "interp: triple decimal", "\"{{{power}}} jiggawatts!\"", "{\"power\":1.210}",
	  { NULL }, "\"1.21 jiggawatts!\"" },
	{ "interp: ampersand decimal", "\"{{&power}} jiggawatts!\"", "{\"power\":1.210}",
	  { NULL }, "\"1.21 jiggawatts!\"" },
	{ "interp: null", "I ({{cannot}}) be seen!", "{\"cannot\":null}", { NULL },
	  "I () be seen!" },
	{ "interp: triple null", "I ({{{cannot}}}) be seen!", "{\"cannot\":null}", { NULL },
	  "I () be seen!" },
	{ "interp: ampersand null", "I ({{&cannot}}) be seen!", "{\"cannot\":null}", { NULL },
	  "I () be seen!" },
	{ "interp: context miss", "I ({{cannot}}) be seen!", "{}", { NULL }, "I () be seen!" },
	{ "interp: triple context miss", "I ({{{cannot}}}) be seen!", "{}", { NULL },
	  "I () be seen!" },
	{ "interp: ampersand context miss", "I ({{&cannot}}) be seen!", "{}", { NULL },
	  "I () be seen!" },
	{ "interp: dotted basic", "\"{{person.name}}\" == \"{{#person}}{{name}}{{/person}}\"",
	  "{\"person\":{\"name\":\"Joe\"}}", { NULL }, "\"Joe\" == \"Joe\"" },
	{ "interp: dotted triple",
	  "\"{{{person.name}}}\" == \"{{#person}}{{{name}}}{{/person}}\"",
	  "{\"person\":{\"name\":\"Joe\"}}", { NULL }, "\"Joe\" == \"Joe\"" },
	{ "interp: dotted ampersand",
	  "\"{{&person.name}}\" == \"{{#person}}{{&name}}{{/person}}\"",
	  "{\"person\":{\"name\":\"Joe\"}}", { NULL }, "\"Joe\" == \"Joe\"" },
	{ "interp: dotted arbitrary depth", "\"{{a.b.c.d.e.name}}\" == \"Phil\"",
	  "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"name\":\"Phil\"}}}}}}", { NULL },
	  "\"Phil\" == \"Phil\"" },
	{ "interp: dotted broken chain", "\"{{a.b.c}}\" == \"\"", "{\"a\":{}}", { NULL },
	  "\"\" == \"\"" },
	{ "interp: dotted broken chain resolution", "\"{{a.b.c.name}}\" == \"\"",
	  "{\"a\":{\"b\":{}},\"c\":{\"name\":\"Jim\"}}", { NULL }, "\"\" == \"\"" },
	{ "interp: dotted initial resolution", "\"{{#a}}{{b.c.d.e.name}}{{/a}}\" == \"Phil\"",
	  "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"name\":\"Phil\"}}}}},"
	  "\"b\":{\"c\":{\"d\":{\"e\":{\"name\":\"Wrong\"}}}}}", { NULL },
	  "\"Phil\" == \"Phil\"" },
	{ "interp: dotted context precedence", "{{#a}}{{b.c}}{{/a}}",
	  "{\"a\":{\"b\":{}},\"b\":{\"c\":\"ERROR\"}}", { NULL }, "" },
	{ "interp: dotted names are never single keys", "{{a.b}}", "{\"a.b\":\"c\"}", { NULL },
	  "" },
	{ "interp: dotted no masking", "{{a.b}}", "{\"a.b\":\"c\",\"a\":{\"b\":\"d\"}}",
	  { NULL }, "d" },
	{ "interp: implicit iterator string", "Hello, {{.}}!\n", "\"world\"", { NULL },
	  "Hello, world!\n" },
	{ "interp: implicit iterator escaping", "{{.}}", "\"& \\\" < >\"", { NULL },
	  "&amp; &quot; &lt; &gt;" },
	{ "interp: implicit iterator triple", "{{{.}}}", "\"& \\\" < >\"", { NULL },
	  "& \" < >" },
	{ "interp: implicit iterator ampersand", "{{&.}}", "\"& \\\" < >\"", { NULL },
	  "& \" < >" },
	{ "interp: implicit iterator integer", "\"{{.}} miles an hour!\"", "85", { NULL },
	  "\"85 miles an hour!\"" },
	{ "interp: surrounding whitespace", "| {{string}} |", "{\"string\":\"---\"}", { NULL },
	  "| --- |" },
	{ "interp: triple surrounding whitespace", "| {{{string}}} |", "{\"string\":\"---\"}",
	  { NULL }, "| --- |" },
	{ "interp: ampersand surrounding whitespace", "| {{&string}} |",
	  "{\"string\":\"---\"}", { NULL }, "| --- |" },
	{ "interp: never standalone", "  {{string}}\n", "{\"string\":\"---\"}", { NULL },
	  "  ---\n" },
	{ "interp: triple never standalone", "  {{{string}}}\n", "{\"string\":\"---\"}",
	  { NULL }, "  ---\n" },
	{ "interp: ampersand never standalone", "  {{&string}}\n", "{\"string\":\"---\"}",
	  { NULL }, "  ---\n" },
	{ "interp: empty value never standalone", "a\n  {{nothing}}\nb", "{}", { NULL },
	  "a\n  \nb" },
	{ "interp: padding", "|{{ string }}|", "{\"string\":\"---\"}", { NULL }, "|---|" },
	{ "interp: triple padding", "|{{{ string }}}|", "{\"string\":\"---\"}", { NULL },
	  "|---|" },
	{ "interp: ampersand padding", "|{{& string }}|", "{\"string\":\"---\"}", { NULL },
	  "|---|" },
	{ "interp: booleans", "{{t}} {{f}}", "{\"t\":true,\"f\":false}", { NULL },
	  "true false" },
	{ "interp: numbers", "{{a}} {{b}} {{c}} {{d}} {{e}} {{f}} {{g}} {{h}}",
	  "{\"a\":-7,\"b\":1e3,\"c\":0.1,\"d\":1e21,\"e\":-0.0,\"f\":123456789012345,"
	  "\"g\":2.5e-7,\"h\":0.30000000000000004}", { NULL },
	  "-7 1000 0.1 1e+21 0 123456789012345 2.5e-07 0.30000000000000004" },
	{ "interp: object as escaped JSON", "{{o}}|{{{o}}}", "{\"o\":{\"a\":[1,\"x\"]}}",
	  { NULL }, "{&quot;a&quot;:[1,&quot;x&quot;]}|{\"a\":[1,\"x\"]}" },
	{ "interp: UTF-8 passes through", "{{s}} – ok", "{\"s\":\"h\\u00e9llo\"}", { NULL },
	  "h\xc3\xa9llo – ok" },

	/* ---- sections */
	{ "section: truthy", "\"{{#boolean}}This should be rendered.{{/boolean}}\"",
	  "{\"boolean\":true}", { NULL }, "\"This should be rendered.\"" },
	{ "section: falsey", "\"{{#boolean}}This should not be rendered.{{/boolean}}\"",
	  "{\"boolean\":false}", { NULL }, "\"\"" },
	{ "section: null is falsey", "\"{{#null}}This should not be rendered.{{/null}}\"",
	  "{\"null\":null}", { NULL }, "\"\"" },
	{ "section: context", "\"{{#context}}Hi {{name}}.{{/context}}\"",
	  "{\"context\":{\"name\":\"Joe\"}}", { NULL }, "\"Hi Joe.\"" },
	{ "section: parent contexts", "\"{{#sec}}{{a}}, {{b}}, {{c.d}}{{/sec}}\"",
	  "{\"a\":\"foo\",\"b\":\"wrong\",\"sec\":{\"b\":\"bar\"},\"c\":{\"d\":\"baz\"}}",
	  { NULL }, "\"foo, bar, baz\"" },
	{ "section: variable test", "\"{{#foo}}{{.}} is {{foo}}{{/foo}}\"",
	  "{\"foo\":\"bar\"}", { NULL }, "\"bar is bar\"" },
	{ "section: list contexts",
	  "{{#tops}}{{#middles}}{{tname.lower}}{{mname}}.{{#bottoms}}{{tname.upper}}"
	  "{{mname}}{{bname}}.{{/bottoms}}{{/middles}}{{/tops}}",
	  "{\"tops\":[{\"tname\":{\"upper\":\"A\",\"lower\":\"a\"},\"middles\":[{\"mname\":\"1\","
	  "\"bottoms\":[{\"bname\":\"x\"},{\"bname\":\"y\"}]}]}]}", { NULL }, "a1.A1x.A1y." },
	{ "section: deeply nested contexts",
	  "{{#a}}\n{{one}}\n{{#b}}\n{{one}}{{two}}{{one}}\n{{#c}}\n"
	  "{{one}}{{two}}{{three}}{{two}}{{one}}\n{{#d}}\n"
	  "{{one}}{{two}}{{three}}{{four}}{{three}}{{two}}{{one}}\n{{#five}}\n"
	  "{{one}}{{two}}{{three}}{{four}}{{five}}{{four}}{{three}}{{two}}{{one}}\n"
	  "{{one}}{{two}}{{three}}{{four}}{{.}}6{{.}}{{four}}{{three}}{{two}}{{one}}\n"
	  "{{one}}{{two}}{{three}}{{four}}{{five}}{{four}}{{three}}{{two}}{{one}}\n"
	  "{{/five}}\n{{one}}{{two}}{{three}}{{four}}{{three}}{{two}}{{one}}\n{{/d}}\n"
	  "{{one}}{{two}}{{three}}{{two}}{{one}}\n{{/c}}\n{{one}}{{two}}{{one}}\n{{/b}}\n"
	  "{{one}}\n{{/a}}\n",
	  "{\"a\":{\"one\":1},\"b\":{\"two\":2},\"c\":{\"three\":3,\"d\":{\"four\":4,"
	  "\"five\":5}}}", { NULL },
	  "1\n121\n12321\n1234321\n123454321\n12345654321\n123454321\n1234321\n12321\n121\n"
	  "1\n" },
	{ "section: list", "\"{{#list}}{{item}}{{/list}}\"",
	  "{\"list\":[{\"item\":1},{\"item\":2},{\"item\":3}]}", { NULL }, "\"123\"" },
	{ "section: empty list", "\"{{#list}}Yay lists!{{/list}}\"", "{\"list\":[]}", { NULL },
	  "\"\"" },
	{ "section: strings are not lists", "\"{{#section}}foo{{/section}}\"",
	  "{\"section\":\"123\"}", { NULL }, "\"foo\"" },
	{ "section: doubled",
	  "{{#bool}}\n* first\n{{/bool}}\n* {{two}}\n{{#bool}}\n* third\n{{/bool}}\n",
	  "{\"bool\":true,\"two\":\"second\"}", { NULL }, "* first\n* second\n* third\n" },
	{ "section: nested truthy", "| A {{#bool}}B {{#bool}}C{{/bool}} D{{/bool}} E |",
	  "{\"bool\":true}", { NULL }, "| A B C D E |" },
	{ "section: nested falsey", "| A {{#bool}}B {{#bool}}C{{/bool}} D{{/bool}} E |",
	  "{\"bool\":false}", { NULL }, "| A  E |" },
	{ "section: context misses", "[{{#missing}}Found key 'missing'!{{/missing}}]", "{}",
	  { NULL }, "[]" },
	{ "section: implicit iterator string", "\"{{#list}}({{.}}){{/list}}\"",
	  "{\"list\":[\"a\",\"b\",\"c\",\"d\",\"e\"]}", { NULL }, "\"(a)(b)(c)(d)(e)\"" },
	{ "section: implicit iterator integer", "\"{{#list}}({{.}}){{/list}}\"",
	  "{\"list\":[1,2,3,4,5]}", { NULL }, "\"(1)(2)(3)(4)(5)\"" },
	{ "section: implicit iterator decimal", "\"{{#list}}({{.}}){{/list}}\"",
	  "{\"list\":[1.10,2.20,3.30,4.40,5.50]}", { NULL }, "\"(1.1)(2.2)(3.3)(4.4)(5.5)\"" },
	{ "section: implicit iterator array", "\"{{#list}}({{#.}}{{.}}{{/.}}){{/list}}\"",
	  "{\"list\":[[1,2,3],[\"a\",\"b\",\"c\"]]}", { NULL }, "\"(123)(abc)\"" },
	{ "section: implicit iterator escaping", "\"{{#list}}({{.}}){{/list}}\"",
	  "{\"list\":[\"&\",\"\\\"\",\"<\",\">\"]}", { NULL },
	  "\"(&amp;)(&quot;)(&lt;)(&gt;)\"" },
	{ "section: implicit iterator triple", "\"{{#list}}({{{.}}}){{/list}}\"",
	  "{\"list\":[\"&\",\"\\\"\",\"<\",\">\"]}", { NULL }, "\"(&)(\")(<)(>)\"" },
	{ "section: implicit iterator ampersand", "\"{{#list}}({{&.}}){{/list}}\"",
	  "{\"list\":[\"&\",\"\\\"\",\"<\",\">\"]}", { NULL }, "\"(&)(\")(<)(>)\"" },
	{ "section: implicit iterator root-level", "\"{{#.}}({{value}}){{/.}}\"",
	  "[{\"value\":\"a\"},{\"value\":\"b\"}]", { NULL }, "\"(a)(b)\"" },
	{ "section: dotted truthy", "\"{{#a.b.c}}Here{{/a.b.c}}\" == \"Here\"",
	  "{\"a\":{\"b\":{\"c\":true}}}", { NULL }, "\"Here\" == \"Here\"" },
	{ "section: dotted falsey", "\"{{#a.b.c}}Here{{/a.b.c}}\" == \"\"",
	  "{\"a\":{\"b\":{\"c\":false}}}", { NULL }, "\"\" == \"\"" },
	{ "section: dotted broken chain", "\"{{#a.b.c}}Here{{/a.b.c}}\" == \"\"",
	  "{\"a\":{}}", { NULL }, "\"\" == \"\"" },
	{ "section: surrounding whitespace", " | {{#boolean}}\t|\t{{/boolean}} | \n",
	  "{\"boolean\":true}", { NULL }, " | \t|\t | \n" },
	{ "section: internal whitespace",
	  " | {{#boolean}} {{! Important Whitespace }}\n {{/boolean}} | \n",
	  "{\"boolean\":true}", { NULL }, " |  \n  | \n" },
	{ "section: indented inline", " {{#boolean}}YES{{/boolean}}\n {{#boolean}}GOOD"
	  "{{/boolean}}\n", "{\"boolean\":true}", { NULL }, " YES\n GOOD\n" },
	{ "section: standalone lines", "| This Is\n{{#boolean}}\n|\n{{/boolean}}\n| A Line\n",
	  "{\"boolean\":true}", { NULL }, "| This Is\n|\n| A Line\n" },
	{ "section: indented standalone lines",
	  "| This Is\n  {{#boolean}}\n|\n  {{/boolean}}\n| A Line\n", "{\"boolean\":true}",
	  { NULL }, "| This Is\n|\n| A Line\n" },
	{ "section: standalone CRLF", "|\r\n{{#boolean}}\r\n{{/boolean}}\r\n|",
	  "{\"boolean\":true}", { NULL }, "|\r\n|" },
	{ "section: standalone without previous line", "  {{#boolean}}\n#{{/boolean}}\n/",
	  "{\"boolean\":true}", { NULL }, "#\n/" },
	{ "section: standalone without newline", "#{{#boolean}}\n/\n  {{/boolean}}",
	  "{\"boolean\":true}", { NULL }, "#\n/\n" },
	{ "section: padding", "|{{# boolean }}={{/ boolean }}|", "{\"boolean\":true}",
	  { NULL }, "|=|" },
	{ "section: zero is falsey", "{{#n}}yes{{/n}}{{^n}}no{{/n}}", "{\"n\":0}", { NULL },
	  "no" },
	{ "section: empty string is falsey", "{{#s}}yes{{/s}}{{^s}}no{{/s}}", "{\"s\":\"\"}",
	  { NULL }, "no" },
	{ "section: empty object is truthy", "{{#o}}yes{{/o}}{{^o}}no{{/o}}", "{\"o\":{}}",
	  { NULL }, "yes" },
	{ "section: string \"0\" is truthy", "{{#s}}[{{.}}]{{/s}}", "{\"s\":\"0\"}", { NULL },
	  "[0]" },
	{ "section: number pushed on the stack", "{{#n}}{{.}}{{/n}}", "{\"n\":3}", { NULL },
	  "3" },
	{ "section: list items fall back to parents", "{{#list}}{{x}}{{/list}}",
	  "{\"x\":\"p\",\"list\":[{\"x\":\"a\"},{}]}", { NULL }, "ap" },
	{ "section: a null key hides outer ones", "{{#o}}[{{x}}]{{/o}}",
	  "{\"x\":\"outer\",\"o\":{\"x\":null}}", { NULL }, "[]" },
	{ "section: list elements are not filtered", "{{#l}}({{.}}){{/l}}",
	  "{\"l\":[0,\"\",false,null]}", { NULL }, "(0)()(false)()" },

	/* ---- inverted sections */
	{ "inverted: falsey", "\"{{^boolean}}This should be rendered.{{/boolean}}\"",
	  "{\"boolean\":false}", { NULL }, "\"This should be rendered.\"" },
	{ "inverted: null", "\"{{^boolean}}This should be rendered.{{/boolean}}\"",
	  "{\"boolean\":null}", { NULL }, "\"This should be rendered.\"" },
	{ "inverted: truthy", "\"{{^boolean}}This should not be rendered.{{/boolean}}\"",
	  "{\"boolean\":true}", { NULL }, "\"\"" },
	{ "inverted: context", "\"{{^context}}Hi {{name}}.{{/context}}\"",
	  "{\"context\":{\"name\":\"Joe\"}}", { NULL }, "\"\"" },
	{ "inverted: list", "\"{{^list}}{{n}}{{/list}}\"",
	  "{\"list\":[{\"n\":1},{\"n\":2},{\"n\":3}]}", { NULL }, "\"\"" },
	{ "inverted: empty list", "\"{{^list}}Yay lists!{{/list}}\"", "{\"list\":[]}",
	  { NULL }, "\"Yay lists!\"" },
	{ "inverted: doubled", "{{^t}}\n* first\n{{/t}}\n* {{two}}\n{{^t}}\n* third\n{{/t}}\n",
	  "{\"t\":false,\"two\":\"second\"}", { NULL }, "* first\n* second\n* third\n" },
	{ "inverted: nested falsey", "| A {{^t}}B {{^t}}C{{/t}} D{{/t}} E |", "{\"t\":false}",
	  { NULL }, "| A B C D E |" },
	{ "inverted: nested truthy", "| A {{^t}}B {{^t}}C{{/t}} D{{/t}} E |", "{\"t\":true}",
	  { NULL }, "| A  E |" },
	{ "inverted: context misses", "[{{^missing}}Found key 'missing'!{{/missing}}]", "{}",
	  { NULL }, "[Found key 'missing'!]" },
	{ "inverted: dotted truthy", "\"{{^a.b.c}}Not Here{{/a.b.c}}\" == \"\"",
	  "{\"a\":{\"b\":{\"c\":true}}}", { NULL }, "\"\" == \"\"" },
	{ "inverted: dotted falsey", "\"{{^a.b.c}}Not Here{{/a.b.c}}\" == \"Not Here\"",
	  "{\"a\":{\"b\":{\"c\":false}}}", { NULL }, "\"Not Here\" == \"Not Here\"" },
	{ "inverted: dotted broken chain", "\"{{^a.b.c}}Not Here{{/a.b.c}}\" == \"Not Here\"",
	  "{\"a\":{}}", { NULL }, "\"Not Here\" == \"Not Here\"" },
	{ "inverted: surrounding whitespace", " | {{^boolean}}\t|\t{{/boolean}} | \n",
	  "{\"boolean\":false}", { NULL }, " | \t|\t | \n" },
	{ "inverted: internal whitespace",
	  " | {{^boolean}} {{! Important Whitespace }}\n {{/boolean}} | \n",
	  "{\"boolean\":false}", { NULL }, " |  \n  | \n" },
	{ "inverted: indented inline", " {{^boolean}}NO{{/boolean}}\n {{^boolean}}WAY"
	  "{{/boolean}}\n", "{\"boolean\":false}", { NULL }, " NO\n WAY\n" },
	{ "inverted: standalone lines", "| This Is\n{{^boolean}}\n|\n{{/boolean}}\n| A Line\n",
	  "{\"boolean\":false}", { NULL }, "| This Is\n|\n| A Line\n" },
	{ "inverted: indented standalone lines",
	  "| This Is\n  {{^boolean}}\n|\n  {{/boolean}}\n| A Line\n", "{\"boolean\":false}",
	  { NULL }, "| This Is\n|\n| A Line\n" },
	{ "inverted: standalone CRLF", "|\r\n{{^boolean}}\r\n{{/boolean}}\r\n|",
	  "{\"boolean\":false}", { NULL }, "|\r\n|" },
	{ "inverted: standalone without previous line", "  {{^boolean}}\n^{{/boolean}}\n/",
	  "{\"boolean\":false}", { NULL }, "^\n/" },
	{ "inverted: standalone without newline", "^{{^boolean}}\n/\n  {{/boolean}}",
	  "{\"boolean\":false}", { NULL }, "^\n/\n" },
	{ "inverted: padding", "|{{^ boolean }}={{/ boolean }}|", "{\"boolean\":false}",
	  { NULL }, "|=|" },

	/* ---- comments */
	{ "comment: inline", "12345{{! Comment Block! }}67890", "{}", { NULL },
	  "1234567890" },
	{ "comment: multiline", "12345{{!\n  This is a\n  multi-line comment...\n}}67890\n",
	  "{}", { NULL }, "1234567890\n" },
	{ "comment: standalone", "Begin.\n{{! Comment Block! }}\nEnd.\n", "{}", { NULL },
	  "Begin.\nEnd.\n" },
	{ "comment: indented standalone", "Begin.\n  {{! Indented Comment Block! }}\nEnd.\n",
	  "{}", { NULL }, "Begin.\nEnd.\n" },
	{ "comment: standalone CRLF", "|\r\n{{! Standalone Comment }}\r\n|", "{}", { NULL },
	  "|\r\n|" },
	{ "comment: standalone without previous line", "  {{! I'm Still Standalone }}\n!",
	  "{}", { NULL }, "!" },
	{ "comment: standalone without newline", "!\n  {{! I'm Still Standalone }}", "{}",
	  { NULL }, "!\n" },
	{ "comment: multiline standalone", "Begin.\n{{!\nSomething's going on here...\n}}\n"
	  "End.\n", "{}", { NULL }, "Begin.\nEnd.\n" },
	{ "comment: indented multiline standalone",
	  "Begin.\n  {{!\n    Something's going on here...\n  }}\nEnd.\n", "{}", { NULL },
	  "Begin.\nEnd.\n" },
	{ "comment: indented inline", "  12 {{! 34 }}\n", "{}", { NULL }, "  12 \n" },
	{ "comment: surrounding whitespace", "12345 {{! Comment Block! }} 67890", "{}",
	  { NULL }, "12345  67890" },
	{ "comment: no variable collision", "comments never show: >{{! comment }}<",
	  "{\"! comment\":1,\"! comment \":2,\"!comment\":3,\"comment\":4}", { NULL },
	  "comments never show: ><" },
	{ "comment: may hold tags and braces", "a{{! {{x {#y} }}b", "{\"x\":1}", { NULL },
	  "ab" },
	{ "comment: ends at the first closing delimiter", "a{{! {{x}} }}b", "{}", { NULL },
	  "a }}b" },

	/* ---- set delimiters */
	{ "delim: pair behavior", "{{=<% %>=}}(<%text%>)", "{\"text\":\"Hey!\"}", { NULL },
	  "(Hey!)" },
	{ "delim: special characters", "({{=[ ]=}}[text])", "{\"text\":\"It worked!\"}",
	  { NULL }, "(It worked!)" },
	{ "delim: sections",
	  "[\n{{#section}}\n  {{data}}\n  |data|\n{{/section}}\n\n{{= | | =}}\n|#section|\n"
	  "  {{data}}\n  |data|\n|/section|\n]\n",
	  "{\"section\":true,\"data\":\"I got interpolated.\"}", { NULL },
	  "[\n  I got interpolated.\n  |data|\n\n  {{data}}\n  I got interpolated.\n]\n" },
	{ "delim: inverted sections",
	  "[\n{{^section}}\n  {{data}}\n  |data|\n{{/section}}\n\n{{= | | =}}\n|^section|\n"
	  "  {{data}}\n  |data|\n|/section|\n]\n",
	  "{\"section\":false,\"data\":\"I got interpolated.\"}", { NULL },
	  "[\n  I got interpolated.\n  |data|\n\n  {{data}}\n  I got interpolated.\n]\n" },
	{ "delim: partials keep default delimiters",
	  "[ {{>include}} ]\n{{= | | =}}\n[ |>include| ]\n", "{\"value\":\"yes\"}",
	  { "include", ".{{value}}.", NULL }, "[ .yes. ]\n[ .yes. ]\n" },
	{ "delim: partial's delimiters stay in the partial",
	  "[ {{>include}} ]\n[ .{{value}}.  .|value|. ]\n", "{\"value\":\"yes\"}",
	  { "include", ".{{value}}. {{= | | =}} .|value|.", NULL },
	  "[ .yes.  .yes. ]\n[ .yes.  .|value|. ]\n" },
	{ "delim: surrounding whitespace", "| {{=@ @=}} |", "{}", { NULL }, "|  |" },
	{ "delim: outlying whitespace inline", " | {{=@ @=}}\n", "{}", { NULL }, " | \n" },
	{ "delim: standalone", "Begin.\n{{=@ @=}}\nEnd.\n", "{}", { NULL },
	  "Begin.\nEnd.\n" },
	{ "delim: indented standalone", "Begin.\n  {{=@ @=}}\nEnd.\n", "{}", { NULL },
	  "Begin.\nEnd.\n" },
	{ "delim: standalone CRLF", "|\r\n{{= @ @ =}}\r\n|", "{}", { NULL }, "|\r\n|" },
	{ "delim: standalone without previous line", "  {{=@ @=}}\n=", "{}", { NULL }, "=" },
	{ "delim: standalone without newline", "=\n  {{=@ @=}}", "{}", { NULL }, "=\n" },
	{ "delim: pair with padding", "|{{= @   @ =}}|", "{}", { NULL }, "||" },
	{ "delim: triple and ampersand with new delimiters",
	  "{{=<% %>=}}<%{x}%> <%&x%> <%x%>", "{\"x\":\"<b>\"}", { NULL },
	  "<b> <b> &lt;b&gt;" },
	{ "delim: switch back", "{{=<% %>=}}<%a%>{{a}}<%={{ }}=%>{{a}}<%a%>", "{\"a\":1}",
	  { NULL }, "1{{a}}1<%a%>" },
	{ "delim: longer delimiters", "{{=<<< >>>=}}<<<#s>>><<<.>>><<</s>>>",
	  "{\"s\":[1,2]}", { NULL }, "12" },

	/* ---- partials */
	{ "partial: basic", "\"{{>text}}\"", "{}", { "text", "from partial", NULL },
	  "\"from partial\"" },
	{ "partial: failed lookup", "\"{{>text}}\"", "{}", { NULL }, "\"\"" },
	{ "partial: context", "\"{{>partial}}\"", "{\"text\":\"content\"}",
	  { "partial", "*{{text}}*", NULL }, "\"*content*\"" },
	{ "partial: recursion", "{{>node}}",
	  "{\"content\":\"X\",\"nodes\":[{\"content\":\"Y\",\"nodes\":[]}]}",
	  { "node", "{{content}}<{{#nodes}}{{>node}}{{/nodes}}>", NULL }, "X<Y<>>" },
	{ "partial: nested", "{{>outer}}", "{\"a\":\"hello\",\"b\":\"world\"}",
	  { "outer", "*{{a}} {{>inner}}*", "inner", "{{b}}!", NULL }, "*hello world!*" },
	{ "partial: surrounding whitespace", "| {{>partial}} |", "{}",
	  { "partial", "\t|\t", NULL }, "| \t|\t |" },
	{ "partial: inline indentation", "  {{data}}  {{> partial}}\n", "{\"data\":\"|\"}",
	  { "partial", ">\n>", NULL }, "  |  >\n>\n" },
	{ "partial: standalone CRLF", "|\r\n{{>partial}}\r\n|", "{}",
	  { "partial", ">", NULL }, "|\r\n>|" },
	{ "partial: standalone without previous line", "  {{>partial}}\n>", "{}",
	  { "partial", ">\n>", NULL }, "  >\n  >>" },
	{ "partial: standalone without newline", ">\n  {{>partial}}", "{}",
	  { "partial", ">\n>", NULL }, ">\n  >\n  >" },
	{ "partial: standalone indentation", "\\\n {{>partial}}\n/\n", "{\"content\":\"<\\n->\"}",
	  { "partial", "|\n{{{content}}}\n|\n", NULL }, "\\\n |\n <\n->\n |\n/\n" },
	{ "partial: indentation not applied to data newlines", "\\\n {{>partial}}\n/\n",
	  "{\"content\":\"<\\n->\"}",
	  { "partial", "|\n{{{content}}}a b{{{content}}}c\n|\n", NULL },
	  "\\\n |\n <\n->a b<\n->c\n |\n/\n" },
	{ "partial: padding", "|{{> partial }}|", "{\"boolean\":true}",
	  { "partial", "[]", NULL }, "|[]|" },
	{ "partial: nested indentation adds up", "  {{>outer}}\n", "{}",
	  { "outer", "a\n  {{>inner}}\nb\n", "inner", "x\ny\n", NULL },
	  "  a\n    x\n    y\n  b\n" },
	{ "partial: inline partial inherits indentation", "  {{>outer}}\n", "{}",
	  { "outer", "a {{>inner}}\nb\n", "inner", "x\ny", NULL }, "  a x\n  y\n  b\n" },
	{ "partial: indentation inside loops", "  {{>p}}\n",
	  "{\"list\":[1,2]}", { "p", "{{#list}}\n- {{.}}\n{{/list}}\n", NULL },
	  "  - 1\n  - 2\n" },
	{ "partial: each standalone use starts indented", "{{#l}}\n  {{>p}}\n{{/l}}",
	  "{\"l\":[1,2]}", { "p", "x", NULL }, "  x  x" },
	{ "partial: empty lines are indented", "  {{>p}}\n", "{}", { "p", "a\n\nb\n", NULL },
	  "  a\n  \n  b\n" },
	{ "partial: sees the whole context stack", "{{#a}}{{>p}}{{/a}}",
	  "{\"a\":{\"b\":\"in\"},\"c\":\"out\"}", { "p", "{{b}}-{{c}}", NULL }, "in-out" },
	{ "partial: missing standalone partial removes its line", "a\n  {{>nope}}\nb", "{}",
	  { NULL }, "a\nb" },
	{ "partial: dotted partial names are plain names", "{{>row.html}}", "{}",
	  { "row.html", "ok", NULL }, "ok" },
	{ "partial: standalone tags inside a partial", "{{>p}}", "{\"t\":true}",
	  { "p", "a\n{{#t}}\nb\n{{/t}}\nc\n", NULL }, "a\nb\nc\n" },

	/* ---- standalone whitespace details */
	{ "ws: tab indentation", "\t{{#t}}\t\nx\n\t{{/t}}\t\n", "{\"t\":true}", { NULL },
	  "x\n" },
	{ "ws: two tags on a line are not standalone", "{{#t}}{{/t}}\n", "{\"t\":true}",
	  { NULL }, "\n" },
	{ "ws: only the open tag standalone", "{{#t}}\nx{{/t}}\n", "{\"t\":true}", { NULL },
	  "x\n" },
	{ "ws: lone CR is not a line ending", "{{! c }}\r|", "{}", { NULL }, "\r|" },
	{ "ws: standalone at end of input after CRLF", "|\r\n  {{! c }}", "{}", { NULL },
	  "|\r\n" },
	{ "ws: standalone close at end of input after CRLF", "{{#t}}\r\nx\r\n{{/t}}",
	  "{\"t\":true}", { NULL }, "x\r\n" },
	{ "ws: standalone is decided on the template, not the data", "{{#t}}\n  {{x}}\n{{/t}}\n",
	  "{\"t\":true,\"x\":\"\"}", { NULL }, "  \n" },
	{ "ws: template of only a standalone tag", "{{! only }}", "{}", { NULL }, "" },
	{ "ws: empty template", "", "{}", { NULL }, "" },
	{ "ws: text after tag keeps line", "{{#t}} x\n{{/t}}", "{\"t\":true}", { NULL },
	  " x\n" },
};

/* ---------------------------------------------------------------- errors */

struct ecase {
	const char *name;
	const char *tmpl;
	const char *partials[2 * MAX_PARTIALS + 1];
	unsigned line, col;
	const char *msg; /* expected substring of the message */
};

static void run_error(void **state)
{
	const struct ecase *c = *state;
	struct mustache_error err;
	char file[64];
	char *got = render(c->tmpl, "{\"t\":true,\"l\":[1,2]}", c->partials, NULL, &err,
			   &file);

	if (got)
		fail_msg("%s: rendered \"%s\" instead of failing", c->name, got);
	assert_non_null(err.file);
	assert_string_equal(err.file, "test.mustache");
	if (!strstr(err.msg, c->msg))
		fail_msg("%s: message \"%s\" lacks \"%s\"", c->name, err.msg, c->msg);
	assert_int_equal(err.line, c->line);
	assert_int_equal(err.col, c->col);
}

static struct ecase ecases[] = {
	{ "err: unclosed section", "a\n  {{#sec}}\nb", { NULL }, 2, 3,
	  "unclosed section {{#sec}}" },
	{ "err: unclosed inverted section", "{{^a}}x", { NULL }, 1, 1,
	  "unclosed section {{^a}}" },
	{ "err: innermost unclosed section", "{{#a}}{{#b}}", { NULL }, 1, 7,
	  "unclosed section {{#b}}" },
	{ "err: mismatched close", "{{#a}}\n{{/b}}", { NULL }, 2, 1,
	  "expected {{/a}}, found {{/b}}" },
	{ "err: mismatched nested close", "{{#a}}{{#b}}{{/a}}{{/b}}", { NULL }, 1, 13,
	  "expected {{/b}}, found {{/a}}" },
	{ "err: close without open", "x {{/a}}", { NULL }, 1, 3, "no section is open" },
	{ "err: unclosed tag", "ab\ncd {{name", { NULL }, 2, 4, "unclosed tag" },
	{ "err: unclosed triple", "{{{name}}", { NULL }, 1, 1, "unclosed tag" },
	{ "err: unclosed comment", "x\n\n {{! abc", { NULL }, 3, 2, "unclosed tag" },
	{ "err: set delimiter with one part", "{{=<%=}}", { NULL }, 1, 1,
	  "invalid set-delimiter tag" },
	{ "err: set delimiter with three parts", "{{=a b c=}}", { NULL }, 1, 1,
	  "invalid set-delimiter tag" },
	{ "err: set delimiter without closing =", "x{{=<% %>}}", { NULL }, 1, 2,
	  "invalid set-delimiter tag" },
	{ "err: unclosed set delimiter", "{{=<% %>", { NULL }, 1, 1, "unclosed tag" },
	{ "err: empty name", "{{}}", { NULL }, 1, 1, "empty tag name" },
	{ "err: blank name", "ok {{  }}", { NULL }, 1, 4, "empty tag name" },
	{ "err: empty section name", "{{# }}{{/}}", { NULL }, 1, 1, "empty tag name" },
	{ "err: empty triple name", "{{{ }}}", { NULL }, 1, 1, "empty tag name" },
	{ "err: empty partial name", "{{>}}", { NULL }, 1, 1, "empty tag name" },
	{ "err: whitespace in name", "{{a b}}", { NULL }, 1, 1, "contains whitespace" },
	{ "err: empty dotted part", "{{a..b}}", { NULL }, 1, 1, "empty part" },
	{ "err: leading dot", "{{.a}}", { NULL }, 1, 1, "empty part" },
	{ "err: error after set delimiter", "{{=<% %>=}}\n<%#a%>", { NULL }, 2, 1,
	  "unclosed section {{#a}}" },
	{ "err: mismatch with custom delimiters", "{{=| |=}}|#a||/b|", { NULL }, 1, 14,
	  "expected {{/a}}, found {{/b}}" },
	{ "err: column counts characters", "h\xc3\xa9llo {{#x}}", { NULL }, 1, 7,
	  "unclosed section" },
	{ "err: CRLF lines", "a\r\nb\r\n {{/x}}", { NULL }, 3, 2, "no section is open" },
	{ "err: partial with a parse error", "x\n  {{>p}}", { "p", "ok\n {{#s}}", NULL }, 2, 3,
	  "partial \"p\" 2:2: unclosed section {{#s}}" },
	{ "err: nested partial with a parse error", "{{#t}}{{>outer}}{{/t}}",
	  { "outer", "a\n{{>inner}}", "inner", "{{/x}}", NULL }, 1, 7,
	  "partial \"outer\" 2:1: partial \"inner\" 1:1: unexpected {{/x}}" },
	{ "err: recursive partial", "ok\n{{>self}}", { "self", "x{{>self}}", NULL }, 2, 1,
	  "partials nested deeper than 100" },
	{ "err: partial error inside a section", "{{#l}}\n  {{>p}}\n{{/l}}",
	  { "p", "{{x", NULL }, 2, 3, "partial \"p\" 1:1: unclosed tag" },
};

/* ---------------------------------------------------------------- other tests */

static void test_parse_once_render_many(void **state)
{
	(void)state;
	const char *src = "{{#items}}<{{name}}>{{/items}}";
	struct mustache_error err;
	struct mustache *t = mustache_parse(src, strlen(src), NULL, &err);
	assert_non_null(t);
	for (int i = 0; i < 3; i++) {
		char json[64];
		struct buf out = BUF_INIT;
		snprintf(json, sizeof(json), "{\"items\":[{\"name\":%d},{\"name\":\"&\"}]}", i);
		cJSON *data = cJSON_Parse(json);
		assert_int_equal(mustache_render(t, data, NULL, NULL, NULL, &out, &err), 0);
		char want[64];
		snprintf(want, sizeof(want), "<%d><&amp;>", i);
		assert_string_equal(out.s, want);
		buf_release(&out);
		cJSON_Delete(data);
	}
	mustache_free(t);
}

static void test_source_not_nul_terminated(void **state)
{
	(void)state;
	const char src[] = "{{a}}-{{b}}XXXX";
	struct mustache_error err;
	struct buf out = BUF_INIT;
	struct mustache *t = mustache_parse(src, 11, "x", &err);
	cJSON *data = cJSON_Parse("{\"a\":1,\"b\":2}");
	assert_non_null(t);
	assert_int_equal(mustache_render(t, data, NULL, NULL, NULL, &out, NULL), 0);
	assert_string_equal(out.s, "1-2");
	buf_release(&out);
	cJSON_Delete(data);
	mustache_free(t);
}

static void test_partial_parsed_once(void **state)
{
	(void)state;
	const char *partials[] = { "item", "[{{.}}]", NULL };
	struct loader l = { partials, 0, NULL, NULL };
	struct mustache_error err;
	struct buf out = BUF_INIT;
	const char *src = "{{#list}}{{>item}}{{>missing}}{{/list}}";
	struct mustache *t = mustache_parse(src, strlen(src), NULL, &err);
	cJSON *data = cJSON_CreateObject();
	cJSON *list = cJSON_AddArrayToObject(data, "list");
	for (int i = 0; i < 10000; i++)
		cJSON_AddItemToArray(list, cJSON_CreateNumber(i % 10));
	assert_non_null(t);
	assert_int_equal(mustache_render(t, data, load_partial, &l, NULL, &out, &err), 0);
	assert_int_equal(l.calls, 2); /* "item" once and "missing" once */
	assert_int_equal(out.len, 30000);
	assert_memory_equal(out.s, "[0][1][2]", 9);
	/* the cache lives for one render call only */
	buf_reset(&out);
	assert_int_equal(mustache_render(t, data, load_partial, &l, NULL, &out, &err), 0);
	assert_int_equal(l.calls, 4);
	buf_release(&out);
	cJSON_Delete(data);
	mustache_free(t);
}

static void test_many_partials(void **state)
{
	(void)state;
	/* enough distinct partial names to make the cache grow several times */
	struct buf src = BUF_INIT, want = BUF_INIT, out = BUF_INIT;
	const char *partials[] = { NULL };
	struct loader l = { partials, 0, NULL, NULL };
	struct mustache_error err;
	for (int i = 0; i < 200; i++)
		buf_addf(&src, "{{>p%d}}{{>p%d}}", i, i);
	struct mustache *t = mustache_parse(src.s, src.len, NULL, &err);
	assert_non_null(t);
	assert_int_equal(mustache_render(t, NULL, load_partial, &l, NULL, &out, &err), 0);
	assert_int_equal(l.calls, 200);
	assert_string_equal(out.s, "");
	mustache_free(t);
	buf_release(&src);
	buf_release(&want);
	buf_release(&out);
}

static void escape_md(struct buf *out, const char *s)
{
	buf_add_md(out, s);
}

static void test_custom_escaper(void **state)
{
	(void)state;
	struct mustache_error err;
	char file[64];
	char *got = render("{{x}} {{{x}}} {{&x}}", "{\"x\":\"*a* <b>\"}", NULL, escape_md, &err,
			   &file);
	assert_non_null(got);
	assert_string_equal(got, "\\*a\\* &lt;b&gt; *a* <b> *a* <b>");
	free(got);
}

static void test_null_arguments(void **state)
{
	(void)state;
	struct mustache_error err;
	struct buf out = BUF_INIT;
	mustache_free(NULL);
	assert_int_equal(mustache_render(NULL, NULL, NULL, NULL, NULL, &out, &err), -1);
	assert_non_null(err.file);
	assert_null(mustache_parse("{{#a}}", 6, NULL, NULL));
	const char *src = "[{{x}}|{{.}}|{{#.}}y{{/.}}]";
	struct mustache *t = mustache_parse(src, strlen(src), NULL, NULL);
	assert_non_null(t);
	assert_int_equal(mustache_render(t, NULL, NULL, NULL, NULL, &out, NULL), 0);
	assert_string_equal(out.s, "[||]");
	mustache_free(t);
	assert_null(mustache_parse("{{", 2, NULL, &err));
	assert_string_equal(err.file, "<template>");
	buf_release(&out);
}

static void test_loader_error(void **state)
{
	(void)state;
	struct loader l = { NULL, 0, "cannot read p.mustache: No such file", NULL };
	struct mustache_error err;
	struct buf out = BUF_INIT;
	const char *src = "line\n {{>p}}";
	struct mustache *t = mustache_parse(src, strlen(src), "main.mustache", &err);
	assert_non_null(t);
	assert_int_equal(mustache_render(t, NULL, load_partial, &l, NULL, &out, &err), -1);
	assert_string_equal(err.file, "main.mustache");
	assert_int_equal(err.line, 2);
	assert_int_equal(err.col, 2);
	assert_string_equal(err.msg, "cannot read p.mustache: No such file");

	/* a loader that names its own location keeps it */
	l.fail_file = "p.mustache";
	assert_int_equal(mustache_render(t, NULL, load_partial, &l, NULL, &out, &err), -1);
	assert_string_equal(err.file, "p.mustache");
	assert_int_equal(err.line, 7);
	assert_int_equal(err.col, 9);
	mustache_free(t);
	buf_release(&out);
}

static void test_deep_nesting(void **state)
{
	(void)state;
	struct buf src = BUF_INIT, want = BUF_INIT, out = BUF_INIT;
	struct mustache_error err;
	int n = MUSTACHE_MAX_NEST;

	for (int i = 0; i < n; i++)
		buf_adds(&src, "{{#a}}");
	buf_adds(&src, "{{x}}");
	for (int i = 0; i < n; i++)
		buf_adds(&src, "{{/a}}");
	struct mustache *t = mustache_parse(src.s, src.len, NULL, &err);
	assert_non_null(t);
	cJSON *data = cJSON_Parse("{\"a\":[1],\"x\":\"deep\"}");
	assert_int_equal(mustache_render(t, data, NULL, NULL, NULL, &out, &err), 0);
	assert_string_equal(out.s, "deep");
	mustache_free(t);

	/* one more level is refused with the position of the offending tag */
	buf_reset(&src);
	for (int i = 0; i <= n; i++)
		buf_adds(&src, "{{#a}}");
	t = mustache_parse(src.s, src.len, NULL, &err);
	assert_null(t);
	assert_int_equal(err.line, 1);
	assert_int_equal(err.col, 6 * n + 1);
	assert_non_null(strstr(err.msg, "nested deeper"));

	/* 100000 unclosed sections: an error, no stack overflow */
	buf_reset(&src);
	for (int i = 0; i < 100000; i++)
		buf_adds(&src, "{{^a}}\n");
	assert_null(mustache_parse(src.s, src.len, NULL, &err));

	/* partials recursing with the data: fine when shallow, an error when too deep */
	const char *partials[] = { "node", "({{#c}}{{>node}}{{/c}})", NULL };
	struct loader l = { partials, 0, NULL, NULL };
	for (int depth = 50; depth <= 2000; depth += 1950) {
		cJSON *root = cJSON_CreateObject(), *cur = root;
		for (int i = 0; i < depth; i++)
			cur = cJSON_AddObjectToObject(cur, "c");
		/* without this, "c" would resolve to the parent's "c" and recurse forever */
		cJSON_AddFalseToObject(cur, "c");
		buf_reset(&want);
		buf_addn(&want, '(', (size_t)depth + 1);
		buf_addn(&want, ')', (size_t)depth + 1);
		t = mustache_parse("{{>node}}", 9, NULL, &err);
		assert_non_null(t);
		buf_reset(&out);
		int rc = mustache_render(t, root, load_partial, &l, NULL, &out, &err);
		if (depth == 50) {
			assert_int_equal(rc, 0);
			assert_string_equal(out.s, want.s);
		} else {
			assert_int_equal(rc, -1);
			assert_non_null(strstr(err.msg, "nested deeper"));
		}
		mustache_free(t);
		cJSON_Delete(root);
	}
	cJSON_Delete(data);
	buf_release(&src);
	buf_release(&want);
	buf_release(&out);
}

static void test_output_limit(void **state)
{
	(void)state;
	struct mustache_error err;
	struct buf out;
	/* 10^6 iterations would be produced; the buffer's limit stops the render early */
	const char *src = "{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}0123456789{{/l}}{{/l}}{{/l}}"
			  "{{/l}}{{/l}}{{/l}}";
	struct mustache *t = mustache_parse(src, strlen(src), "big", &err);
	cJSON *data = cJSON_Parse("{\"l\":[0,1,2,3,4,5,6,7,8,9]}");
	buf_init(&out, 1000);
	assert_non_null(t);
	assert_int_equal(mustache_render(t, data, NULL, NULL, NULL, &out, &err), -1);
	assert_non_null(strstr(err.msg, "output exceeds the limit of 1000 bytes"));
	assert_string_equal(err.file, "big");
	/* at the text that overflowed (found by tests/fuzz/fuzz_mustache.c: it was 0:0) */
	assert_int_equal(err.line, 1);
	assert_int_equal(err.col, 37);
	assert_true(out.len <= 1000);
	buf_release(&out);
	/* without a limit of its own, a render stops at MUSTACHE_MAX_OUTPUT (10^12 bytes here) */
	const char *huge = "{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}"
			   "0123456789{{/l}}{{/l}}{{/l}}{{/l}}{{/l}}{{/l}}{{/l}}{{/l}}{{/l}}{{/l}}{{/l}}{{/l}}";
	mustache_free(t);
	t = mustache_parse(huge, strlen(huge), "huge", &err);
	assert_non_null(t);
	buf_init(&out, 0);
	assert_int_equal(mustache_render(t, data, NULL, NULL, NULL, &out, &err), -1);
	assert_non_null(strstr(err.msg, "output exceeds the limit"));
	assert_int_equal(err.line, 1);
	assert_true(out.len <= MUSTACHE_MAX_OUTPUT);
	assert_int_equal(out.limit, 0); /* the caller's limit is left as it was */
	buf_release(&out);
	cJSON_Delete(data);
	mustache_free(t);
}

/* Sections nested over lists that write nothing: no output limit stops them, the step budget
 * does (found by tests/fuzz/fuzz_mustache.c: 30 levels over two items ran for minutes). */
static void test_step_budget(void **state)
{
	(void)state;
	struct mustache_error err;
	struct buf src = BUF_INIT, out = BUF_INIT;
	for (int i = 0; i < 30; i++)
		buf_adds(&src, "{{#l}}");
	for (int i = 0; i < 30; i++)
		buf_adds(&src, "{{/l}}");
	struct mustache *t = mustache_parse(src.s, src.len, "nest", &err);
	cJSON *data = cJSON_Parse("{\"l\":[0,1]}");
	assert_non_null(t);
	assert_int_equal(mustache_render(t, data, NULL, NULL, NULL, &out, &err), -1);
	char want[64];
	snprintf(want, sizeof(want), "more than %lu steps", MUSTACHE_MAX_STEPS);
	assert_non_null(strstr(err.msg, want));
	assert_string_equal(err.file, "nest");
	assert_int_equal(err.line, 1);
	buf_release(&src);
	buf_release(&out);
	cJSON_Delete(data);
	mustache_free(t);
}

static void test_hostile_templates(void **state)
{
	(void)state;
	static const char *const pieces[] = {
		"{{", "}}", "{{{", "}}}", "#a", "^a", "/a", "#l", "/l", ">p", ">q", "!", "&",
		"=", "<% %>", "<%", "%>", " ", "\n", "\r\n", ".", "a.b", "x", "{", "}", "\t",
	};
	const char *partials[] = { "p", "{{#l}}[{{.}}]\n{{/l}}", "q", "{{>p}}{{x", NULL };
	struct loader l = { partials, 0, NULL, NULL };
	cJSON *data = cJSON_Parse("{\"a\":{\"b\":\"<&>\"},\"l\":[1,0,\"\"],\"x\":null}");
	unsigned long seed = 12345;
	unsigned ok = 0;

	for (int iter = 0; iter < 20000; iter++) {
		struct buf src = BUF_INIT, out = BUF_INIT;
		struct mustache_error err;
		seed = seed * 6364136223846793005ul + 1442695040888963407ul;
		int n = (int)((seed >> 33) % 24);
		for (int i = 0; i < n; i++) {
			seed = seed * 6364136223846793005ul + 1442695040888963407ul;
			buf_adds(&src, pieces[(seed >> 33) % ARRAY_SIZE(pieces)]);
		}
		struct mustache *t = mustache_parse(src.s, src.len, "fuzz", &err);
		if (t) {
			if (mustache_render(t, data, load_partial, &l, NULL, &out, &err) == 0)
				ok++;
			else
				assert_true(err.msg[0] != '\0');
		} else {
			assert_true(err.msg[0] != '\0');
			assert_true(err.line >= 1 && err.col >= 1);
		}
		mustache_free(t);
		buf_release(&src);
		buf_release(&out);
	}
	assert_true(ok > 0);
	cJSON_Delete(data);
}

int main(void)
{
	static const struct CMUnitTest extra[] = {
		cmocka_unit_test(test_parse_once_render_many),
		cmocka_unit_test(test_source_not_nul_terminated),
		cmocka_unit_test(test_partial_parsed_once),
		cmocka_unit_test(test_many_partials),
		cmocka_unit_test(test_custom_escaper),
		cmocka_unit_test(test_null_arguments),
		cmocka_unit_test(test_loader_error),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_output_limit),
		cmocka_unit_test(test_step_budget),
		cmocka_unit_test(test_hostile_templates),
	};
	struct CMUnitTest tests[ARRAY_SIZE(cases) + ARRAY_SIZE(ecases) + ARRAY_SIZE(extra)];
	size_t n = 0;

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		tests[n] = (struct CMUnitTest){ .name = cases[i].name, .test_func = run_case,
						.initial_state = &cases[i] };
		n++;
	}
	for (size_t i = 0; i < ARRAY_SIZE(ecases); i++) {
		tests[n] = (struct CMUnitTest){ .name = ecases[i].name, .test_func = run_error,
						.initial_state = &ecases[i] };
		n++;
	}
	for (size_t i = 0; i < ARRAY_SIZE(extra); i++)
		tests[n++] = extra[i];
	return cmocka_run_group_tests_name("mustache", tests, NULL, NULL);
}
