#!/bin/sh
# The README's console examples are real: run every "$ msgvet ..." line of a ```console block
# and compare what it prints (stdout and stderr) with the lines that follow it.
set -eu
# the examples print what a reader sees in a UTF-8 terminal, unfitted (as in a pipe)
LC_ALL=C.UTF-8
export LC_ALL
unset COLUMNS || true
MSGVET=${MSGVET:-./msgvet}
unset NO_COLOR || true
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
awk -v dir="$tmp" '
	/^```console$/ { inblock = 1; next }
	/^```$/ && inblock { inblock = 0; close(out); next }
	inblock && /^\$ msgvet / { n++; out = sprintf("%s/%03d.want", dir, n);
		cmd = sprintf("%s/%03d.cmd", dir, n); print substr($0, 10) > cmd; close(cmd);
		printf "" > out; next }
	inblock && out != "" { print > out }
' README.md
pass=0
failn=0
for cmd in "$tmp"/*.cmd; do
	[ -e "$cmd" ] || continue
	base=${cmd%.cmd}
	args=$(cat "$cmd")
	set +e
	eval "\"\$MSGVET\" $args" >"$base.got" 2>&1
	set -e
	if diff -u "$base.want" "$base.got" >"$base.diff"; then
		pass=$((pass + 1))
	else
		echo "FAIL: README example 'msgvet $args' no longer prints what the README shows"
		sed 's/^/    /' "$base.diff" | head -20
		failn=$((failn + 1))
	fi
done
echo "readme: $pass passed, $failn failed"
[ "$failn" -eq 0 ] && [ "$pass" -gt 0 ]
