#!/bin/sh
# run.sh - the comparison site (compare/ under `msgvet build --out`), as built and as a browser
# shows it.
#
#   sh tests/browser/run.sh          (from anywhere; MSGVET names the binary, default ./msgvet;
#                                     CHROMIUM the browser, default /usr/bin/chromium)
#
# Proves: the build writes compare/index.html and a page per messenger, and the same in French
# under compare/fr/ (lang="fr", no English text where French has its own, the links between
# the two copies of each page resolve and lead there, hostile data inert there too); two builds are
# byte-identical; every page passes tidy without a warning and the static checks of
# check_html.py (structure, accessibility, nothing leaving the folder); a hostile messenger
# (hostile/evil.yml) gets through as text only, in the file and in the browser; a broken site template fails the build with
# file:line:col; and in headless Chromium (browse.py, over the DevTools pipe) the matrix
# loads without a console error, its filters (several platforms at once, the desktop group,
# phone number, network type, anonymous routing, unknown facts, undetermined placements,
# combined, reset, by keyboard), version switch and sorting work, it reads
# without JavaScript, its text contrast is at least 4.5:1, it fits a narrow screen, and
# Signal's link opens Signal's page. Screenshots go to tests/out/browser/.
#
# Prints one line per failed check and then "N passed, M failed"; exits 1 on any failure.
set -eu
LC_ALL=C
export LC_ALL
unset NO_COLOR SOURCE_DATE_EPOCH || true

cd "$(dirname "$0")/../.."
MSGVET=${MSGVET:-./msgvet}
case $MSGVET in
/*) ;;
*) MSGVET=$PWD/$MSGVET ;;
esac
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
export CHROMIUM
SHOTS=tests/out/browser
HERE=tests/browser

pass=0
failn=0
ok() { pass=$((pass + 1)); }
fail() {
	echo "FAIL: $*"
	failn=$((failn + 1))
}
finish() {
	echo "$pass passed, $failn failed"
	[ "$failn" -eq 0 ] || exit 1
	exit 0
}
# Count the "ok ..." and "FAIL ..." lines a checker printed to the file $1.
tally() {
	n=$(grep -c '^ok ' "$1" || true)
	pass=$((pass + n))
	n=$(grep -c '^FAIL ' "$1" || true)
	failn=$((failn + n))
	grep '^FAIL ' "$1" | sed 's/^FAIL /FAIL: /' || true
	if ! grep -q '^ok \|^FAIL ' "$1"; then
		fail "$2 printed no result"
		sed 's/^/    /' "$1" | head -20
	fi
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

if [ ! -x "$MSGVET" ]; then
	fail "$MSGVET is not an executable (build it with make)"
	finish
fi

# 1. the build writes the site, the same bytes every time
build() { # root out
	"$MSGVET" --root "$1" --now 2026-01-01 build --out "$2" >"$tmp/build.out" 2>"$tmp/build.err"
}
if build . "$tmp/site" && build . "$tmp/again"; then
	ok
else
	fail "msgvet build failed: $(cat "$tmp/build.err")"
	finish
fi
site=$tmp/site/compare
if [ -f "$site/index.html" ]; then ok; else
	fail "msgvet build wrote no compare/index.html (is site_render called from src/cmd/build.c?)"
	finish
fi
for id in briar element session signal simplex; do
	if [ -f "$site/$id.html" ]; then ok; else fail "no page for $id (compare/$id.html)"; fi
done
if diff -r "$tmp/site" "$tmp/again" >"$tmp/diff"; then ok; else
	fail "two builds differ"
	head -20 "$tmp/diff"
fi

# 2. tidy (HTML validity) and the static checks, on the real data and on hostile data
tidy_all() { # dir
	if ! command -v tidy >/dev/null 2>&1; then
		fail "tidy is not installed (Debian package tidy)"
		return
	fi
	for f in "$1"/*.html; do
		if tidy -q -o /dev/null --show-warnings yes "$f" >"$tmp/tidy" 2>&1 && [ ! -s "$tmp/tidy" ]; then
			ok
		else
			fail "tidy: $f"
			sed 's/^/    /' "$tmp/tidy" | head -10
		fi
	done
}
tidy_all "$site"
python3 "$HERE/check_html.py" "$site" >"$tmp/check" 2>&1 || true
tally "$tmp/check" check_html.py
# the French copy: the same files, each page in French, its links to the English copy
# resolving inside compare/
if [ -d "$site/fr" ] && [ "$(cd "$site" && ls -p | grep -v /)" = "$(cd "$site/fr" && ls -p)" ]; then ok; else
	fail "compare/fr/ does not hold the same files as compare/"
fi
tidy_all "$site/fr"
python3 "$HERE/check_html.py" "$site/fr" "$site" >"$tmp/check" 2>&1 || true
tally "$tmp/check" "check_html.py (fr)"
for f in "$site"/fr/*.html; do
	if head -2 "$f" | grep -qx '<html lang="fr">'; then ok; else fail "$f: not <html lang=\"fr\">"; fi
done
python3 "$HERE/english_strings.py" . fr >"$tmp/english.json" 2>"$tmp/english.err" ||
	fail "english_strings.py failed: $(cat "$tmp/english.err")"
# the changes page (no probe database here: it says so), linked from the index; a badge per
# messenger, well-formed XML with its text as a title, linked from the messenger's page
if grep -q '<a href="changes.html">' "$site/index.html" &&
	grep -q 'No probe history yet' "$site/changes.html"; then ok; else
	fail "compare/changes.html is missing, not linked from the index, or does not say there is no history"
fi
badges() { # dir
	for f in "$1"/*.html; do
		case $f in */index.html | */changes.html) continue ;; esac
		b=${f%.html}-badge.svg
		if python3 -c 'import sys, xml.etree.ElementTree as E; t = E.parse(sys.argv[1]).getroot(); sys.exit(0 if t.find("{http://www.w3.org/2000/svg}title").text.startswith("msgvet: ") else 1)' "$b" 2>"$tmp/xml" &&
			grep -q "<a href=\"$(basename "$b")\">" "$f"; then ok; else
			fail "badge $b: not well-formed SVG with a title, or not linked from $f: $(head -3 "$tmp/xml")"
		fi
	done
}
badges "$site"
badges "$site/fr"

hostile=$tmp/hostile
mkdir -p "$hostile/data/messengers"
cp -R criteria templates "$hostile/"
mkdir -p "$hostile/site" && cp -R site/stubs "$hostile/site/"
cp data/messengers/*.yml "$HERE/hostile/evil.yml" "$hostile/data/messengers/"
if build "$hostile" "$hostile/out" && [ -f "$hostile/out/compare/evil.html" ]; then
	ok
	tidy_all "$hostile/out/compare"
	badges "$hostile/out/compare"
	python3 "$HERE/check_html.py" "$hostile/out/compare" >"$tmp/check" 2>&1 || true
	tally "$tmp/check" "check_html.py (hostile)"
	tidy_all "$hostile/out/compare/fr"
	badges "$hostile/out/compare/fr"
	python3 "$HERE/check_html.py" "$hostile/out/compare/fr" "$hostile/out/compare" >"$tmp/check" 2>&1 || true
	tally "$tmp/check" "check_html.py (hostile, fr)"
	if grep -q '<h1>Evil &lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt; &amp; &quot;Co&quot;</h1>' \
		"$hostile/out/compare/fr/evil.html" &&
		grep -q 'pixel espion' "$hostile/out/compare/fr/evil.html" &&
		! grep -q '="https://tracker\.example' "$hostile/out/compare/fr/evil.html" &&
		grep -q '<div class="prose" lang="en">' "$hostile/out/compare/fr/evil.html"; then ok; else
		fail "fr/evil.html: the hostile name is not escaped text, the French prose is missing or not inert, or the English notes are not marked lang=en"
	fi
	# the hostile strings arrive as text
	if grep -q '<h1>Evil &lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt; &amp; &quot;Co&quot;</h1>' \
		"$hostile/out/compare/evil.html"; then ok; else fail "the hostile name is not escaped text in evil.html"; fi
	if grep -q 'tracking pixel' "$hostile/out/compare/evil.html" &&
		! grep -q '="https://tracker\.example' "$hostile/out/compare/evil.html"; then ok; else
		fail "an image from data became a reference to another site"
	fi
else
	fail "msgvet build with a hostile messenger failed: $(cat "$tmp/build.err")"
fi

# the facts the filters read, as msgvet reports them: browse.py computes what each filter
# must show from these, not from a list written again
"$MSGVET" --root . --now 2026-01-01 facts --format json >"$tmp/facts.json" 2>"$tmp/facts.err" ||
	fail "msgvet facts failed: $(cat "$tmp/facts.err")"

# a variant of the bundled data for what it does not show: Signal's forward-secrecy
# contradicted by an observation (undetermined), Element's network type contradicted
# (unknown), SimpleX's anonymous routing only observed (yes), Briar's desktop client on
# Linux only (the desktop group asks for all three)
variant=$tmp/variant
mkdir -p "$variant/site"
cp -R criteria data templates "$variant/"
cp -R site/stubs "$variant/site/"
sed 's/^      value: \[linux, macos, windows\]$/      value: [linux]/' data/messengers/briar.yml >"$variant/data/messengers/briar.yml"
cat >"$tmp/observed.json" <<'EOF'
{
  "schema": "msgvet-observations/1",
  "observations": [
    {"messenger": "signal", "fact": "forward-secrecy", "value": false, "probe": "test",
     "observed": "2026-01-01", "source": "https://example.org/probe"},
    {"messenger": "element", "fact": "network.type", "value": "centralised", "probe": "test",
     "observed": "2026-01-01", "source": "https://example.org/probe"},
    {"messenger": "simplex", "fact": "network.anonymous-routing", "value": true, "probe": "test",
     "observed": "2026-01-01", "source": "https://example.org/probe"}
  ]
}
EOF
if cmp -s data/messengers/briar.yml "$variant/data/messengers/briar.yml"; then
	fail "the variant did not change Briar's desktop platforms"
elif "$MSGVET" --root "$variant" --observations "$tmp/observed.json" --now 2026-01-01 build \
	--out "$variant/out" --allow-undetermined >"$tmp/build.out" 2>"$tmp/build.err" &&
	"$MSGVET" --root "$variant" --observations "$tmp/observed.json" --now 2026-01-01 facts \
		--format json >"$tmp/variant-facts.json" 2>"$tmp/facts.err"; then
	ok
	tidy_all "$variant/out/compare"
else
	fail "msgvet build of the variant data failed: $(cat "$tmp/build.err" "$tmp/facts.err" 2>/dev/null)"
fi

# 3. a broken site template fails the build with its position, and writes nothing
broken=$tmp/broken
mkdir -p "$broken"
cp -R criteria data templates "$broken/"
mkdir -p "$broken/site" && cp -R site/stubs "$broken/site/"
printf '{{#versions}}\n<p>never closed\n' >>"$broken/templates/site/index.html.mustache"
if build "$broken" "$broken/out"; then
	fail "a broken site template did not fail the build"
else
	rc=$?
	if [ "$rc" -eq 2 ]; then ok; else fail "a broken site template: exit status $rc, expected 2"; fi
	if grep -q "templates/site/index\.html\.mustache:[0-9][0-9]*:[0-9][0-9]*: " "$tmp/build.err"; then ok; else
		fail "a broken site template: no file:line:col in: $(cat "$tmp/build.err")"
	fi
	if [ ! -e "$broken/out" ]; then ok; else fail "a broken site template: the build still wrote files"; fi
fi

# 4. the browser
if [ ! -x "$CHROMIUM" ]; then
	fail "$CHROMIUM is not installed (Debian package chromium)"
	finish
fi
rm -rf "$SHOTS"
mkdir -p "$SHOTS" "$tmp/profile"
hostile_site=
[ -f "$hostile/out/compare/evil.html" ] && hostile_site=$hostile/out
ENGLISH=$tmp/english.json FACTS=$tmp/facts.json VARIANT=$variant/out VARIANT_FACTS=$tmp/variant-facts.json \
	python3 "$HERE/browse.py" "$tmp/site" "$SHOTS" "$tmp/profile" $hostile_site >"$tmp/browse" 2>&1 || true
tally "$tmp/browse" browse.py
for s in index.png index-narrow.png signal.png index-fr.png; do
	if [ -s "$SHOTS/$s" ]; then ok; else fail "no screenshot $SHOTS/$s"; fi
done
finish
