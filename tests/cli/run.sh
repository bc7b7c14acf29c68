#!/bin/sh
# End-to-end tests of the msgvet binary: every case is a command line with its expected
# standard output, standard error and exit status (golden files).
#
#   tests/cli/cases/NAME.cmd   arguments, one line, shell words ("msgvet" is prepended)
#   tests/cli/cases/NAME.out   expected stdout          (absent: must be empty)
#   tests/cli/cases/NAME.err   expected stderr          (absent: must be empty)
#   tests/cli/cases/NAME.rc    expected exit status     (absent: 0)
#   tests/cli/cases/NAME.env   optional: environment assignments for the case, one line of
#                              shell words (COLUMNS=60, LC_ALL=C)
#
# Cases run in the C.UTF-8 locale (the marks are UTF-8) with no COLUMNS (output unfitted, as
# in a pipe), unless their .env says otherwise.
# Run from the top of the tree. MSGVET names the binary (default ./msgvet).
# UPDATE=1 rewrites the golden files from the current output: review the diff before committing.
# WRAP="valgrind --leak-check=full --error-exitcode=99 -q" runs every case under a wrapper.
set -eu
LC_ALL=C.UTF-8
export LC_ALL
MSGVET=${MSGVET:-./msgvet}
unset NO_COLOR SOURCE_DATE_EPOCH COLUMNS || true
# a fixed clock for every case
SOURCE_DATE_EPOCH=1767225600 # 2026-01-01
export SOURCE_DATE_EPOCH

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

pass=0
failn=0
for cmd in tests/cli/cases/*.cmd; do
	name=$(basename "$cmd" .cmd)
	base=tests/cli/cases/$name
	args=$(cat "$cmd")
	envs=
	[ -f "$base.env" ] && envs="env $(cat "$base.env")"
	set +e
	eval "$envs ${WRAP:-} \"\$MSGVET\" $args" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	set -e
	# the binary's name in messages is always "msgvet"
	want_rc=0
	[ -f "$base.rc" ] && want_rc=$(cat "$base.rc")
	if [ "${UPDATE:-}" = 1 ]; then
		if [ -s "$tmp/out" ]; then cp "$tmp/out" "$base.out"; else rm -f "$base.out"; fi
		if [ -s "$tmp/err" ]; then cp "$tmp/err" "$base.err"; else rm -f "$base.err"; fi
		if [ "$rc" -ne 0 ]; then echo "$rc" >"$base.rc"; else rm -f "$base.rc"; fi
		want_rc=$rc
	fi
	ok=1
	if [ "$rc" -ge 128 ] || [ "$rc" -eq 99 ] || grep -q "Sanitizer\|runtime error:\|definitely lost\|Invalid read\|Invalid write" "$tmp/err"; then
		echo "FAIL $name: crashed (status $rc)"
		sed 's/^/    /' "$tmp/err" | head -20
		ok=0
	elif [ "$rc" -ne "$want_rc" ]; then
		echo "FAIL $name: exit status $rc, expected $want_rc"
		ok=0
	fi
	for s in out err; do
		[ -f "$base.$s" ] && want="$base.$s" || want=/dev/null
		if ! diff -u "$want" "$tmp/$s" >"$tmp/diff"; then
			echo "FAIL $name: std$s differs"
			sed 's/^/    /' "$tmp/diff" | head -40
			ok=0
		fi
	done
	if [ $ok = 1 ]; then
		pass=$((pass + 1))
	else
		failn=$((failn + 1))
	fi
done
echo "cli: $pass passed, $failn failed"
[ "$failn" -eq 0 ]
