#!/bin/sh
# tests/licence/limits.sh - `msgvet license` on hostile files, within its limits: a file just
# over the 1 MiB limit and a sparse 8 GiB one (both `unknown`, "too large", without reading
# them whole), a text of exactly 1 MiB (read and compared), a binary, a FIFO and a directory
# (errors, status 2, the other files still printed). Run from the top of the tree.
set -eu
LC_ALL=C
export LC_ALL
MSGVET=${MSGVET:-./msgvet}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
failn=0
check() { # description, command...
	d=$1
	shift
	if "$@"; then pass=$((pass + 1)); else echo "FAIL: $d"; failn=$((failn + 1)); fi
}

# 1 MiB + 1 byte of MIT texts; exactly 1 MiB of them; 8 GiB of holes; a binary
awk 'BEGIN { while (n < 1048577) { s = s "Permission is hereby granted, free of charge, to any person.\n"; n += 61 } printf "%s", substr(s, 1, 1048577) }' >"$tmp/over"
head -c 1048576 "$tmp/over" >"$tmp/limit"
truncate -s 8G "$tmp/sparse"
head -c 4096 /dev/urandom >"$tmp/random.bin"
printf 'x\0y' >>"$tmp/random.bin"
mkfifo "$tmp/fifo"

start=$(date +%s)
set +e
"$MSGVET" license --format json "$tmp/over" "$tmp/limit" "$tmp/sparse" "$tmp/random.bin" "$tmp/fifo" "$tmp" data/licences/MIT.txt >"$tmp/out" 2>"$tmp/err"
rc=$?
set -e
took=$(($(date +%s) - start))
check "exit status $rc, expected 2 (the FIFO and the directory are not files)" [ "$rc" -eq 2 ]
check "took $took s" [ "$took" -le 10 ]
check "no crash report" sh -c "! grep -q 'Sanitizer\|runtime error' '$tmp/err'"
check "the FIFO is refused" grep -q "'$tmp/fifo' is not a regular file" "$tmp/err"
check "the directory is refused" grep -q "'$tmp' is not a regular file" "$tmp/err"
# the JSON: one object per readable file, in order
files=$(grep -c '"file":' "$tmp/out")
check "5 files printed, got $files" [ "$files" -eq 5 ]
reasons=$(grep '"reason":' "$tmp/out" | sed 's/.*"reason": //; s/,$//' | tr '\n' '|')
check "reasons: $reasons" [ "$reasons" = '"too large for a licence text"|"not a known licence text"|"too large for a licence text"|"binary"|null|' ]
licences=$(grep '"license":' "$tmp/out" | sed 's/.*"license": //; s/,$//' | tr '\n' '|')
check "licences: $licences" [ "$licences" = '"unknown"|"unknown"|"unknown"|"unknown"|"MIT"|' ]
echo "licence limits: $pass passed, $failn failed"
[ "$failn" -eq 0 ]
