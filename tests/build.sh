#!/bin/sh
# build.sh - what `msgvet build` promises beyond its output: the output set is atomic, and a
# template that multiplies its output stops at the render budget, fast.
#
#   [MSGVET=./msgvet] sh tests/build.sh      (run from the top of the tree)
#
# Prints one line per failed check and then "N passed, M failed"; exits 1 on any failure.
set -eu
LC_ALL=C
export LC_ALL
unset SOURCE_DATE_EPOCH NO_COLOR || true
MSGVET=${MSGVET:-./msgvet}
case $MSGVET in
*/*) MSGVET=$(cd "$(dirname "$MSGVET")" && pwd)/$(basename "$MSGVET") ;;
esac

pass=0
failn=0
check() { # check MESSAGE COMMAND...: passes when COMMAND succeeds
	_m=$1
	shift
	if "$@"; then pass=$((pass + 1)); else echo "FAIL: $_m"; failn=$((failn + 1)); fi
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

# --- atomic output set -----------------------------------------------------------------
out=$tmp/site
"$MSGVET" --root . --now 2026-01-01 build --out "$out" 2>"$tmp/err1"
check "a first build writes the page" [ -f "$out/docs/real-time-communication.md" ]
# mark every file of the first build, then make one file of the set impossible to replace
find "$out" -type f -exec sh -c 'printf "old\n" >"$1"' _ {} \;
rm "$out/msgvet.json"
mkdir "$out/msgvet.json"
set +e
"$MSGVET" --root . --now 2026-01-01 build --out "$out" 2>"$tmp/err2"
rc=$?
set -e
check "build exits 3 when msgvet.json is a directory (got $rc)" [ "$rc" -eq 3 ]
check "build names the file it cannot put in place: $(cat "$tmp/err2")" \
	grep -q "msgvet.json" "$tmp/err2"
changed=$(find "$out" -type f -exec grep -LxF old {} + | head -3)
check "files of the set were replaced although one could not be: $changed" [ -z "$changed" ]
left=$(find "$out" -name '*.tmp*' -o -name '.*' -type f | head -3)
check "temporary files left behind: $left" [ -z "$left" ]

# --- render budget -----------------------------------------------------------------------
root=$tmp/root
mkdir "$root"
cp -R criteria data templates "$root/"
mkdir -p "$root/site" && cp -R site/stubs "$root/site/" # the logos the pages show
# twelve nested sections over the minimum criteria: 8^12 copies of the text without a budget
open='' close=''
i=0
while [ $i -lt 12 ]; do
	open="$open{{#minimum}}"
	close="$close{{/minimum}}"
	i=$((i + 1))
done
printf '%s{{{text}}}\n%s\n' "$open" "$close" >"$root/templates/page.md.mustache"
"$MSGVET" --root "$root" validate >/dev/null 2>"$tmp/verr" ||
	check "the nested template validates: $(cat "$tmp/verr")" false
start=$(date +%s)
set +e
timeout 30 "$MSGVET" --root "$root" --now 2026-01-01 build --out "$tmp/out2" 2>"$tmp/err3"
rc=$?
set -e
took=$(($(date +%s) - start))
check "a multiplying template exits 2 (got $rc)" [ "$rc" -eq 2 ]
check "it stops at the budget with file:line: $(head -c 300 "$tmp/err3")" \
	grep -qE '^[^:]+/page\.md\.mustache:[0-9]+:[0-9]+: output exceeds the limit of 16777216 bytes' "$tmp/err3"
check "it takes ${took}s, more than 10s" [ "$took" -le 10 ]
check "it writes nothing" [ ! -e "$tmp/out2" ]

# --- the clock: --now and SOURCE_DATE_EPOCH accept the same range ---------------------------
clock() { # clock WANT-RC EXPECTED-STDERR-PATTERN COMMAND...
	_want=$1 _pat=$2
	shift 2
	set +e
	"$@" >/dev/null 2>"$tmp/cerr"
	_rc=$?
	set -e
	check "$* exits $_rc, expected $_want" [ "$_rc" -eq "$_want" ]
	if [ -z "$_pat" ]; then
		check "$*: stderr '$(cat "$tmp/cerr")' is not empty" [ ! -s "$tmp/cerr" ]
	else
		check "$*: stderr '$(cat "$tmp/cerr")' does not match '$_pat'" grep -qE -e "$_pat" "$tmp/cerr"
	fi
}
clock 0 '' env SOURCE_DATE_EPOCH=0 "$MSGVET" list
clock 0 '' env SOURCE_DATE_EPOCH=253402300799 "$MSGVET" list
clock 2 "SOURCE_DATE_EPOCH '253402300800' is out of range \\(0 to 253402300799" \
	env SOURCE_DATE_EPOCH=253402300800 "$MSGVET" list
clock 2 "SOURCE_DATE_EPOCH '-1' is out of range" env SOURCE_DATE_EPOCH=-1 "$MSGVET" list
clock 2 "SOURCE_DATE_EPOCH '99999999999999999999' is not a number" \
	env SOURCE_DATE_EPOCH=99999999999999999999 "$MSGVET" list
clock 0 '' "$MSGVET" --now 1970-01-01 list
clock 0 '' "$MSGVET" --now 9999-12-31 list
clock 2 "--now '1969-12-31' is not a date from 1970-01-01 to 9999-12-31" "$MSGVET" --now 1969-12-31 list

echo "build: $pass passed, $failn failed"
[ "$failn" -eq 0 ]
