#!/bin/sh
# Each third-party library lives behind one module (DESIGN.md): fail when a library header is
# included anywhere else.
set -eu
LC_ALL=C
export LC_ALL
status=0
pass=0
check() { # header allowed-files...
	header=$1
	shift
	for f in $(grep -rl "#include <$header>" src tests/unit 2>/dev/null || true); do
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
check cjson/cJSON.h 'src/report/*.c' 'src/report/*.h' 'src/probe/*.c' 'src/cmd/*.c' 'tests/unit/*.c'
check md4c-html.h 'src/report/*.c'
if [ $status = 0 ]; then
	echo "modules: $pass passed, 0 failed"
else
	echo "modules: checks failed"
fi
exit $status
