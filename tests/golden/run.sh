#!/bin/sh
# Golden files for everything `msgvet build` writes (every page of every criteria version and
# locale, the exports), plus the properties a build must keep:
#   - byte-identical output across runs with the same inputs and --now;
#   - a build that fails halfway leaves the previous output untouched;
#   - the 2024-02 French page has the reference page's structure (front matter keys,
#     headings, cards, link and download URLs in order, criteria lists, footnotes).
# UPDATE=1 rewrites tests/golden/site from the current output: review the diff.
set -eu
LC_ALL=C
export LC_ALL
MSGVET=${MSGVET:-./msgvet}
REFERENCE=${REFERENCE:-../shared/reference/real-time-communication.fr.md}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
failn=0
ok() { pass=$((pass + 1)); }
ko() { echo "FAIL: $*"; failn=$((failn + 1)); }

# 1. every output against its golden file
"$MSGVET" --root . --now 2026-01-01 build --out "$tmp/a" 2>"$tmp/a.err" || ko "build failed: $(cat "$tmp/a.err")"
if [ "${UPDATE:-}" = 1 ]; then
	rm -rf tests/golden/site
	cp -R "$tmp/a" tests/golden/site
fi
if diff -ru tests/golden/site "$tmp/a" >"$tmp/diff"; then ok; else
	ko "build output differs from tests/golden/site"
	head -60 "$tmp/diff" | sed 's/^/    /'
fi

# 2. byte-identical across runs
"$MSGVET" --root . --now 2026-01-01 build --out "$tmp/b" 2>/dev/null
if diff -r "$tmp/a" "$tmp/b" >/dev/null; then ok; else ko "two builds differ"; fi

# 3. a failing build writes nothing: break the card partial in a copy of the root
mkdir -p "$tmp/root"
cp -R criteria data templates "$tmp/root/"
mkdir -p "$tmp/root/site" && cp -R site/stubs "$tmp/root/site/"
printf '{{#name}}\nunclosed\n' >"$tmp/root/templates/partials/card.md.mustache"
cp -R "$tmp/a" "$tmp/c"
set +e
"$MSGVET" --root "$tmp/root" --now 2026-01-01 build --out "$tmp/c" 2>"$tmp/c.err"
rc=$?
set -e
if [ "$rc" -eq 2 ] && grep -q 'card.md' "$tmp/c.err"; then ok; else
	ko "a broken partial should fail with status 2 and name the file (status $rc: $(cat "$tmp/c.err"))"
fi
if diff -r "$tmp/a" "$tmp/c" >/dev/null; then ok; else ko "a failed build changed the previous output"; fi
if find "$tmp/c" -name '*.tmp.*' | grep -q .; then ko "temporary files left behind"; else ok; fi

# 4. one page: --criteria and --locale write DIR/<page>.md
"$MSGVET" --root . --now 2026-01-01 build --criteria real-time-communication@2024-02 --locale fr --out "$tmp/one" 2>/dev/null
if [ "$(ls "$tmp/one")" = real-time-communication.md ] &&
	cmp -s "$tmp/one/real-time-communication.md" "$tmp/a/docs/2024-02/fr/real-time-communication.md"; then ok; else
	ko "build --criteria --locale --out should write exactly DIR/real-time-communication.md"
fi

# 5. data cannot open or close a block the page template owns
mkdir -p "$tmp/evil"
cp -R criteria data templates "$tmp/evil/"
mkdir -p "$tmp/evil/site" && cp -R site/stubs "$tmp/evil/site/"
cat >"$tmp/evil/data/messengers/evil.yml" <<'YAML'
id: evil
name: "Evil </div> <details> {: onclick=alert(1)} ### Heading"
order: 1
links:
  homepage: "https://evil.example.org/){onclick=alert(1)}"
  privacy-policy: "https://evil.example.org/a(b)[c]{d}"
clients:
  - {name: e, repository: "https://evil.example.org/e", licence: MIT, platforms: [android],
     source: "https://evil.example.org/s", checked: 2026-01-01}
downloads:
  - {channel: direct, platform: android, url: "https://evil.example.org/x)]{y}"}
prose:
  en:
    summary: "Markdown only: **bold**, `</div>` in code."
YAML
"$MSGVET" --root "$tmp/evil" --now 2026-01-01 build --criteria real-time-communication@2024-02 --locale en --allow-undetermined --out "$tmp/evil/out" 2>"$tmp/evil.err" || true
page="$tmp/evil/out/real-time-communication.md"
if [ -f "$page" ] && ! grep -q 'onclick=alert(1)}' "$page" &&
	[ "$(grep -c '^<div' "$page")" = "$(grep -c '^</div>' "$page")" ] &&
	! grep -q '^Evil\|^### Heading\|^<details> {' "$page"; then ok; else
	ko "hostile strings from data changed the page's blocks: $(cat "$tmp/evil.err")"
fi

# 6. the reference page's structure, wording aside
structure() {
	awk '
	function url(s) { i = index(s, "]("); if (!i) return ""; s = substr(s, i + 2); sub(/\).*/, "", s); return s }
	/^---$/ { fm = !fm; print "front-matter"; next }
	fm { sub(/:.*/, ""); print "key " $0; next }
	/^#+ / { print "heading " $0; next }
	/^<div class="admonition/ { print "admonition " $3; next }
	/^- / { print "item " url($0); next }
	/^\[:octicons-home-16:/ { print "homepage " url($0); next }
	/^\[:octicons-[a-z]+-16:\]\(/ { split($0, b, ":"); print "card-link " b[2] " " url($0); next }
	/^!\[/ { print "logo " url($0); next }
	/^\[\^[0-9]+\]:/ { sub(/\].*/, ""); print "footnote " $0; next }
	' "$1"
}
if [ -f "$REFERENCE" ]; then
	structure "$REFERENCE" >"$tmp/ref.s"
	structure "$tmp/a/docs/2024-02/fr/real-time-communication.md" >"$tmp/gen.s"
	if diff -u "$tmp/ref.s" "$tmp/gen.s" >"$tmp/sdiff"; then ok; else
		ko "the 2024-02 French page's structure differs from the reference page"
		head -40 "$tmp/sdiff" | sed 's/^/    /'
	fi
else
	ko "$REFERENCE not found: the reference page's structure cannot be checked (set REFERENCE=FILE)"
fi
echo "golden: $pass passed, $failn failed"
[ "$failn" -eq 0 ]
