#!/bin/sh
# tests/repo/run.sh - the repository probe (`msgvet repo`) end to end, on the fixture
# repositories of make-fixtures.sh, served by `git daemon` on 127.0.0.1 (started and stopped
# here) and by file:// and local paths. Checks the tags, the latest version by version order,
# tag patterns and pre-releases, the licence files, the SPDX-License-Identifier counts, the
# security policy, the head commit's date, signed tags, the mirror (cloned once, then fetched,
# bare, a corrupt one cloned again, kept when the network fails), the licence expression and
# its evidence (alternatives, -only/-or-later from the README or the headers, both reported
# when they disagree), --list-only, and the errors with their statuses: connection refused,
# repository not found, authentication required, a server that stops mid-transfer and one
# that hangs (bad-server.py, started and stopped here), no commits. Run from the top of the
# tree; no internet.
set -eu
LC_ALL=C
export LC_ALL
MSGVET=${MSGVET:-./msgvet}
case $MSGVET in /*) ;; *) MSGVET=$PWD/$MSGVET ;; esac
command -v git >/dev/null 2>&1 || { echo "FAIL: git is not installed"; exit 1; }
command -v python3 >/dev/null 2>&1 || { echo "FAIL: python3 is not installed"; exit 1; }
[ -x /usr/lib/git-core/git-daemon ] || { echo "FAIL: git daemon is not installed"; exit 1; }

# libgit2 1.5.1 leaks PCRE2 match data (see lsan.supp); only that is suppressed
LSAN_OPTIONS="suppressions=$PWD/tests/repo/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export LSAN_OPTIONS

tmp=$(mktemp -d)
daemon_pid=
bad_pids=
cleanup() {
	[ -z "$daemon_pid" ] || kill "$daemon_pid" 2>/dev/null || true
	for p in $bad_pids; do kill "$p" 2>/dev/null || true; done
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
fx=$tmp/fx
cache=$tmp/cache
sh tests/repo/make-fixtures.sh "$fx" >"$tmp/fixtures.log" 2>&1 || {
	echo "FAIL: the fixtures could not be built:"
	sed 's/^/    /' "$tmp/fixtures.log"
	exit 1
}
export GIT_CONFIG_NOSYSTEM=1 HOME="$tmp/home" GIT_COMMITTER_NAME=Test GIT_COMMITTER_EMAIL=test@example.org
mkdir -p "$HOME"

pass=0
failn=0
ok() { pass=$((pass + 1)); }
fail() {
	echo "FAIL: $*"
	failn=$((failn + 1))
}

# Start git daemon on a free port of 127.0.0.1.
port=
for try in 1 2 3 4 5 6 7 8 9 10; do
	p=$((20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 40000))
	git daemon --reuseaddr --listen=127.0.0.1 --port="$p" --base-path="$fx" --export-all \
		--informative-errors "$fx" >"$tmp/daemon.log" 2>&1 &
	daemon_pid=$!
	n=0
	while [ $n -lt 50 ]; do
		if git ls-remote "git://127.0.0.1:$p/app.git" >/dev/null 2>&1; then
			port=$p
			break 2
		fi
		kill -0 "$daemon_pid" 2>/dev/null || break
		sleep 0.1
		n=$((n + 1))
	done
	kill "$daemon_pid" 2>/dev/null || true
	wait "$daemon_pid" 2>/dev/null || true
	daemon_pid=
done
if [ -z "$port" ]; then
	echo "FAIL: git daemon could not be started on 127.0.0.1"
	cat "$tmp/daemon.log"
	exit 1
fi
git=git://127.0.0.1:$port

# run NAME ARGS...: msgvet repo --format json ARGS, output in $tmp/NAME.json, status in $rc
run() {
	name=$1
	shift
	set +e
	"$MSGVET" repo --cache "$cache" --format json "$@" >"$tmp/$name.json" 2>"$tmp/$name.err"
	rc=$?
	set -e
	if grep -q "Sanitizer\|runtime error" "$tmp/$name.err"; then
		fail "$name: crashed"
		sed 's/^/    /' "$tmp/$name.err"
	fi
}
# expect NAME PYTHON-EXPRESSION: the expression (over j, the JSON) is true
expect() {
	if python3 -c 'import json, sys
j = json.load(open(sys.argv[1]))
sys.exit(0 if eval(sys.argv[2]) else 1)' "$tmp/$1.json" "$2" 2>"$tmp/py.err"; then
		ok
	else
		fail "$1: $2 (got: $(head -c 600 "$tmp/$1.json" | tr '\n' ' '))"
	fi
}
status() { # NAME WANT
	if [ "$rc" -eq "$2" ]; then ok; else fail "$1: exit status $rc, expected $2: $(head -n 2 "$tmp/$1.err")"; fi
}

# --- app over git://: everything ---
run app-git "$git/app.git"
status app-git 0
expect app-git 'j["default_branch"] == "trunk"'
expect app-git 'j["tags"] == ["latest", "nightly", "v1.10.0", "v1.2.0", "v1.9.5", "v2.0.0-beta", "v2.0.0-rc1"]'
expect app-git 'j["latest_tag"] == "v1.10.0" and j["latest_version"] == "1.10.0"'
expect app-git 'j["head_commit_date"] == "2026-05-20T12:00:00Z" and len(j["head_commit"]) == 40'
expect app-git '[(f["file"], f["license"]) for f in j["license_files"]] == [("LICENSE", "MIT"), ("LICENSES/Apache-2.0.txt", "Apache-2.0")]'
expect app-git 'j["license"] == "MIT AND Apache-2.0"'
expect app-git 'j["license_evidence"][-1] == "no README says the licences are alternatives: joined with AND"'
expect app-git 'j["spdx_identifiers"]["counts"] == [{"expression": "MIT", "files": 3}, {"expression": "Apache-2.0", "files": 1}]'
expect app-git 'j["spdx_identifiers"]["files_read"] == 8 and not j["spdx_identifiers"]["capped"]'
expect app-git 'j["security_policy"] == ".github/SECURITY.md"'
expect app-git 'j["signed_tags"] == {"checked": 3, "signed": 1}'
expect app-git 'j["mirror"] == "cloned"'
mirror=$(ls -d "$cache"/127.0.0.1_*app.git-*.git 2>/dev/null | head -n 1)
if [ -n "$mirror" ] && [ "$(git --git-dir="$mirror" rev-parse --is-bare-repository)" = true ] &&
	[ ! -e "$mirror/LICENSE" ]; then ok; else fail "the mirror of app.git is not a bare repository in the cache: '$mirror'"; fi

# pre-releases counted when asked
run app-pre --pre-releases "$git/app.git"
expect app-pre 'j["latest_tag"] == "v2.0.0-rc1" and j["latest_version"] == "2.0.0-rc1"'
expect app-pre 'j["mirror"] == "updated"'

# a new release upstream: fetched incrementally into the same mirror
ino=$(ls -di "$mirror" | cut -d ' ' -f 1)
git --git-dir="$fx/app.git" tag -a v1.11.0 -m 1.11.0 trunk
run app-new "$git/app.git"
expect app-new 'j["latest_tag"] == "v1.11.0" and j["mirror"] == "updated"'
expect app-new 'j["signed_tags"] == {"checked": 4, "signed": 1}'
if [ "$(ls -di "$mirror" | cut -d ' ' -f 1)" = "$ino" ]; then ok; else fail "the mirror was replaced instead of updated"; fi

# a corrupt mirror (objects gone) is cloned again; so is one whose HEAD is garbage
rm -rf "$mirror"/objects/pack "$mirror"/objects/[0-9a-f][0-9a-f]
run app-corrupt "$git/app.git"
status app-corrupt 0
expect app-corrupt 'j["mirror"].startswith("cloned again") and j["license_files"][0]["license"] == "MIT"'
echo garbage >"$mirror/HEAD"
run app-garbage "$git/app.git"
status app-garbage 0
expect app-garbage 'j["mirror"].startswith("cloned again") and j["latest_tag"] == "v1.11.0"'

# the same repository by file:// and by path: the same findings, their own mirrors
run app-file "file://$fx/app.git"
status app-file 0
expect app-file 'j["latest_tag"] == "v1.11.0" and j["mirror"] == "cloned" and j["security_policy"] == ".github/SECURITY.md"'
run app-path "$fx/app.git"
status app-path 0
expect app-path 'j["spdx_identifiers"]["counts"][0] == {"expression": "MIT", "files": 3}'

# briar: a tag pattern, a dual licence, a symbolic link
run briar --tag-pattern 'release-*' "$git/briar.git"
status briar 0
expect briar 'j["latest_tag"] == "release-1.5.10" and j["latest_version"] == "1.5.10"'
expect briar '[(f["file"], f["license"]) for f in j["license_files"]] == [("COPYING", "unknown"), ("LICENSE", "AGPL-3.0"), ("LICENSE-COMMERCIAL", "unknown")]'
expect briar 'j["license_files"][0]["reason"].startswith("a symbolic link")'
expect briar 'j["license"] == "AGPL-3.0-only OR LicenseRef-Commercial" and j["notice"] == "README.md"'
expect briar 'j["license_evidence"] == ["COPYING: left out: a symbolic link (not followed)", "LICENSE: AGPL-3.0 (the text matches)", "AGPL-3.0: -only from README.md (\"version 3 only\")", "LICENSE-COMMERCIAL: LicenseRef-Commercial: no known licence text; an alternative (joined with OR)"]'
expect briar 'j["signed_tags"] == {"checked": 3, "signed": 0} and j["security_policy"] is None'
run briar-default "$git/briar.git"
expect briar-default 'j["latest_tag"] is None'

# the README grants later versions, the headers say -only: both reported, plain id kept
run gnu "$git/gnu.git"
status gnu 0
expect gnu 'j["license"] == "GPL-3.0" and j["spdx_identifiers"]["counts"] == [{"expression": "GPL-3.0-only", "files": 2}]'
expect gnu 'j["spdx_identifiers"]["files_granting_later_versions"] == 1'
expect gnu '"README says \"any later version\" (GPL-3.0-or-later) but the headers disagree (2 files say GPL-3.0-only, 1 file grants later versions" in j["license_evidence"][1] and "the plain identifier is kept" in j["license_evidence"][1]'
# alternatives by the README; a GNU header without a GNU licence file changes nothing
run dual "$git/dual.git"
expect dual 'j["license"] == "Apache-2.0 OR MIT"'
expect dual 'j["license_evidence"][-1] == "README.md says the licences are alternatives (\"under either\"): joined with OR"'
# no README: the headers decide
run later "$git/later.git"
expect later 'j["license"] == "AGPL-3.0-or-later" and j["notice"] is None'
expect later 'j["license_evidence"][1].startswith("AGPL-3.0: -or-later from the files\x27 headers (2 files grant later versions")'

# --list-only: the refs and the latest version, no mirror
run list --list-only --cache "$tmp/list-cache" "$git/app.git"
status list 0
expect list 'sorted(j) == ["default_branch", "latest_tag", "latest_version", "tags", "url"] and j["latest_tag"] == "v1.11.0"'
if [ ! -e "$tmp/list-cache" ]; then ok; else fail "--list-only created a mirror"; fi

# odd: a licence file over the limit and a binary one
run odd "$git/odd.git"
status odd 0
expect odd '[(f["file"], f["reason"]) for f in j["license_files"]] == [("LICENSE", "too large for a licence text"), ("LICENSE.png", "binary")]'

# empty: no commits
run empty "$git/empty.git"
status empty 0
expect empty 'j["default_branch"] is None and j["tags"] == [] and j["head_commit"] is None and j["license_files"] == []'

# errors: not found (daemon), not found (path), connection refused, bad pattern
run missing "$git/missing.git"
status missing 3
if grep -q "repository not found: .*(status not-found)" "$tmp/missing.err"; then ok; else fail "missing: $(cat "$tmp/missing.err")"; fi
run missing-path "$fx/missing.git"
status missing-path 3
if grep -q "repository not found" "$tmp/missing-path.err"; then ok; else fail "missing-path: $(cat "$tmp/missing-path.err")"; fi
run pattern --tag-pattern 'release' "$git/briar.git"
status pattern 2
run badtimeout --timeout 0 "$git/briar.git"
status badtimeout 2

# misbehaving servers (bad-server.py): start MODE [UPSTREAM-PORT] sets $bad_port
start_bad() {
	rm -f "$tmp/bad.port"
	python3 tests/repo/bad-server.py "$1" "$tmp/bad.port" ${2:-} 2>"$tmp/bad-$1.log" &
	bad_pids="$bad_pids $!"
	n=0
	while [ ! -s "$tmp/bad.port" ] && [ $n -lt 100 ]; do sleep 0.05; n=$((n + 1)); done
	[ -s "$tmp/bad.port" ] || { echo "FAIL: bad-server.py $1 did not start"; cat "$tmp/bad-$1.log"; exit 1; }
	bad_port=$(cat "$tmp/bad.port")
}
# expect_err NAME STATUS TEXT: exit 3, the status named on stderr with the reason
expect_err() {
	if [ "$rc" -eq 3 ] && grep -q "$3.*(status $2)" "$tmp/$1.err"; then ok; else fail "$1: exit $rc: $(cat "$tmp/$1.err")"; fi
}
start_bad auth
run auth "http://127.0.0.1:$bad_port/app.git"
expect_err auth auth-required "authentication required"
start_bad cut "$port"
run cut "git://127.0.0.1:$bad_port/dual.git"
expect_err cut closed "the server closed the connection mid-transfer"
if ls "$cache" | grep -q "_${bad_port}_\|tmp-"; then fail "cut: a half-written mirror was left: $(ls "$cache")"; else ok; fi
start_bad hang
t0=$(date +%s)
run hang --timeout 2 "git://127.0.0.1:$bad_port/app.git"
t1=$(date +%s)
expect_err hang timeout "timed out"
if [ $((t1 - t0)) -le 6 ]; then ok; else fail "hang: --timeout 2 took $((t1 - t0)) s"; fi
kill "$daemon_pid"
wait "$daemon_pid" 2>/dev/null || true
daemon_pid=
run refused "$git/app.git"
status refused 3
if grep -q "Connection refused" "$tmp/refused.err"; then ok; else fail "refused: $(cat "$tmp/refused.err")"; fi
if [ -d "$mirror" ] && [ "$(git --git-dir="$mirror" rev-parse --is-bare-repository)" = true ]; then ok; else fail "the mirror did not survive a failed connection"; fi

# msgvet probe --only repo: the same probe for every repository declared in data, its report as
# observations in the store, read back through the fact source. Signal's four repositories are
# pointed at fixtures with --git-rewrite (production URLs, fixture repositories).
root=$tmp/root
mkdir -p "$root/site"
cp -R criteria data templates "$root/"
cp -R site/stubs "$root/site/"
w=$tmp/agpl-only
git init -q "$w"
cp data/licences/AGPL-3.0.txt "$w/LICENSE"
mkdir -p "$w/src"
printf '/* SPDX-License-Identifier: AGPL-3.0-only */\n' >"$w/src/a.c"
git -C "$w" add -A
GIT_AUTHOR_DATE=2025-06-01T12:00:00Z GIT_COMMITTER_DATE=2025-06-01T12:00:00Z \
	git -C "$w" -c user.name=Test -c user.email=test@example.org commit -q -m init
git clone -q --bare "$w" "$fx/agpl-only.git"
gh=https://github.com/signalapp
set +e
"$MSGVET" --root "$root" probe signal --only repo --db "$tmp/probe.db" --cache "$tmp/pcache" \
	--git-rewrite "$gh/Signal-Android=file://$fx/app.git" \
	--git-rewrite "$gh/Signal-Desktop=file://$fx/later.git" \
	--git-rewrite "$gh/Signal-iOS=file://$fx/agpl-only.git" \
	--git-rewrite "$gh/Signal-Server=file://$fx/empty.git" >"$tmp/probe.out" 2>"$tmp/probe.err"
rc=$?
"$MSGVET" repo "file://$fx/app.git" --list-only --format json >"$tmp/app-list.json" 2>/dev/null
"$MSGVET" --root "$root" --db "$tmp/probe.db" facts signal --format json >"$tmp/facts.json" 2>"$tmp/facts.err"
rc2=$?
"$MSGVET" --root "$root" --db "$tmp/probe.db" explain signal open-source-clients >"$tmp/explain.out" 2>&1
"$MSGVET" --root "$root" probe signal --dry-run >"$tmp/dry.out" 2>&1
"$MSGVET" --root "$root" probe signal --only repo --dry-run >"$tmp/dry-repo.out" 2>&1
"$MSGVET" --root "$root" probe signal --only rep --dry-run >"$tmp/dry-bad.out" 2>&1
rc3=$?
set -e
if [ $rc -eq 0 ]; then ok; else fail "probe --only repo exited $rc: $(cat "$tmp/probe.err")"; fi
if [ $rc2 -eq 0 ]; then ok; else fail "facts --db exited $rc2: $(cat "$tmp/facts.err")"; fi
python3 - "$tmp/facts.json" "$tmp/app-list.json" >"$tmp/facts.check" 2>&1 <<'PY' && ok || fail "the repository observations: $(cat "$tmp/facts.check")"
import json, sys
facts = {f["fact"]: f for m in json.load(open(sys.argv[1]))["messengers"] for f in m["facts"]}
gh = "https://github.com/signalapp/"
def want(path, status, value=None, obs=None):
    f = facts.get(path)
    if not f:
        sys.exit("no fact %s" % path)
    if f["status"] != status:
        sys.exit("%s: status %s, expected %s" % (path, f["status"], status))
    if value is not None and f["value"] != value:
        sys.exit("%s: value %r, expected %r" % (path, f["value"], value))
    if obs is not None and f["observation"].get("value") != obs:
        sys.exit("%s: observed %r, expected %r" % (path, f["observation"].get("value"), obs))
    if f.get("observation", {}).get("probe") != "repo":
        sys.exit("%s: not observed by the repo probe" % path)
want("clients[%sSignal-Android].licence" % gh, "contradicted", "AGPL-3.0-only", "MIT AND Apache-2.0")
want("clients[%sSignal-Desktop].licence" % gh, "contradicted", "AGPL-3.0-only", "AGPL-3.0-or-later")
want("clients[%sSignal-iOS].licence" % gh, "confirmed", "AGPL-3.0-only", "AGPL-3.0-only")
want("servers[%sSignal-Server].licence" % gh, "failed", "AGPL-3.0-only")
want("repository.last-commit", "observed-only", "2026-05-20")
# the highest release tag of app.git, as msgvet repo --list-only says it (tags were added above)
want("release.latest.version", "observed-only", json.load(open(sys.argv[2]))["latest_version"])
PY
if grep -q "? unknown" "$tmp/explain.out" && grep -q "contradicted: repo saw MIT AND Apache-2.0" "$tmp/explain.out"; then ok; else
	fail "explain does not show the contradiction: $(cat "$tmp/explain.out")"; fi
if grep -q "^  repo " "$tmp/dry.out"; then fail "the repository probe runs without --only repo"; else ok; fi
if [ "$(grep -c '^  repo ' "$tmp/dry-repo.out")" -eq 4 ]; then ok; else fail "--only repo --dry-run: $(cat "$tmp/dry-repo.out")"; fi
if [ $rc3 -eq 2 ] && grep -q "did you mean 'repo'" "$tmp/dry-bad.out"; then ok; else fail "--only rep: $(cat "$tmp/dry-bad.out")"; fi

echo "repo: $pass passed, $failn failed"
[ "$failn" -eq 0 ]
