#!/bin/sh
# Hostile and malformed input tests for `msgvet validate`.
#
#   tests/bad/base/            a small valid data root (criteria/ and data/messengers/)
#   tests/bad/cases/NN-name/   one case: files that replace or add to the base, plus
#       expected               the exact expected stderr; the temporary root is shown as ROOT
#       generate               optional: `sh generate ROOT` writes more files into the root
#                              (for inputs too big to keep in the repository)
#
# Every case must exit with status 2, print exactly `expected` on stderr and not crash (no
# signal, no sanitizer report). The base itself must validate (status 0, empty stderr).
#
#   sh tests/bad/run.sh [case-name...]
#   MSGVET=./msgvet-san sh tests/bad/run.sh
#   WRAP='valgrind -q --leak-check=full --error-exitcode=99' sh tests/bad/run.sh 05-duplicate-key
#   UPDATE=1 sh tests/bad/run.sh ...   rewrite `expected` from the current output (review it!)
set -eu
LC_ALL=C
export LC_ALL
unset SOURCE_DATE_EPOCH NO_COLOR || true

here=$(cd "$(dirname "$0")" && pwd)
MSGVET=${MSGVET:-./msgvet}
case $MSGVET in
*/*) MSGVET=$(cd "$(dirname "$MSGVET")" && pwd)/$(basename "$MSGVET") ;;
esac
WRAP=${WRAP:-}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/msgvet-bad.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
root=$tmp/root

# Build a root from the base plus a case directory (none for the base alone).
assemble() {
	rm -rf "$root"
	mkdir -p "$root"
	cp -R "$here/base/." "$root/"
	[ -n "$1" ] || return 0
	(cd "$1" && find . -type f ! -name expected ! -name generate) |
		while IFS= read -r f; do
			mkdir -p "$root/$(dirname "$f")"
			cp "$1/$f" "$root/$f"
		done
	if [ -f "$1/generate" ]; then
		sh "$1/generate" "$root"
	fi
}

# Run msgvet on the root; status in $rc, normalised stderr in $tmp/err.
run() {
	set +e
	$WRAP "$MSGVET" --root "$root" validate >"$tmp/out" 2>"$tmp/raw"
	rc=$?
	set -e
	# the temporary directory becomes ROOT (escape it for sed: it may hold any character)
	pat=$(printf '%s\n' "$root" | sed 's/[][\.*^$/]/\\&/g')
	sed "s/$pat/ROOT/g" "$tmp/raw" >"$tmp/err"
}

# A crash is a signal, a sanitizer or valgrind report: always a failure.
crashed() {
	[ "$rc" -ge 128 ] ||
		grep -q 'Sanitizer\|runtime error:\|^==[0-9]*==' "$tmp/raw"
}

pass=0
failn=0
report() { # name ok|FAIL [reason]
	if [ "$2" = ok ]; then
		pass=$((pass + 1))
		echo "ok   $1"
	else
		failn=$((failn + 1))
		echo "FAIL $1: $3"
	fi
}

if [ $# -eq 0 ]; then
	assemble ""
	run
	if crashed; then
		report base FAIL "crashed (status $rc)"
		sed 's/^/    /' "$tmp/raw" | head -20
	elif [ "$rc" -ne 0 ] || [ -s "$tmp/err" ]; then
		report base FAIL "the valid base does not validate (status $rc)"
		sed 's/^/    /' "$tmp/err" | head -20
	else
		report base ok
	fi
fi

run_case() {
	dir=${1%/}
	name=${dir##*/}
	if [ ! -d "$dir" ]; then
		report "$name" FAIL "no such case"
		return 0
	fi
	if ! assemble "$dir"; then
		report "$name" FAIL "could not build its data root"
		return 0
	fi
	run
	if [ "${UPDATE:-}" = 1 ] && ! crashed; then
		cp "$tmp/err" "$dir/expected"
	fi
	if crashed; then
		report "$name" FAIL "crashed (status $rc)"
		sed 's/^/    /' "$tmp/raw" | head -30
	elif [ "$rc" -ne 2 ]; then
		report "$name" FAIL "exit status $rc, expected 2"
		sed 's/^/    /' "$tmp/err" | head -20
	elif [ ! -f "$dir/expected" ]; then
		report "$name" FAIL "no 'expected' file"
		sed 's/^/    /' "$tmp/err" | head -20
	elif ! diff -u "$dir/expected" "$tmp/err" >"$tmp/diff"; then
		report "$name" FAIL "stderr differs from 'expected'"
		sed 's/^/    /' "$tmp/diff" | head -40
	else
		report "$name" ok
	fi
}

if [ $# -gt 0 ]; then
	for n in "$@"; do
		run_case "$here/cases/${n##*/}"
	done
else
	for dir in "$here"/cases/*/; do
		run_case "$dir"
	done
fi

echo "$pass passed, $failn failed"
[ "$failn" -eq 0 ]
