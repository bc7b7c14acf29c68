#!/bin/sh
# mkdocs.sh - the generated pages build with the guide's toolchain and render like the guide.
#
#   [MSGVET=./msgvet] sh tests/mkdocs.sh      (run from anywhere; default: the tree's msgvet)
#
# Runs site/preview.sh (what 'make preview' runs) into a temporary directory: it regenerates
# every page with 'msgvet build', lays out site/mkdocs.yml and site/stubs/ beside them (the
# stand-ins in site/stubs/docs/ go next to every generated page, whose relative links point at
# them) and runs 'mkdocs build --strict' (a WARNING line fails even when mkdocs exits 0); this
# script then checks the
# HTML of each generated page: the recommendation cards became admonitions, attr_list,
# md_in_html, emoji icons (inline SVG), footnotes and the downloads <details> were all
# processed, local links and images resolve (with their #anchors), and no web font is
# requested.
#
# Needs Debian's mkdocs, mkdocs-material, mkdocs-material-extensions and python3-pymdownx
# (installed by 'make deps'). MKDOCS names the mkdocs command (default mkdocs); KEEP=1 keeps
# the temporary directory and prints its path.
# Prints one line per failed check and then "N passed, M failed"; exits 1 on any failure.
set -eu
LC_ALL=C
export LC_ALL
set -f

MSGVET=${MSGVET:-}
MKDOCS=${MKDOCS:-mkdocs}
case $MSGVET in
'' | /*) ;;
*/*) MSGVET=$PWD/$MSGVET ;;
esac
cd "$(dirname "$0")/.."
[ -n "$MSGVET" ] || MSGVET=$PWD/msgvet

# The pages msgvet writes, newest English first; each must be in site/mkdocs.yml's nav.
PAGES="real-time-communication.md fr/real-time-communication.md
2024-02/real-time-communication.md 2024-02/fr/real-time-communication.md"
DEB_PKGS="mkdocs mkdocs-material mkdocs-material-extensions python3-pymdownx"

pass=0
failn=0
ok() { pass=$((pass + 1)); }
fail() {
	echo "FAIL: $*"
	failn=$((failn + 1))
}
finish() {
	echo "$pass passed, $failn failed"
	[ "$failn" -eq 0 ]
	exit $?
}
expect() { # expect MESSAGE COMMAND...: passes when COMMAND succeeds
	_m=$1
	shift
	if "$@"; then ok; else fail "$_m"; fi
}
refuse() { # refuse MESSAGE COMMAND...: passes when COMMAND fails
	_m=$1
	shift
	if "$@"; then fail "$_m"; else ok; fi
}

# --- the toolchain -----------------------------------------------------------------------
if ! command -v "$MKDOCS" >/dev/null 2>&1; then
	fail "mkdocs is not installed: install the Debian packages $DEB_PKGS (make deps does)"
	finish
fi
# The interpreter mkdocs runs under must have the theme and the extensions.
py=$(sed -n '1s/^#![ ]*//p' "$(command -v "$MKDOCS")")
[ -n "$py" ] || py=python3
# shellcheck disable=SC2086
if ! $py -c 'import materialx.emoji, pymdownx.emoji, pymdownx.details
from mkdocs.utils import get_theme_names
assert "material" in get_theme_names()' >/dev/null 2>&1; then
	fail "mkdocs cannot load the material theme, materialx.emoji or pymdownx: install the Debian packages $DEB_PKGS (make deps does)"
	finish
fi
ok

tmp=$(mktemp -d)
if [ "${KEEP:-}" = 1 ]; then
	echo "mkdocs.sh: keeping $tmp"
else
	trap 'rm -rf "$tmp"' EXIT
	trap 'rm -rf "$tmp"; exit 1' INT TERM HUP
fi
site=$tmp/site
html=$site/html

# --- generate, lay out and build: site/preview.sh, as 'make preview' does ------------------
set +e
MSGVET=$MSGVET MKDOCS=$MKDOCS sh site/preview.sh "$site" --now 2026-01-01 >"$tmp/preview.log" 2>&1
rc=$?
set -e
cat "$tmp/preview.log"
expect "site/preview.sh (msgvet build, then mkdocs build --strict) failed with status $rc" [ $rc -eq 0 ]
refuse "mkdocs printed warnings: $(grep -c 'WARNING' "$tmp/preview.log")" \
	grep -q 'WARNING' "$tmp/preview.log"
[ -d "$site/docs" ] || finish
(cd "$site/docs" && find . -name '*.md' | sed 's|^\./||' | sort) >"$tmp/all"
# the generated pages are those beside which the stand-ins were laid
grep -vE '^(.*/)?(basics|about|advanced)/' "$tmp/all" >"$tmp/generated" || true
for p in $PAGES; do
	expect "msgvet build did not write docs/$p" \
		grep -qxF "$p" "$tmp/generated"
done
while read -r p; do
	expect "docs/$p was generated but is not in site/mkdocs.yml's nav" \
		grep -qE "^[ ]*- [^:]+: $p\$" site/mkdocs.yml
done <"$tmp/generated"
[ $rc -eq 0 ] || finish

# --- the HTML of each generated page -------------------------------------------------------
count() { # count ERE FILE: occurrences, not lines
	grep -oE "$1" "$2" | wc -l | tr -d ' '
}
same() { # same WANT GOT WHAT PAGE
	expect "$4: $3: $2 in the HTML, $1 in the Markdown" \
		[ "$1" -eq "$2" ]
}
# The target of a relative link from the page at HTML file $1, as a file path.
target() {
	t=${2%%#*}
	t=${t%%\?*}
	case $t in
	'') echo "$1" ;;
	*/ | .) echo "$(dirname "$1")/$t/index.html" ;;
	*) echo "$(dirname "$1")/$t" ;;
	esac
}

SHORTCODE=':(octicons|material|fontawesome|simple)-[a-z0-9-]+:'
while read -r p; do
	md=$site/docs/$p
	h=$html/${p%.md}/index.html
	if [ ! -f "$h" ]; then
		fail "$p: no ${h#"$html"/}"
		continue
	fi
	ok
	# the article only: the theme's own markup does not count
	sed -n '/<article/,/<\/article>/p' "$h" >"$tmp/article"

	title=$(sed -n '2,/^---$/s/^title: *"\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$md")
	expect "$p: the front matter title \"$title\" is not the page's <h1>" \
		grep -qF "<h1>$title</h1>" "$tmp/article"

	want=$(count '<div class="admonition recommendation" markdown>' "$md")
	expect "$p: no recommendation card in the Markdown" \
		[ "$want" -gt 0 ]
	same "$want" "$(count '<div class="admonition recommendation">' "$tmp/article")" \
		"recommendation admonitions" "$p"
	refuse "$p: a markdown attribute is left in the HTML (md_in_html not applied)" \
		grep -qE '<[a-z]+ [^>]*markdown(="[^"]*")?>' "$tmp/article"

	want=$(count "$SHORTCODE" "$md")
	same "$want" "$(count '<span class="twemoji"><svg ' "$tmp/article")" "inline SVG icons" "$p"
	left=$(grep -oE "$SHORTCODE" "$tmp/article" | sort -u | tr '\n' ' ')
	expect "$p: icon shortcodes left as text: $left" \
		[ -z "$left" ]

	same "$(count '\{ \.md-button \.md-button--primary \}' "$md")" \
		"$(count 'class="md-button md-button--primary"' "$tmp/article")" "homepage buttons" "$p"
	same "$(count '\{ \.card-link title=' "$md")" "$(count 'class="card-link"' "$tmp/article")" \
		"card links" "$p"
	same "$(count '\{ align=right \}' "$md")" "$(count '<img align="right"' "$tmp/article")" \
		"right-aligned logos" "$p"
	same "$(count '\)\{ ?\.pg-[a-z-]+ ?\}' "$md")" "$(count '<a class="pg-[a-z-]+"' "$tmp/article")" \
		"threat badges" "$p"
	refuse "$p: attribute lists left as text: $(grep -oE '\{ ?[.#][a-z][^}]*\}|\{ align=[^}]*\}|\{\.pg-[^}]*\}' "$tmp/article" | head -3 | tr '\n' ' ')" \
		grep -qE '\{ ?[.#][a-z]|\{ align=|\{\.pg-' "$tmp/article"

	want=$(count '<details class="downloads" markdown>' "$md")
	expect "$p: no downloads list in the Markdown" \
		[ "$want" -gt 0 ]
	same "$want" "$(count '<details class="downloads">' "$tmp/article")" "downloads <details>" "$p"
	same "$want" "$(count '<summary>[^<]+</summary>' "$tmp/article")" "download summaries" "$p"

	# every admonition (cards, the warning, a criteria note) was processed, whatever its type
	same "$(count '^<div class="admonition [a-z]+" markdown>' "$md")" \
		"$(count '<div class="admonition [a-z]+">' "$tmp/article")" "admonitions" "$p"

	# a version without footnotes (2023-02) has no footnotes block; the others have one
	want=$(count '^\[\^[0-9]+\]:' "$md")
	if [ "$want" -gt 0 ]; then
		expect "$p: no footnotes block" \
			grep -q '<div class="footnote">' "$tmp/article"
	else
		refuse "$p: a footnotes block without footnotes in the Markdown" \
			grep -q '<div class="footnote">' "$tmp/article"
	fi
	same "$want" "$(count '<li id="fn:[0-9]+">' "$tmp/article")" "footnotes" "$p"
	same "$(count '\[\^[0-9]+\]($|[^:])' "$md")" "$(count 'class="footnote-ref"' "$tmp/article")" \
		"footnote references" "$p"
	refuse "$p: footnote markers left as text" \
		grep -qE '\[\^[0-9]+\]' "$tmp/article"

	# Local links and images resolve, anchors included.
	bad=
	grep -oE '(href|src)="[^"]*"' "$tmp/article" | sed 's/^[a-z]*="//; s/"$//' |
		{ grep -vE '^[a-z][a-z0-9+.-]*:|^//|^#$' || true; } | sort -u >"$tmp/links"
	while read -r l; do
		f=$(target "$h" "$l")
		if [ ! -f "$f" ]; then
			bad="$bad $l"
			continue
		fi
		case $l in
		*#*) grep -qF "id=\"${l#*#}\"" "$f" || bad="$bad $l" ;;
		esac
	done <"$tmp/links"
	expect "$p: local links or images that do not resolve:$bad" \
		[ -z "$bad" ]

	refuse "$p: the page requests web fonts" \
		grep -qE 'fonts\.(googleapis|gstatic)\.com' "$h"
done <"$tmp/generated"

# --- hostile data that validate accepts renders inert ----------------------------------------
# The bundled data with hostile strings put where the data may put text: a name, Markdown prose
# (code spans, autolinks, escapes, entities), a donations title with a CR, a description with
# a newline. validate must accept all of it; mkdocs must turn none of it into markup: no
# javascript: URL, no event-handler attribute, no element the page from the bundled data
# does not have.
hroot=$tmp/hroot
mkdir "$hroot"
cp -R criteria data templates "$hroot/"
mkdir -p "$hroot/site" && cp -R site/stubs "$hroot/site/" # the logos the pages show
hm=$hroot/data/messengers/simplex.yml
sed -i 's/^name: SimpleX Chat$/name: "SimpleX <img src=x onerror=alert(1)> | *x* :fontawesome-brands-github: {: onclick=alert(2) } [a](javascript:alert(3)) \&lt;b\&gt; <\/div>"/' "$hm"
sed -i 's/^developer: SimpleX Chat Ltd$/developer: "Ltd\\r<script>alert(4)<\/script>"/' "$hm"
sed -i 's|^  source-code: https://github.com/simplex-chat$|&\n  donations: https://simplex.chat/donate|' "$hm"
sed -i 's/^  en:$/  en:\n    donations-title: "x\\r<script>alert(5)<\/script>\\u2028y\\u2029z\\"} { onclick=alert(6) }"/' "$hm"
sed -i 's/^      link or scanning a QR code\.$/      link or scanning a QR code. Code: `<img src=x onerror=alert(7)>`, ``a ` <b onmouseover=alert(8)>``,\n      an entity \&lt;script\&gt;alert(10)\&lt;\/script\&gt;, a \\{ onclick=alert(11) \\} that is text,\n      a [link](https:\/\/simplex.chat\/ "t\\" onclick=\\"alert(9)") and `` `x` ``./' "$hm"
hc=$hroot/criteria/real-time-communication/2025-05.yml
sed -i 's/^    en: Other instant messengers make all of your private conversations available to the company that runs them\.$/    en: "Other messengers.\\n---\\r\\nmeta_title: injected alert(12)\\u2028title: injected"/' "$hc"
if ! "$MSGVET" --root "$hroot" validate >"$tmp/hval" 2>&1; then
	fail "validate refuses the hostile-but-valid data:"
	sed 's/^/    /' "$tmp/hval" | head -20
	finish
fi
ok
for want in 'onerror=alert(1)' 'alert(5)' 'onerror=alert(7)' 'alert(12)'; do
	expect "the hostile data lost '$want' on the way (the sed edits did not apply)" \
		grep -rqF "$want" "$hroot/data" "$hroot/criteria"
done
hsite=$tmp/hsite
if ! "$MSGVET" --root "$hroot" --now 2026-01-01 build --out "$hsite" >"$tmp/hbuild.log" 2>&1; then
	fail "msgvet build failed on the hostile data:"
	sed 's/^/    /' "$tmp/hbuild.log" | head -20
	finish
fi
cp site/mkdocs.yml "$hsite/mkdocs.yml"
cp -R site/stubs "$hsite/stubs"
sed 's|/[^/]*$||; s|^[^/]*\.md$|.|' "$tmp/generated" | sort -u | while read -r d; do
	cp -R site/stubs/docs/. "$hsite/docs/$d/"
done
set +e
(cd "$hsite" && "$MKDOCS" build --strict -f "$hsite/mkdocs.yml" -d "$hsite/html") >"$tmp/hmkdocs.log" 2>&1
rc=$?
set -e
esc=$(printf '\033')
sed "s/$esc\[[0-9;]*m//g" "$tmp/hmkdocs.log" >"$tmp/hmkdocs.txt"
expect "mkdocs build --strict on the hostile data exited with status $rc: $(grep -m3 -E 'WARNING|ERROR|Error' "$tmp/hmkdocs.txt" | tr '\n' ' ')" [ $rc -eq 0 ]
refuse "mkdocs printed warnings on the hostile data: $(grep -m3 '^WARNING' "$tmp/hmkdocs.txt" | tr '\n' ' ')" \
	grep -q '^WARNING' "$tmp/hmkdocs.txt"
[ $rc -eq 0 ] || finish
# Every element and attribute of a page, parsed as a browser would (html.parser): prints
# "ELEMENT name" for each element name, "BAD why" for each javascript: URL, event-handler
# attribute or script element with inline code.
scan() {
	python3 - "$1" <<'PY'
import sys
from html.parser import HTMLParser
class P(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.script = False
    def handle_starttag(self, tag, attrs):
        print("ELEMENT", tag)
        self.script = tag == "script" and not any(k == "src" for k, _ in attrs)
        for k, v in attrs:
            if k.startswith("on"):
                print("BAD event-handler attribute", k, "on <%s>" % tag)
            if k in ("href", "src", "action", "formaction", "xlink:href", "data") and v and \
               "".join(v.split()).lower().startswith(("javascript:", "vbscript:", "data:text")):
                print("BAD", k, "=", v[:60], "on <%s>" % tag)
    def handle_data(self, data):
        if self.script and "alert(" in data:
            print("BAD a script with alert()")
    def handle_endtag(self, tag):
        self.script = False
P().feed(open(sys.argv[1], encoding="utf-8").read())
PY
}
for p in $PAGES; do
	h=$hsite/html/${p%.md}/index.html
	n=$html/${p%.md}/index.html
	if [ ! -f "$h" ]; then
		fail "hostile $p: no HTML"
		continue
	fi
	ok
	expect "hostile $p: the hostile name is not on the page as text" \
		grep -qF 'onerror=alert(1)' "$h"
	scan "$h" >"$tmp/hscan"
	scan "$n" >"$tmp/nscan"
	bad=$(grep '^BAD' "$tmp/hscan" | sort -u | head -5 | tr '\n' ';')
	expect "hostile $p: $bad" [ -z "$bad" ]
	extra=$(grep '^ELEMENT' "$tmp/hscan" | sort -u | comm -23 - "$(grep '^ELEMENT' "$tmp/nscan" | sort -u >"$tmp/nel"; echo "$tmp/nel")" | tr '\n' ' ')
	expect "hostile $p: elements the templates did not write: $extra" [ -z "$extra" ]
	# the front matter held: the description did not end it and add a key
	refuse "hostile $p: the front matter was broken by a line break in the description" \
		grep -qF '<title>injected' "$h"
done

finish
