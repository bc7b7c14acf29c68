#!/bin/sh
# Collect the seed corpus of one harness from the test fixtures into DIR (emptied first).
# Usage: tests/fuzz/seeds.sh HARNESS DIR   (from the repository root; `make fuzz` runs it)
# Each seed is named after the fixture it came from, so a crash points back at it.
set -eu
LC_ALL=C
export LC_ALL
h=$1
dir=$2
rm -rf "$dir"
mkdir -p "$dir"

# copy FILE...: each file as one seed
copy() {
	for f in "$@"; do
		[ -f "$f" ] || continue
		cp "$f" "$dir/$(printf '%s' "$f" | tr '/' '_')"
	done
}
# lines FILE PATTERN: every line matching PATTERN (a sed regular expression with one group)
# as one seed holding the group
lines() {
	n=0
	sed -n "s/$2/\\1/p" "$1" | while IFS= read -r line; do
		n=$((n + 1))
		printf '%s\n' "$line" > "$dir/$(printf '%s' "$1" | tr '/' '_')-$n"
	done
}

yaml_files=$(find data/messengers criteria templates/i18n tests/bad/cases tests/fixtures \
	-name '*.yml' -type f | sort)
case $h in
yaml)
	# shellcheck disable=SC2086
	copy $yaml_files
	;;
rule)
	lines tests/eval/cases.txt '^rule: *\(.*\)'
	for f in criteria/*/*.yml $(find tests/bad/cases -path '*criteria*' -name '*.yml' | sort); do
		lines "$f" '^ *\(rule\|applies\|admit\): *\({.*\)'
	done
	;;
mustache)
	# shellcheck disable=SC2086
	copy $(find templates tests/fixtures tests/bad/cases -name '*.mustache' -type f | sort)
	;;
markdown|escape)
	# the texts of data files: one seed per file, and one per quoted line
	# shellcheck disable=SC2086
	copy $yaml_files
	for f in data/messengers/*.yml templates/i18n/*.yml; do
		lines "$f" '^ *[a-z-]*: *"\(.*\)" *$'
	done
	;;
licence)
	# the reference texts, the licence test cases, READMEs as notices
	# shellcheck disable=SC2086
	copy data/licences/*.txt $(find tests/licence -type f | sort) README.md
	;;
tagversion)
	# the tag schemes of the repository fixtures: a pattern line, then the tags
	printf '\nv1.2.0\nv1.9.5\nv1.10.0\nv2.0.0-beta\nv2.0.0-rc1\nlatest\nnightly\n' >"$dir/app"
	printf 'release-*\nrelease-1.4.12\nrelease-1.5.9\nrelease-1.5.10\nbeta-1.6.0\n' >"$dir/briar"
	printf '\n7.60.3\nV7.60.3\n1.2.0beta2\n1.2-nightly.5\n1.2.3+build.7\n1.2.3-hotfix\n20240101\n' >"$dir/schemes"
	printf 'v*-android\nv7.1.0-android\nv7.1.0\nv7.2.0-android\n' >"$dir/suffix"
	sed -n 's/.*git tag \(-[as] \)*\([^ ]*\).*/\2/p' tests/repo/make-fixtures.sh >"$dir/fixture-tags.body"
	{ echo; cat "$dir/fixture-tags.body"; } >"$dir/fixture-tags"
	rm -f "$dir/fixture-tags.body"
	;;
probejson|matrix|apt|feedyaml)
	# the recorded answers of the probe tests and of the http engine's tests
	# shellcheck disable=SC2046
	copy $(find tests/fixtures/probe tests/fixtures/https -name body -type f | sort)
	;;
*)
	echo "seeds.sh: unknown harness '$h'" >&2
	exit 2
	;;
esac
count=$(find "$dir" -type f | wc -l)
if [ "$count" -eq 0 ]; then
	echo "seeds.sh: no seeds for '$h' (fixtures moved?)" >&2
	exit 1
fi
echo "seeds: $count for $h"
