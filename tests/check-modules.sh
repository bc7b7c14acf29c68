#!/bin/sh
# The module boundaries of DESIGN.md, checked on the source:
# - each third-party library lives behind one module: its header is included there and nowhere
#   else; a library no module uses yet is reported as such, not counted as a pass;
# - no two source files depend on each other in a circle (a file depends on X.c when it
#   includes X.h, directly or through another header), so the core (src/eval/) stands below the loader and the presentation.
set -eu
LC_ALL=C
export LC_ALL
status=0
pass=0
check() { # header allowed-files...
	header=$1
	shift
	users=$(grep -rl "#include <$header>" src tests/unit tests/fuzz 2>/dev/null || true)
	if [ -z "$users" ]; then
		echo "not checked: no module includes <$header> yet (its home: $*)"
		return
	fi
	for f in $users; do
		ok=0
		for allowed in "$@"; do
			case "$f" in $allowed) ok=1 ;; esac
		done
		if [ $ok = 0 ]; then
			echo "FAIL: $f includes <$header>, which only $* may include"
			status=1
		fi
	done
	pass=$((pass + 1))
}
check yaml.h src/yamlfile.c
check sqlite3.h 'src/store.c' 'src/store/*.c'
check curl/curl.h 'src/probe/http.c' 'src/probe/http/*.c'
check git2.h 'src/probe/repo.c'
check cjson/cJSON.h 'src/facts.c' 'src/report/*.c' 'src/report/*.h' 'src/probe/*.c' 'src/cmd/*.c' 'tests/unit/*.c' 'tests/fuzz/*.c'
check md4c-html.h 'src/report/*.c'
check md4c.h 'src/mdcheck.c' 'tests/fuzz/*.c' # the fuzzers' oracles parse what they check

# Dependency cycles between source files.
cycles=$(python3 - <<'PY'
import os, re, sys
srcs, hdrs = [], {}
for d, _, fs in os.walk("src"):
    for f in fs:
        if f.endswith(".c"):
            srcs.append(os.path.join(d, f))
        elif f.endswith(".h"):
            hdrs[f] = os.path.join(d, f)  # include paths are flat: one header per name
def includes(path):
    return re.findall(r'^#include "(?:[^"]*/)?([^"/]+\.h)"', open(path).read(), re.M)
def closure(path):
    # the headers a file reads, directly or through other headers
    seen, todo = set(), includes(path)
    while todo:
        h = todo.pop()
        if h in seen or h not in hdrs:
            continue
        seen.add(h)
        todo.extend(includes(hdrs[h]))
    return seen
deps = {}
for path in srcs:
    impl = [hdrs[h][:-2] + ".c" for h in closure(path)]
    deps[path] = sorted(c for c in impl if c in srcs and c != path)
index, low, stack, on, out, n = {}, {}, [], set(), [], [0]
def visit(v):
    index[v] = low[v] = n[0]; n[0] += 1; stack.append(v); on.add(v)
    for w in deps[v]:
        if w not in index:
            visit(w); low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop(); on.discard(w); comp.append(w)
            if w == v: break
        if len(comp) > 1:
            out.append(" ".join(sorted(comp)))
sys.setrecursionlimit(10000)
for v in sorted(srcs):
    if v not in index:
        visit(v)
print(len(srcs))
for c in out:
    print(c)
PY
)
nsrc=$(echo "$cycles" | head -n 1)
if [ "$nsrc" -lt 10 ]; then
	echo "FAIL: found only $nsrc source files: the cycle check read nothing"
	status=1
elif [ "$(echo "$cycles" | wc -l)" -gt 1 ]; then
	echo "$cycles" | tail -n +2 | sed 's/^/FAIL: these files depend on each other in a circle: /'
	status=1
else
	pass=$((pass + 1))
fi
if [ $status = 0 ]; then
	echo "modules: $pass passed, 0 failed"
else
	echo "modules: checks failed"
fi
exit $status
