#!/bin/sh
# Run one libFuzzer harness for a bounded time and print one line of figures.
# Usage: tests/fuzz/run.sh HARNESS   (from the repository root; `make fuzz` runs it)
# Environment: FUZZ_SECONDS (default 60), FUZZ_SEED (libFuzzer's -seed: CI fixes it, so that
# a run explores what the same run explored here), FUZZ_BUILD (default build-fuzz), FUZZ_MAX_LEN
# (default 16384 for yaml and rule, 65536 for licence, 4096 for the others), FUZZ_RSS_MB (default 2048),
# FUZZ_TIMEOUT (wall-clock seconds per input, default 60: the slowest input the limits allow,
# a render of the fuzzing build's MUSTACHE_MAX_STEPS, takes about 1 s of CPU, but a busy machine
# stretches wall-clock time several times).
# The corpus grows in $FUZZ_BUILD/corpus/HARNESS; the seeds (tests/fuzz/seeds.sh) and the
# regression inputs (tests/fuzz/regress/HARNESS) are read too. A crash, leak, timeout or
# out-of-memory leaves its input in $FUZZ_BUILD/crashes/HARNESS/ and the exit status is 1.
set -eu
LC_ALL=C
export LC_ALL
h=$1
b=${FUZZ_BUILD:-build-fuzz}
secs=${FUZZ_SECONDS:-60}
bin=$b/fuzz-$h
[ -x "$bin" ] || { echo "fuzz: $bin is not built" >&2; exit 2; }
case $h in
yaml|rule) maxlen=${FUZZ_MAX_LEN:-16384} ;;
licence) maxlen=${FUZZ_MAX_LEN:-65536} ;; # the GPL-3.0 text is 35 KiB
*) maxlen=${FUZZ_MAX_LEN:-4096} ;;
esac
dict=tests/fuzz/$h.dict
case $h in
escape) dict=tests/fuzz/markdown.dict ;;
probejson|matrix) dict=tests/fuzz/json.dict ;;
feedyaml) dict=tests/fuzz/yaml.dict ;;
esac
mkdir -p "$b/corpus/$h" "$b/crashes/$h"
log=$b/fuzz-$h.log
start=$(date +%s)
set +e
# shellcheck disable=SC2086
"$bin" -max_total_time="$secs" ${FUZZ_SEED:+-seed="$FUZZ_SEED"} -max_len="$maxlen" -rss_limit_mb="${FUZZ_RSS_MB:-2048}" \
	-timeout="${FUZZ_TIMEOUT:-60}" -dict="$dict" -print_final_stats=1 \
	-artifact_prefix="$b/crashes/$h/" \
	"$b/corpus/$h" "$b/seeds/$h" "tests/fuzz/regress/$h" > "$log" 2>&1
rc=$?
set -e
took=$(($(date +%s) - start))
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
cov=$(grep -E '^#[0-9]+' "$log" | tail -1 | sed -n 's/.* cov: \([0-9]*\) ft: \([0-9]*\) corp: \([0-9]*\)\/.*/\1 \2 \3/p')
set -- $cov
printf 'fuzz %-8s %9s runs in %ss, %s edges covered (cov), %s features, corpus %s' \
	"$h" "${runs:-?}" "$took" "${1:-?}" "${2:-?}" "${3:-?}"
if [ $rc -ne 0 ]; then
	echo ": FAILED (exit $rc)"
	grep -E '^(==[0-9]+==ERROR|SUMMARY|fuzz: |.*runtime error|artifact_prefix|Test unit written)' "$log" | head -20 >&2
	echo "fuzz: full log in $log; the input is in $b/crashes/$h/" >&2
	exit 1
fi
echo ": ok"
