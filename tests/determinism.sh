#!/bin/sh
# Determinism and order independence of the evaluation (issue 6):
#  1. reordering every list in every bundled data file gives the same verdicts, placements and
#     evidence paths (and the same bytes, apart from the line numbers the reordering moves);
#  2. with enough messengers that loading runs on several threads (more than 2 x 256 files),
#     the whole JSON output is the same byte for byte from run to run, whatever order the
#     files were written in and whatever order their lists are in.
#   MSGVET=./msgvet sh tests/determinism.sh
set -eu
LC_ALL=C
export LC_ALL
unset SOURCE_DATE_EPOCH NO_COLOR || true
MSGVET=${MSGVET:-./msgvet}
case $MSGVET in
*/*) MSGVET=$(cd "$(dirname "$MSGVET")" && pwd)/$(basename "$MSGVET") ;;
esac
top=$(pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/msgvet-det.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0
failn=0
ok() { pass=$((pass + 1)); }
ko() { echo "FAIL: $*"; failn=$((failn + 1)); }

command -v python3 >/dev/null || { echo "FAIL: python3 is needed to reorder the data files"; exit 1; }
python3 -c 'import yaml' 2>/dev/null || { echo "FAIL: python3-yaml is needed to reorder the data files"; exit 1; }

# reorder.py SRC DST SEED [COPIES]: every list in every messenger file shuffled (seeded), the
# files written in a shuffled order; with COPIES, each messenger copied under new ids.
cat >"$tmp/reorder.py" <<'PY'
import os, random, sys, yaml
src, dst, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
copies = int(sys.argv[4]) if len(sys.argv) > 4 else 1
rnd = random.Random(seed)
class Q(str): pass
class D(yaml.SafeDumper): pass
# scalars that were quoted (store ids, versions) stay quoted strings when written back
D.add_representer(Q, lambda d, v: d.represent_scalar('tag:yaml.org,2002:str', str(v), style='"'))
def load(path):
    loader = yaml.SafeLoader(open(path).read())
    try:
        def walk(n):
            if isinstance(n, yaml.ScalarNode):
                if n.style in ('"', "'"):
                    return Q(n.value)
                return loader.construct_object(n, deep=True)
            if isinstance(n, yaml.SequenceNode):
                return [walk(x) for x in n.value]
            return {walk(k): walk(v) for k, v in n.value}
        return walk(loader.get_single_node())
    finally:
        loader.dispose()
def shuffle(x):
    if isinstance(x, list):
        y = [shuffle(i) for i in x]
        rnd.shuffle(y)
        if len(y) > 1 and y == x:
            y.reverse()
        return y
    if isinstance(x, dict):
        return {k: shuffle(v) for k, v in x.items()}
    return x
names = sorted(f for f in os.listdir(src) if f.endswith('.yml'))
jobs = [(n, c) for n in names for c in range(copies)]
rnd.shuffle(jobs)
for name, c in jobs:
    doc = shuffle(load(os.path.join(src, name)))
    mid = doc['id'] if copies == 1 else '%s-%04d' % (doc['id'], c)
    doc['id'] = mid
    if copies > 1:
        doc['name'] = '%s %04d' % (doc['name'], c)
        if 'under' in doc:  # the copy stands under the same copy of its parent
            doc['under'] = '%s-%04d' % (doc['under'], c)
    with open(os.path.join(dst, mid + '.yml'), 'w') as f:
        yaml.dump(doc, f, Dumper=D, sort_keys=False, allow_unicode=True, width=1000)
PY

mkroot() { # dir
	mkdir -p "$1/data/messengers" "$1/site"
	cp -R "$top/criteria" "$top/templates" "$1/"
	cp -R "$top/site/stubs" "$1/site/" # the logos the pages show
}
# The verdicts, placements and evidence paths of compare --all --format json.
summary() {
	python3 -c '
import json, sys
d = json.load(sys.stdin)
for m in d["messengers"]:
    for r in m["results"]:
        print(m["id"], m["placement"], r["criterion"], r["result"], r["status"],
              " ".join(e["fact"] for e in r["evidence"]))'
}
strip_lines() { sed '/"line": /d; /"file": /d'; }

for v in $(ls "$top/criteria/real-time-communication" | sed 's/\.yml$//'); do
	spec=real-time-communication@$v
	# 1. the bundled data with every list reordered, three different ways
	"$MSGVET" --root "$top" compare --all --criteria "$spec" --format json >"$tmp/base.json"
	summary <"$tmp/base.json" >"$tmp/base.sum"
	[ -s "$tmp/base.sum" ] || ko "$spec: no results to compare"
	for seed in 1 2; do
		rm -rf "$tmp/r"
		mkroot "$tmp/r"
		python3 "$tmp/reorder.py" "$top/data/messengers" "$tmp/r/data/messengers" "$seed"
		if cmp -s "$top/data/messengers/signal.yml" "$tmp/r/data/messengers/signal.yml"; then
			ko "reorder.py wrote signal.yml unchanged"
		fi
		if ! "$MSGVET" --root "$tmp/r" validate -q; then
			ko "$spec: the reordered data (seed $seed) does not validate"
			continue
		fi
		"$MSGVET" --root "$tmp/r" compare --all --criteria "$spec" --format json >"$tmp/r.json"
		summary <"$tmp/r.json" >"$tmp/r.sum"
		if cmp -s "$tmp/base.sum" "$tmp/r.sum"; then ok; else
			ko "$spec: reordering the lists (seed $seed) changed verdicts or evidence paths"
			diff -u "$tmp/base.sum" "$tmp/r.sum" | head -20
		fi
		# and the facts of every messenger, apart from where they now stand in the file
		for id in signal briar; do
			"$MSGVET" --root "$top" show "$id" --criteria "$spec" --format json | strip_lines >"$tmp/s1"
			"$MSGVET" --root "$tmp/r" show "$id" --criteria "$spec" --format json | strip_lines >"$tmp/s2"
			if cmp -s "$tmp/s1" "$tmp/s2"; then ok; else
				ko "$spec: reordering the lists (seed $seed) changed 'show $id' beyond line numbers"
				diff -u "$tmp/s1" "$tmp/s2" | head -20
			fi
		done
	done
done

# 2. 600 messengers (loading runs on several threads): byte for byte, run after run, and with
#    the files written in another order with their lists in another order
rm -rf "$tmp/big1" "$tmp/big2"
mkroot "$tmp/big1"
mkroot "$tmp/big2"
python3 "$tmp/reorder.py" "$top/data/messengers" "$tmp/big1/data/messengers" 11 120
python3 "$tmp/reorder.py" "$top/data/messengers" "$tmp/big2/data/messengers" 12 120
n=$(ls "$tmp/big1/data/messengers" | wc -l)
[ "$n" -ge 512 ] && ok || ko "only $n messengers: loading would not use several threads"
"$MSGVET" --root "$tmp/big1" compare --all --format json >"$tmp/a1.json"
"$MSGVET" --root "$tmp/big1" compare --all --format json >"$tmp/a2.json"
"$MSGVET" --root "$tmp/big2" compare --all --format json >"$tmp/b.json"
if cmp -s "$tmp/a1.json" "$tmp/a2.json"; then ok; else ko "two runs on the same 600 messengers differ"; fi
strip_lines <"$tmp/a1.json" >"$tmp/a1.s"
strip_lines <"$tmp/b.json" >"$tmp/b.s"
if cmp -s "$tmp/a1.s" "$tmp/b.s"; then ok; else
	ko "600 messengers written in another order, lists reordered: the output differs beyond line numbers"
	diff -u "$tmp/a1.s" "$tmp/b.s" | head -20
fi
for out in site1 site2; do
	"$MSGVET" --root "$tmp/big1" build --out "$tmp/$out" 2>"$tmp/build.err" >/dev/null ||
		{ cat "$tmp/build.err"; ko "build of 600 messengers failed"; }
done
if diff -r "$tmp/site1" "$tmp/site2" >/dev/null; then ok; else ko "two builds of the same 600 messengers differ"; fi

echo "determinism: $pass passed, $failn failed"
[ "$failn" -eq 0 ]
