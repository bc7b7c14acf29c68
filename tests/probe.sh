#!/bin/sh
# msgvet probe end to end, offline: the production URLs of the bundled messengers (GitHub,
# GitLab, Apple, F-Droid, Flathub, every declared link) pointed with --connect-to at the fixture
# HTTPS server (tests/fixtures/https-server) on 127.0.0.1, trusted with --cacert, answering from
# tests/fixtures/probe/normal (any other URL: tests/fixtures/probe/default). Checks: a normal run
# stores confirmed, contradicted and observed-only observations that facts and explain show; a
# second run gets 304s and reuses them; error answers (404, 500, rate limit, redirect to http,
# truncated body, invalid JSON, wrong shape) end as failed observations with reasons and the
# run completes; a run killed midway leaves the store as the previous run left it; GITHUB_TOKEN
# never appears in any output, the database or the site.
#   MSGVET=./msgvet sh tests/probe.sh
#   WRAP='valgrind -q --leak-check=full --error-exitcode=99' sh tests/probe.sh   (make valgrind)
set -eu
LC_ALL=C
export LC_ALL
unset SOURCE_DATE_EPOCH NO_COLOR COLUMNS GITHUB_TOKEN || true
MSGVET=${MSGVET:-./msgvet}
WRAP=${WRAP:-}
case $MSGVET in
*/*) MSGVET=$(cd "$(dirname "$MSGVET")" && pwd)/$(basename "$MSGVET") ;;
esac
command -v python3 >/dev/null && command -v openssl >/dev/null && command -v sqlite3 >/dev/null ||
	{ echo "FAIL: tests/probe.sh needs python3, openssl and sqlite3"; exit 1; }
top=$(pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/msgvet-probe.XXXXXX")
spid=
cleanup() {
	exec 3>&- 2>/dev/null || true
	[ -n "$spid" ] && kill "$spid" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT
pass=0
failn=0
ok() { pass=$((pass + 1)); }
ko() { echo "FAIL: $*"; failn=$((failn + 1)); }
has() {
	if grep -qF -- "$2" "$1"; then ok; else
		ko "$3: '$2' not in $1:"
		sed 's/^/    /' "$1" | head -20
	fi
}
hasnt() {
	if grep -qF -- "$2" "$1"; then ko "$3: '$2' in $1"; else ok; fi
}
run() {
	want=$1
	shift
	set +e
	# shellcheck disable=SC2086
	$WRAP "$MSGVET" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	set -e
	if [ "$rc" -eq "$want" ]; then ok; else
		ko "msgvet $* exited $rc, expected $want:"
		sed 's/^/    /' "$tmp/err" | head -20
	fi
}
# server ANSWERS...: (re)start the fixture server on the answer directories given
server() {
	exec 3>&- 2>/dev/null || true
	[ -n "$spid" ] && { kill "$spid" 2>/dev/null || true; wait "$spid" 2>/dev/null || true; }
	rm -f "$tmp/in" "$tmp/port"
	mkfifo "$tmp/in"
	set --
	for d in $answers; do set -- "$@" --answers "$top/tests/fixtures/probe/$d"; done
	for h in app.element.io apps.apple.com blog.quarkslab.com briarproject.org element.io \
		eprint.iacr.org getsession.org signal.org simplex.chat support.signal.org www.nccgroup.com; do
		set -- "$@" --name "$h"
	done
	python3 "$top/tests/fixtures/https-server" "$@" --default "$top/tests/fixtures/probe/default" \
		--certs "$tmp/ca" --log "$tmp/log" <"$tmp/in" >"$tmp/port" &
	spid=$!
	exec 3>"$tmp/in"
	i=0
	while [ ! -s "$tmp/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	port=$(head -1 "$tmp/port")
	[ -n "$port" ] || { echo "FAIL: the fixture server did not start"; exit 1; }
	net="--connect-to ::127.0.0.1:$port --cacert $tmp/ca/ca.pem"
}

# a root with the bundled data, and an F-Droid download for Briar
mkdir "$tmp/root"
cp -R criteria data templates "$tmp/root/"
mkdir -p "$tmp/root/site" && cp -R site/stubs "$tmp/root/site/" # the logos the pages show
python3 - "$tmp/root/data/messengers/briar.yml" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
s = s.replace("downloads:\n", "downloads:\n  - channel: f-droid\n    platform: android\n    url: https://f-droid.org/packages/org.briarproject.briar.android/\n    store-id: org.briarproject.briar.android\n", 1)
open(p, "w").write(s)
PY
# matrix.org as the homeserver of Element's Synapse (the update feeds are in the bundled data)
python3 - "$tmp/root/data/messengers" <<'PY'
import sys
d = sys.argv[1]
# the feeds are declared in the bundled data; the homeserver is the test's own addition
s = open(d + "/element.yml").read()
s = s.replace("    repository: https://github.com/element-hq/synapse\n", "    repository: https://github.com/element-hq/synapse\n    homeserver: matrix.org\n", 1)
open(d + "/element.yml", "w").write(s)
PY
cd "$tmp/root"
db="$tmp/db"

# --dry-run: the targets, without network or database
run 0 probe --dry-run briar
has "$tmp/out" "https://f-droid.org/api/v1/packages/org.briarproject.briar.android" "dry run lists F-Droid"
has "$tmp/out" "https://code.briarproject.org/api/v4/projects/briar%2Fbriar?license=true" "dry run lists GitLab"
[ ! -e "$db" ] && [ ! -e .msgvet ] && ok || ko "--dry-run created a database"
run 2 probe --only forg
has "$tmp/err" "did you mean 'forge'" "--only suggests"
run 0 probe --dry-run signal element
has "$tmp/out" "feeds   https://updates.signal.org/desktop/latest-mac.yml" "dry run lists a feed"
has "$tmp/out" "matrix  https://matrix.org/_matrix/federation/v1/version" "dry run lists the federation version"
has "$tmp/out" "matrix  https://matrix.org/.well-known/matrix/server" "dry run lists the well-known"
n=$(grep -c "^  [a-z]* *https://updates.signal.org/android/latest.json\$" "$tmp/out" || true)
[ "$n" -eq 1 ] && ok || ko "a feed URL is fetched once (by the feeds adapter, not links too): $n"

# 1. a normal run
answers=normal
server
run 0 --db "$db" probe $net
has "$tmp/out" "total" "summary table"
has "$tmp/out" "failed: not-told 1" "the deprecated licence id is counted as not told"
has "$tmp/err" "msgvet probe: signal: " "one line per messenger"
run 0 --db "$db" facts signal
grep -F 'clients[https://github.com/signalapp/Signal-iOS].licence' "$tmp/out" >"$tmp/l"
has "$tmp/l" confirmed "licence confirmed"
grep -F 'clients[https://github.com/signalapp/Signal-Desktop].licence' "$tmp/out" >"$tmp/l"
has "$tmp/l" contradicted "licence contradicted"
grep -F 'release.latest.version' "$tmp/out" >"$tmp/l"
has "$tmp/l" "7.50.3" "release observed"
has "$tmp/l" "observed-only" "release observed-only"
grep -F 'store.app-store.offered' "$tmp/out" >"$tmp/l"
has "$tmp/l" "true" "Apple store observed"
grep -F 'links.homepage' "$tmp/out" >"$tmp/l"
has "$tmp/l" confirmed "link confirmed"
run 0 --db "$db" facts briar
has "$tmp/out" "store.f-droid.version" "F-Droid observed"
has "$tmp/out" "1.5.10" "F-Droid and GitLab versions"
has "$tmp/out" "store.flathub.released" "Flathub observed"
run 0 --db "$db" facts session
grep -F 'store.app-store.offered' "$tmp/out" >"$tmp/l"
has "$tmp/l" "false" "not in the App Store"
run 0 --db "$db" facts element
grep -F 'repository.archived' "$tmp/out" >"$tmp/l"
has "$tmp/l" "false" "the first client as written (element-web) stands for the repository"
run 0 --db "$db" explain signal open-source-clients
has "$tmp/out" "contradicted: forge saw GPL-3.0-only" "explain shows the contradiction"
run 0 --db "$db" show signal
has "$tmp/out" "confirmed" "show shows the observations"
# update feeds: per-platform versions and dates, the feed URLs confirmed
run 0 --db "$db" facts signal
fact() { grep -F "$1" "$tmp/out" >"$tmp/l" || true; has "$tmp/l" "$2" "$3"; }
fact 'feed.windows.version' '7.63.0' "electron YAML version"
fact 'feed.windows.released' '2025-07-16' "electron YAML date"
sqlite3 "$db" "SELECT value FROM observations WHERE messenger = 'signal' AND fact = 'feed.macos.version'" >"$tmp/l"
has "$tmp/l" '"7.10"' "electron YAML keeps 7.10 a string"
fact 'feed.linux.version' '7.63.0' "apt: the highest signal-desktop version (Debian order, not the beta or ~rc1)"
fact 'feed.android.version' '7.50.3' "Signal Android JSON"
fact 'feed.android.version' 'observed-only' "feed facts are observed-only"
fact 'update-feeds[https://updates.signal.org/android/latest.json].url' confirmed "the feed URL confirmed"
run 0 --db "$db" facts element
fact 'feed.macos.version' '1.11.106' "Element releases.json: the current release"
fact 'feed.macos.released' '2025-07-15' "Element releases.json: its date"
fact 'feed.linux.version' '1:1.0.0' "apt: an epoch outranks a higher upstream version"
# matrix: the homeserver declared for Synapse
fact 'servers[https://github.com/element-hq/synapse].homeserver' confirmed "homeserver confirmed"
fact 'federation.live' 'true' "federation live"
fact 'federation.software' 'Synapse' "federation software"
fact 'federation.software-version' '1.135.0' "federation software version"
fact 'federation.delegation' 'matrix-federation.matrix.org:443' "well-known delegation"
fact 'federation.client-version' 'v1.11' "the newest client spec version (v1.11 after v1.9)"
n1=$(sqlite3 "$db" "SELECT count(*) FROM observations")
[ "$n1" -gt 100 ] && ok || ko "expected over 100 observations, found $n1"

# 2. unchanged ETags: 304s, the observations reused
: >"$tmp/log"
run 0 --db "$db" probe $net
n304=$(sqlite3 "$db" "SELECT count(*) FROM observations WHERE run = (SELECT max(id) FROM runs) AND status = 'not-modified'")
[ "$n304" -gt 100 ] && ok || ko "expected the second run's observations to come from 304s, found $n304"
conditional=$(awk -F'\t' '$4 != "-"' "$tmp/log" | wc -l)
[ "$conditional" -gt 40 ] && ok || ko "expected conditional requests, found $conditional"
run 0 --db "$db" facts signal
grep -F 'release.latest.version' "$tmp/out" >"$tmp/l"
has "$tmp/l" "7.50.3" "the 304 reuses the cached observation"

# 3. errors: each a failed observation with its reason, and the run completes
answers="normal errors"
server
run 0 --db "$db" probe signal $net
cp "$tmp/out" "$tmp/sum"
for r in http-error rate-limited redirect-refused truncated unexpected-answer; do
	has "$tmp/sum" "$r" "failed by reason $r"
done
q() { sqlite3 "$db" "SELECT status || ' | ' || coalesce(detail, '') FROM observations WHERE run = (SELECT max(id) FROM runs) AND fact = '$1' AND value IS NULL"; }
q 'clients[https://github.com/signalapp/Signal-Android].licence' >"$tmp/l"; has "$tmp/l" "404" "404"
q 'clients[https://github.com/signalapp/Signal-iOS].licence' >"$tmp/l"; has "$tmp/l" "500" "500"
q 'clients[https://github.com/signalapp/Signal-Desktop].licence' >"$tmp/l"; has "$tmp/l" "rate-limited" "rate limit"
q 'links.privacy-policy' >"$tmp/l"; has "$tmp/l" "redirect-refused" "redirect to http"
q 'servers[https://github.com/signalapp/Signal-Server].licence' >"$tmp/l"; has "$tmp/l" "truncated" "truncated body"
q 'store.app-store.offered' >"$tmp/l"; has "$tmp/l" "unexpected-answer" "invalid JSON"
q 'release.latest.version' >"$tmp/l"; has "$tmp/l" "unexpected-answer" "wrong shape"
run 0 --db "$db" facts signal
grep -F 'release.latest.version' "$tmp/out" >"$tmp/l"
has "$tmp/l" "failed" "facts shows the failure"
sqlite3 "$db" "PRAGMA integrity_check" >"$tmp/l"; has "$tmp/l" "ok" "store consistent"

# 3b. feeds and matrix: wrong shapes and HTTP errors end as failed observations with reasons
answers="normal feed-errors"
server
run 0 --db "$db" probe signal element --only feeds,matrix $net
qm() { sqlite3 "$db" "SELECT status || ' | ' || coalesce(detail, '') FROM observations WHERE run = (SELECT max(id) FROM runs) AND messenger = '$1' AND fact = '$2' AND value IS NULL"; }
qm signal feed.windows.version >"$tmp/l"; has "$tmp/l" "'version' is not a scalar" "electron YAML of the wrong shape"
qm signal feed.macos.version >"$tmp/l"; has "$tmp/l" "500" "feed 500"
qm signal feed.linux.version >"$tmp/l"; has "$tmp/l" "no package 'signal-desktop'" "apt index without the package"
qm signal feed.android.version >"$tmp/l"; has "$tmp/l" "not valid JSON" "feed invalid JSON"
qm element feed.macos.version >"$tmp/l"; has "$tmp/l" "404" "feed 404"
qm element feed.linux.version >"$tmp/l"; has "$tmp/l" "has no Version" "apt stanza without Version"
qm element federation.live >"$tmp/l"; has "$tmp/l" "'server' is not an object" "federation version of the wrong shape"
qm element federation.client-version >"$tmp/l"; has "$tmp/l" "502" "client versions 502"
qm element 'servers[https://github.com/element-hq/synapse].homeserver' >"$tmp/l"; has "$tmp/l" "502" "homeserver unconfirmed on 502"
run 0 --db "$db" facts element
fact 'federation.delegation' 'matrix.org:8448' "no well-known (404): no delegation, port 8448"
sqlite3 "$db" "PRAGMA integrity_check" >"$tmp/l"; has "$tmp/l" "ok" "store consistent"

# 4. a run killed midway leaves the store as the previous run left it
answers="normal kill"
server
sqlite3 "$db" "SELECT count(*), max(id) FROM runs; SELECT count(*) FROM observations; SELECT count(*) FROM http_cache" >"$tmp/before"
$WRAP "$MSGVET" --db "$db" probe signal $net >/dev/null 2>&1 &
ppid=$!
i=0
while ! grep -q "signal.org.*/donate" "$tmp/log" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
sleep 0.5
kill -9 "$ppid"
wait "$ppid" 2>/dev/null || true
sqlite3 "$db" "SELECT count(*), max(id) FROM runs; SELECT count(*) FROM observations; SELECT count(*) FROM http_cache" >"$tmp/after"
if cmp -s "$tmp/before" "$tmp/after"; then ok; else ko "the killed run changed the store:"; diff "$tmp/before" "$tmp/after" || true; fi

# 5. GITHUB_TOKEN never appears in any output (probe, show, facts, build, check, history,
#    explain), the database or the site, and goes to api.github.com only
marker=ghp_msgvetMarkerToken0123456789
answers=normal
server
rm -f "$db" "$db-wal" "$db-shm"
export GITHUB_TOKEN=$marker
set +e
$WRAP "$MSGVET" --db "$db" probe $net >"$tmp/t1" 2>&1
$WRAP "$MSGVET" --db "$db" show signal >"$tmp/t2" 2>&1
$WRAP "$MSGVET" --db "$db" facts >"$tmp/t3" 2>&1
$WRAP "$MSGVET" --db "$db" facts --format json >"$tmp/t4" 2>&1
$WRAP "$MSGVET" --db "$db" build --allow-undetermined --out "$tmp/site" >"$tmp/t5" 2>&1
$WRAP "$MSGVET" --db "$db" check --format json >"$tmp/t6" 2>&1
$WRAP "$MSGVET" --db "$db" check --format github >"$tmp/t7" 2>&1
$WRAP "$MSGVET" --db "$db" history signal >"$tmp/t8" 2>&1
$WRAP "$MSGVET" --db "$db" explain signal >"$tmp/t9" 2>&1
set -e
unset GITHUB_TOKEN
if [ -n "$WRAP" ] && grep -l '^==[0-9]*==' "$tmp"/t[1-9]; then
	ko "$WRAP reported errors in the files above"
else
	ok
fi
has "$tmp/t1" "total" "probe ran with a token"
has "$tmp/t6" '"findings"' "check ran on the store"
has "$tmp/t8" "signal" "history ran on the store"
[ -s "$tmp/site/compare/index.html" ] && ok || ko "build with the store wrote no site"
auth=$(awk -F'\t' -v m="Bearer $marker" '$3 == m {print $1}' "$tmp/log" | sort -u)
[ "$auth" = "api.github.com" ] && ok || ko "the token went to: '$auth' (only api.github.com expected)"
if grep -rlF "$marker" "$tmp"/t[1-9] "$db"* "$tmp/site"; then
	ko "the token appears in the files above"
else
	ok
fi

echo "probe: $pass passed, $failn failed"
[ "$failn" -eq 0 ]
