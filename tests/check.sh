#!/bin/sh
# msgvet accept, check, history and diff end to end, offline, on the fixture HTTPS server of
# tests/probe.sh (tests/fixtures/https-server on 127.0.0.1, production URLs pointed at it with
# --connect-to, trusted with --cacert). A first version of every answer (tests/fixtures/probe/
# normal with tests/fixtures/check/v1 over it) is probed for Signal and accepted; a second
# version (tests/fixtures/check/v2 over both) brings a new release, a changed licence, a dead
# link, a changed privacy policy, the iOS app gone and the repository archived. check then
# lists exactly those findings (and the verdict and placement they change), with their
# severities, files and lines, in every format, and exits 1; after accept only the licence
# contradiction with the declared data stays, and once the data file says the new licence,
# check exits 0. Also: --fail-on, repository-inactive, stale-fact, history, diff.
#   MSGVET=./msgvet sh tests/check.sh
set -eu
LC_ALL=C
export LC_ALL
unset SOURCE_DATE_EPOCH NO_COLOR COLUMNS GITHUB_TOKEN || true
MSGVET=${MSGVET:-./msgvet}
case $MSGVET in
*/*) MSGVET=$(cd "$(dirname "$MSGVET")" && pwd)/$(basename "$MSGVET") ;;
esac
command -v python3 >/dev/null && command -v openssl >/dev/null && command -v sqlite3 >/dev/null ||
	{ echo "FAIL: tests/check.sh needs python3, openssl and sqlite3"; exit 1; }
top=$(pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/msgvet-check.XXXXXX")
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
	"$MSGVET" "$@" >"$tmp/out" 2>"$tmp/err"
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
	for d in $answers; do set -- "$@" --answers "$top/tests/fixtures/$d"; done
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


# exact FILE EXPECTED-FILE WHAT: the file is exactly what is expected
exact() {
	if cmp -s "$1" "$2"; then ok; else
		ko "$3:"
		diff -u "$2" "$1" | sed 's/^/    /' | head -40
	fi
}

mkdir "$tmp/root"
cp -R criteria data templates "$tmp/root/"
mkdir -p "$tmp/root/site" && cp -R site/stubs "$tmp/root/site/"
cd "$tmp/root"
db="$tmp/db"
now="--now 2025-08-01"

# no database yet: an input error
run 2 --db "$db" check $now
has "$tmp/err" "cannot open database" "check without a database"
run 2 --db "$db" check --fail-on never
has "$tmp/err" "--fail-on 'never'" "--fail-on is checked"

# 1. the first version of every answer: probe, check (no baseline: nothing changed), accept
answers="probe/normal check/v1"
server
run 0 --db "$db" probe signal $net
run 0 --db "$db" check $now
has "$tmp/out" "run 1: 0 errors, 0 warnings, 0 info" "the first run has no finding"
[ ! -e data/observed.json ] && ok || ko "check wrote the baseline"
run 0 --db "$db" accept
has "$tmp/out" "accepted 37 observations of run 1 into data/observed.json" "accept says what it wrote"
python3 - data/observed.json >"$tmp/l" <<'PY'
import json, sys
t = open(sys.argv[1]).read()
d = json.loads(t)
obs = d["observations"]
keys = [(o["messenger"], o["fact"]) for o in obs]
bad = [o for o in obs if list(o) != sorted(o)]
print("sorted" if keys == sorted(keys) and list(d) == sorted(d) and not bad else "unsorted")
print("hash" if any("hash" in o and o["fact"] == "links.privacy-policy" for o in obs) else "nohash")
print("typed" if any(o.get("value") is False for o in obs) else "untyped")
print("newline" if t.endswith("}\n") else "nonewline")
PY
for w in sorted hash typed newline; do has "$tmp/l" "$w" "the baseline is $w"; done
run 0 validate
run 0 --db "$db" check $now
has "$tmp/out" "run 1: 0 errors, 0 warnings, 0 info" "nothing against the accepted baseline"

# 2. the second version: a new release, a changed licence, a dead link, a changed privacy
#    policy, the iOS app gone, the repository archived
answers="probe/normal check/v1 check/v2"
server
run 0 --db "$db" probe signal $net
h1=$(sed -n 's/.*"hash": "\(.*\)",/\1/p' data/observed.json)
h2=$(sqlite3 "$db" "SELECT content_hash FROM observations WHERE run = 2 AND fact = 'links.privacy-policy'")
[ -n "$h1" ] && [ -n "$h2" ] && [ "$h1" != "$h2" ] && ok || ko "the privacy policy hashes: '$h1' '$h2'"
S=data/messengers/signal.yml
cat >"$tmp/want.text" <<EOF
$S:47: error: licence-contradiction: signal clients[https://github.com/signalapp/Signal-iOS].licence: the licence probed contradicts the declared one (AGPL-3.0-only -> GPL-3.0-only) <https://api.github.com/repos/signalapp/Signal-iOS>
$S:47: error: verdict-change: signal open-source-clients: the verdict on open-source-clients changes under real-time-communication@2025-05 (pass -> unknown) <https://api.github.com/repos/signalapp/Signal-iOS>
$S:1: error: placement-change: signal placement: the placement changes under real-time-communication@2025-05 (recommended -> undetermined)
$S:19: error: platform-gone: signal store.app-store.offered: the store no longer offers the app (true -> false) <https://itunes.apple.com/lookup?id=874139669&country=us>
$S:11: warning: link-dead: signal links.donations: the link is dead (https://signal.org/donate -> HTTP 404) <https://signal.org/donate>
$S:8: warning: privacy-policy-changed: signal links.privacy-policy: the privacy policy changed since the baseline ($h1 -> $h2) <https://signal.org/legal/#privacy-policy>
$S:35: warning: repository-archived: signal repository.archived: the repository is archived (false -> true) <https://api.github.com/repos/signalapp/Signal-Android>
$S:35: info: new-release: signal release.latest.version: a new release (7.50.3 -> 7.51.0) <https://api.github.com/repos/signalapp/Signal-Android/releases/latest>
msgvet check: run 2: 4 errors, 3 warnings, 1 info
EOF
run 1 --db "$db" check $now
exact "$tmp/out" "$tmp/want.text" "check --format text"
# every format says the same findings: kind, severity, file and line
sed -n 's/^\([^:]*\):\([0-9]*\): \([a-z]*\): \([a-z-]*\): .*/\4 \3 \1 \2/p' "$tmp/want.text" >"$tmp/want.kinds"
n=$(wc -l <"$tmp/want.kinds")
[ "$n" -eq 8 ] && ok || ko "the expected findings: $n, not 8"
run 1 --db "$db" check $now --format json
python3 - "$tmp/out" >"$tmp/got" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for f in d["findings"]:
    print(f["kind"], f["severity"], f["file"], f["line"])
PY
exact "$tmp/got" "$tmp/want.kinds" "check --format json"
python3 - "$tmp/out" >"$tmp/l" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
f = [x for x in d["findings"] if x["kind"] == "privacy-policy-changed"][0]
print("counts", d["counts"]["error"], d["counts"]["warning"], d["counts"]["info"])
print("hashes", len(f["old"]), len(f["new"]), f["old"] != f["new"])
print("evidence", all(x["evidence"] or x["kind"] == "placement-change" for x in d["findings"]))
PY
has "$tmp/l" "counts 4 3 1" "json counts"
has "$tmp/l" "hashes 64 64 True" "json: old and new hash"
has "$tmp/l" "evidence True" "json: every finding but the placement has its evidence"
run 1 --db "$db" check $now --format github
sed -n 's/^::\([a-z]*\) file=\([^,]*\),line=\([0-9]*\),title=\([a-z-]*\)::.*/\4 \1 \2 \3/p' "$tmp/out" | sed 's/ notice / info /' >"$tmp/got"
exact "$tmp/got" "$tmp/want.kinds" "check --format github"
n=$(wc -l <"$tmp/out")
[ "$n" -eq 8 ] && ok || ko "github: $n lines, expected 8 annotations"
run 1 --db "$db" check $now --format md
has "$tmp/out" "## msgvet check: 4 errors, 3 warnings, 1 info" "md heading"
grep '^| [a-z]* | [a-z-]*:' "$tmp/out" | sed 's/^| \([a-z]*\) | \([a-z-]*\):.* | \([^|]*\)&#58;\([0-9]*\) |$/\2 \1 \3 \4/' >"$tmp/got"
exact "$tmp/got" "$tmp/want.kinds" "check --format md"
has "$tmp/out" "[https://signal.org/donate](<https://signal.org/donate>)" "md evidence link"
# the threshold
run 1 --db "$db" check $now --fail-on info
run 1 --db "$db" check $now --fail-on warning
# what else check knows: inactivity (max-inactivity) and re-check age (--max-age)
run 1 --db "$db" check --now 2026-12-01 --max-age 1
has "$tmp/out" "$S:35: warning: repository-inactive: signal release.latest.date: no release and no commit for 494 days (more than 365)" "repository-inactive"
has "$tmp/out" "$S:47: info: stale-fact: signal clients[https://github.com/signalapp/Signal-iOS].licence: fact 'clients[https://github.com/signalapp/Signal-iOS].licence' was checked on 2026-11-27" "stale-fact"

# history and diff
run 0 --db "$db" history signal
grep -F 'clients[https://github.com/signalapp/Signal-iOS].licence' "$tmp/out" >"$tmp/l"
has "$tmp/l" "run 1  signal" "history: the first observation"
has "$tmp/l" "run 2  signal" "history: the change"
n=$(wc -l <"$tmp/l")
[ "$n" -eq 2 ] && ok || ko "history lists $n observations of the licence, expected 2"
run 1 --db "$db" diff
has "$tmp/out" "changed  signal  release.latest.version: 7.50.3 -> 7.51.0" "diff: the release"
has "$tmp/out" "changed  signal  links.donations: https://signal.org/donate -> failed: HTTP 404" "diff: the dead link"
run 1 --db "$db" diff 1 2 --format json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["from"], d["to"], len(d["changes"]))' "$tmp/out" >"$tmp/l"
has "$tmp/l" "1 2 9" "diff --format json"
run 0 --db "$db" diff 2 2
run 2 --db "$db" diff 1 7
has "$tmp/err" "no completed probe run 7" "diff: an unknown run"

# the comparison site built from the database's two runs: the changes page, newest first, and
# Signal's release chart with its text alternative
run 0 --db "$db" build $now --allow-undetermined --out "$tmp/site"
c="$tmp/site/compare/changes.html"
has "$c" '<h2 id="run-2-h">' "changes: run 2"
has "$c" '<h2 id="run-1-h">' "changes: run 1"
r2=$(grep -n 'id="run-2-h"' "$c" | cut -d: -f1)
r1=$(grep -n 'id="run-1-h"' "$c" | cut -d: -f1)
[ -n "$r2" ] && [ -n "$r1" ] && [ "$r2" -lt "$r1" ] && ok || ko "changes: run 2 not before run 1 ($r2, $r1)"
has "$c" "<td><code>release.latest.version</code></td>
<td>7.50.3</td>
<td>7.51.0</td>" "changes: the new release, old and new"
has "$c" "<td><code>clients[https://github.com/signalapp/Signal-iOS].licence</code></td>
<td>AGPL-3.0-only</td>
<td>GPL-3.0-only</td>
<td>contradicted</td>" "changes: the licence, with its status"
has "$c" "<td>Placement</td>
<td>recommended</td>
<td>undetermined</td>" "changes: the placement"
has "$c" "<td>open-source-clients</td>
<td>pass</td>
<td>unknown</td>" "changes: the verdict"
hasnt "$c" "No probe history yet" "changes: a database is history"
p="$tmp/site/compare/signal.html"
has "$p" '<svg class="chart"' "signal: the release chart"
has "$p" '<caption id="releases-cap">' "signal: the chart's table"
grep -A1 '(<code>release.latest.date</code>)' "$p" >"$tmp/l" || true
n=$(grep -o '20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]' "$tmp/l" | sort -u | wc -l)
[ "$n" -eq 2 ] && ok || ko "signal: the chart's table lists $n release dates, expected 2: $(cat "$tmp/l")"
hasnt "$tmp/site/compare/simplex.html" '<svg class="chart"' "no history, no chart"
has "$tmp/site/compare/signal-badge.svg" "msgvet: " "signal's badge"
run 0 build $now --out "$tmp/nodb"
has "$tmp/nodb/compare/changes.html" "No probe history yet" "no database: no history"
hasnt "$tmp/nodb/compare/signal.html" '<svg class="chart"' "no database: no chart"

# 3. accept: what was only a change against the baseline goes; the licence contradiction with
#    the declared data stays until the data file is corrected
run 2 --db "$db" accept --only nobody
cp data/observed.json "$tmp/before"
run 0 --db "$db" accept --only simplex
has "$tmp/out" "accepted 0 observations of run 2" "accept --only: another messenger's run"
exact data/observed.json "$tmp/before" "accept --only simplex leaves signal's baseline"
run 0 --db "$db" accept --only signal
cat >"$tmp/want.text" <<EOF
$S:47: error: licence-contradiction: signal clients[https://github.com/signalapp/Signal-iOS].licence: the licence probed contradicts the declared one (AGPL-3.0-only -> GPL-3.0-only) <https://api.github.com/repos/signalapp/Signal-iOS>
msgvet check: run 2: 1 error, 0 warnings, 0 info
EOF
run 1 --db "$db" check $now
exact "$tmp/out" "$tmp/want.text" "after accept, only the contradiction"
sed -i '47s/value: AGPL-3.0-only/value: GPL-3.0-only/' "$S"
run 0 --db "$db" check $now
has "$tmp/out" "run 2: 0 errors, 0 warnings, 0 info" "the data corrected: no finding"
run 0 --db "$db" check $now --fail-on info
run 0 validate

echo "check: $pass passed, $failn failed"
[ "$failn" -eq 0 ]
