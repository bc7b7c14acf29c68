#!/bin/sh
# Every bundled locale translates 100% of the page's strings (issue 12): the catalogue strings
# the page uses (every key but the comparison site's site.*), the criteria files' texts and the
# messengers' prose. A missing one falls back to English, so the page would mix languages.
#   1. `msgvet i18n` on the bundled data lists no missing page string, in any locale;
#   2. the check can fail: a copy of the data without the French 'downloads' is reported.
#   MSGVET=./msgvet sh tests/i18n-complete.sh
set -eu
LC_ALL=C
export LC_ALL
MSGVET=${MSGVET:-./msgvet}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/msgvet-i18n.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0
failn=0
ok() { pass=$((pass + 1)); }
ko() { echo "FAIL: $*"; failn=$((failn + 1)); }

# missing page strings as "LOCALE FILE KEY" lines, from `msgvet i18n` (text)
missing_page() {
	"$MSGVET" --root "$1" i18n >"$tmp/i18n.out" 2>"$tmp/i18n.err" || {
		ko "msgvet i18n failed under $1: $(cat "$tmp/i18n.err")"
		return 0
	}
	awk '
	/^[a-z][a-z_-]*: [0-9]+ missing/ { loc = $1; sub(/:$/, "", loc); next }
	/^  [^ ]+: / { for (i = 2; i <= NF; i++) if ($i !~ /^site\./) print loc, $1, $i }
	' "$tmp/i18n.out"
}

missing_page . >"$tmp/bundled"
if [ -s "$tmp/bundled" ]; then
	ko "bundled locales miss page strings (they fall back to English on the page):"
	sed 's/^/    /' "$tmp/bundled"
else
	ok
fi
locales=$(awk 'NR > 1 && NF == 4 { print $1 }' "$tmp/i18n.out" | tr '\n' ' ')
case $locales in
*fr*) ok ;;
*) ko "msgvet i18n lists no French locale (found: $locales): the check reads nothing" ;;
esac

mkdir -p "$tmp/root"
cp -R criteria data templates "$tmp/root/"
mkdir -p "$tmp/root/site" && cp -R site/stubs "$tmp/root/site/"
grep -v '^downloads:' templates/i18n/fr.yml >"$tmp/root/templates/i18n/fr.yml"
missing_page "$tmp/root" >"$tmp/broken"
if grep -q '^fr .*templates/i18n/fr.yml: downloads$' "$tmp/broken"; then ok; else
	ko "a French catalogue without 'downloads' is not reported (got: $(cat "$tmp/broken"))"
fi

echo "i18n-complete: $pass passed, $failn failed"
[ "$failn" -eq 0 ]
