#!/bin/sh
# preview.sh - build the guide's pages with msgvet and render them with mkdocs, the way
# Privacy Guides does, using the stand-ins of site/stubs/ for the rest of the guide.
#
#   [MSGVET=./msgvet] [MKDOCS=mkdocs] sh site/preview.sh OUT [build options...]
#
# Removes OUT/docs and OUT/html, runs 'msgvet --root TREE build --out OUT [build options]' (TREE: the tree this script is
# in), lays out site/mkdocs.yml and site/stubs/ in OUT (the stand-ins of stubs/docs/ go next
# to every generated page, whose relative links point at them), and runs
# 'mkdocs build --strict' from OUT into OUT/html. mkdocs' log goes to standard output, colours
# removed. Exits 1 when msgvet or mkdocs fails or mkdocs prints a WARNING (strict mode lets
# some through with status 0). 'make preview' runs it with OUT=site; tests/mkdocs.sh runs it
# in a temporary directory and checks the HTML.
set -eu
LC_ALL=C
export LC_ALL
set -f

[ $# -ge 1 ] || {
	echo "usage: sh site/preview.sh OUT [build options...]" >&2
	exit 2
}
out=$1
shift
tree=$(cd "$(dirname "$0")/.." && pwd)
MSGVET=${MSGVET:-$tree/msgvet}
MKDOCS=${MKDOCS:-mkdocs}
case $MSGVET in /*) ;; */*) MSGVET=$PWD/$MSGVET ;; esac
mkdir -p "$out"
out=$(cd "$out" && pwd)

if ! command -v "$MKDOCS" >/dev/null 2>&1; then
	echo "preview.sh: mkdocs is not installed: install the Debian packages mkdocs mkdocs-material mkdocs-material-extensions python3-pymdownx (make test-deps does)" >&2
	exit 1
fi

# docs/ and html/ are generated: start afresh, so that only msgvet's pages are in docs/
rm -rf "$out/docs" "$out/html"
if ! "$MSGVET" --root "$tree" build --out "$out" "$@" >"$out/build.log" 2>&1; then
	echo "preview.sh: msgvet build failed:" >&2
	sed 's/^/    /' "$out/build.log" >&2
	exit 1
fi
rm -f "$out/build.log"

# the stand-ins beside every generated page
[ "$out" = "$tree/site" ] || cp "$tree/site/mkdocs.yml" "$out/mkdocs.yml"
[ "$out" = "$tree/site" ] || { rm -rf "$out/stubs" && cp -R "$tree/site/stubs" "$out/stubs"; }
(cd "$out/docs" && find . -name '*.md' | sed 's|^\./||') >"$out/pages"
sed 's|/[^/]*$||; s|^[^/]*\.md$|.|' "$out/pages" | sort -u | while read -r d; do
	cp -R "$out/stubs/docs/." "$out/docs/$d/"
done

# pymdownx.emoji's custom_icons are relative to the working directory: build from OUT.
set +e
(cd "$out" && "$MKDOCS" build --strict -f "$out/mkdocs.yml" -d "$out/html") >"$out/mkdocs.log" 2>&1
rc=$?
set -e
esc=$(printf '\033')
sed "s/$esc\[[0-9;]*m//g" "$out/mkdocs.log"
if [ $rc -ne 0 ]; then
	echo "preview.sh: mkdocs build --strict exited with status $rc" >&2
	exit 1
fi
if grep -q 'WARNING' "$out/mkdocs.log"; then
	echo "preview.sh: mkdocs printed warnings" >&2
	exit 1
fi
rm -f "$out/mkdocs.log" "$out/pages"
echo "preview: $out/html/index.html"
