#!/bin/sh
# check-docs.sh - the manual pages agree with the program.
#
#   sh tests/check-docs.sh [MSGVET]     (default ./msgvet; run from anywhere in the tree)
#
# msgvet(1): every command that 'msgvet --help' lists has a subsection ".Ss NAME" under
# COMMANDS and a synopsis line; every option that 'msgvet CMD --help' lists is written
# "Fl \-name" in the page, in that command's subsection (global options: in the
# "Global options" subsection), with its short form and with an argument exactly when it
# takes one; every option the page documents for a command is accepted by that command (it
# is in its --help and the parser takes it); formats, arguments, exit statuses and
# environment variables agree; every word of a command's usage line (a subcommand such as
# 'template render', an option) is in its subsection's synopsis; every "$ msgvet ..." example
# runs (in a scratch directory that links to the tree's criteria/, data/, templates/ and site/stubs/, so that
# examples that write files, such as 'msgvet build', leave the tree alone).
# msgvet(5): every key, enumeration value and rule operator of src/schema.c and src/eval/rule.c,
# the limits of src/yamlfile.h, the keys of 'compare --format json', the keys of the page
# templates' context (src/report/page.c) and the keys, schema id and CSV header of the exports
# that 'build' writes (msgvet.json, msgvet.csv) are documented, and the page documents no key or
# operator that does not exist. doc/formats.md, its summary, names every key of src/schema.c.
# Both pages pass 'mandoc -T lint -W warning' (or groff -ww) when either tool is installed.
#
# Prints one line per failed check and then "N passed, M failed"; exits 1 on any failure.
set -eu
LC_ALL=C
export LC_ALL
set -f

bin=${1:-./msgvet}
case $bin in
/*) ;;
*) bin=$PWD/$bin ;;
esac
cd "$(dirname "$0")/.."
MAN1=man/msgvet.1
MAN5=man/msgvet.5

pass=0
failn=0
ok() { pass=$((pass + 1)); }
fail() {
	echo "FAIL: $*"
	failn=$((failn + 1))
}
# A check whose input is missing fails: it never skips quietly.
present() {
	for f in "$@"; do
		if [ ! -e "$f" ]; then
			fail "$f is missing, so the checks that read it cannot run"
			return 1
		fi
	done
	return 0
}
finish() {
	echo "$pass passed, $failn failed"
	[ "$failn" -eq 0 ] || exit 1
	exit 0
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
: >"$tmp/allhelp"

if [ ! -x "$bin" ]; then
	fail "$bin is not an executable (build it with make)"
	finish
fi
for f in $MAN1 $MAN5; do
	if [ ! -f "$f" ]; then
		fail "$f does not exist"
		finish
	fi
done

# A fixed clock and no colour for everything the binary prints.
unset NO_COLOR || true
SOURCE_DATE_EPOCH=1767225600
export SOURCE_DATE_EPOCH

# --- helpers ------------------------------------------------------------------------------

# The lines of section $2 (.Sh) of file $1.
sh_part() {
	awk -v want="$2" '
		/^\.Sh / { s = $0; sub(/^\.Sh +/, "", s); gsub(/"/, "", s); on = (s == want); next }
		on' "$1"
}

# The lines of subsection $3 (.Ss) inside section $2 (.Sh) of file $1.
ss_part() {
	awk -v sec="$2" -v want="$3" '
		/^\.Sh / { s = $0; sub(/^\.Sh +/, "", s); gsub(/"/, "", s); insec = (s == sec); on = 0; next }
		/^\.Ss / { s = $0; sub(/^\.Ss +/, "", s); gsub(/"/, "", s); on = insec && (s == want); next }
		on' "$1"
}

# The subsection names of section $2 of file $1.
ss_names() {
	awk -v sec="$2" '
		/^\.Sh / { s = $0; sub(/^\.Sh +/, "", s); gsub(/"/, "", s); insec = (s == sec); next }
		insec && /^\.Ss / { s = $0; sub(/^\.Ss +/, "", s); gsub(/"/, "", s); print s }' "$1"
}

# The options written with Fl on the mdoc lines read from stdin:
#   L name       a long option (Fl \-name)
#   S c          a short option (Fl c)
#   I name 0|1   a long option on an .It line, and whether the line has an argument (Ar)
fl_opts() {
	awk '
		/^\./ {
			n = split(substr($0, 2), t, /[ \t]+/)
			isit = (t[1] == "It")
			hasar = ($0 ~ /[ \t]Ar([ \t]|$)/) ? 1 : 0
			on = 0
			for (i = 1; i <= n; i++) {
				w = t[i]
				if (w == "Fl") { on = 1; continue }
				if (w ~ /^[A-Z][a-z][a-z]?$/) { on = 0; continue }
				if (!on) continue
				if (w ~ /^(\\-|-)[a-z0-9][a-z0-9-]*$/) {
					sub(/^\\?-/, "", w)
					print "L " w
					if (isit) print "I " w " " hasar
				} else if (w ~ /^[A-Za-z0-9]$/) {
					print "S " w
				} else if (w != "|" && w != "," && w != "\\-") {
					on = 0
				}
			}
		}'
}

# The options a --help text (stdin) lists, one per line: "KIND NAME SHORT ARG", KIND being
# "cmd" (under "options:" of a command) or "global", SHORT and ARG "-" when absent.
help_opts() {
	awk -v main="$1" '
		/^options:/ { kind = main ? "global" : "cmd"; next }
		/^global options:/ { kind = "global"; next }
		/^[^ ]/ { kind = "" }
		kind != "" && /^ +(-[A-Za-z0-9], )?--[a-z]/ {
			s = $0
			sub(/^ +/, "", s)
			short = "-"
			if (s ~ /^-[A-Za-z0-9], /) { short = substr(s, 2, 1); s = substr(s, 5) }
			s = substr(s, 3)
			split(s, w, / +/)
			arg = (w[2] ~ /^[A-Z][A-Z0-9_@\[\]]*$/) ? w[2] : "-"
			print kind, w[1], short, arg
		}'
}

# Whether word $1 is in the whitespace-separated list $2.
in_list() {
	for il_w in $2; do
		[ "$il_w" = "$1" ] && return 0
	done
	return 1
}

# --- msgvet(1) ------------------------------------------------------------------------------

# Lint, with whichever tool is installed.
for f in $MAN1 $MAN5; do
	if command -v mandoc >/dev/null 2>&1; then
		if mandoc -T lint -W warning "$f" >"$tmp/lint" 2>&1 && [ ! -s "$tmp/lint" ]; then
			ok
		else
			fail "mandoc -T lint -W warning $f:"
			sed 's/^/    /' "$tmp/lint"
		fi
	elif command -v groff >/dev/null 2>&1; then
		if groff -mdoc -Tutf8 -ww -z "$f" >"$tmp/lint" 2>&1 && [ ! -s "$tmp/lint" ]; then
			ok
		else
			fail "groff -mdoc -ww $f:"
			sed 's/^/    /' "$tmp/lint"
		fi
	else
		echo "note: neither mandoc nor groff is installed: $f is not linted"
	fi
done

if ! "$bin" --help >"$tmp/help" 2>"$tmp/help.err"; then
	fail "'msgvet --help' exits with status $?"
	finish
fi
commands=$(awk '/^commands:/ { on = 1; next } on && /^$/ { exit } on { print $1 }' "$tmp/help")
if [ -z "$commands" ]; then
	fail "'msgvet --help' lists no commands"
	finish
fi

sections=$(ss_names $MAN1 COMMANDS)
sh_part $MAN1 SYNOPSIS >"$tmp/synopsis"
ss_part $MAN1 DESCRIPTION "Global options" >"$tmp/global.man"
if [ -s "$tmp/global.man" ]; then ok; else fail "$MAN1 has no 'Global options' subsection in DESCRIPTION"; fi
fl_opts <"$tmp/global.man" >"$tmp/global.fl"
fl_opts <$MAN1 >"$tmp/all.fl"

# Commands: a subsection and a synopsis line for each, and no subsection for anything else.
for c in $commands; do
	if in_list "$c" "$sections"; then ok; else fail "command '$c' has no '.Ss $c' subsection under COMMANDS in $MAN1"; fi
	if grep -q "^\.Cm $c\$" "$tmp/synopsis"; then ok; else fail "command '$c' is not in the SYNOPSIS of $MAN1 ('.Cm $c')"; fi
done
for s in $sections; do
	if in_list "$s" "$commands"; then ok; else fail "$MAN1 documents a command '$s' that 'msgvet --help' does not list"; fi
done

# Checks one option listed by a --help text. $1 command ("" for msgvet itself), $2 kind,
# $3 name, $4 short, $5 argument, $6 file with the fl_opts of the part it belongs to,
# $7 the name of that part.
check_listed() {
	cl_name=$3 cl_short=$4 cl_arg=$5 cl_part=$6 cl_where=$7
	cl_label=${1:+"$1 "}--$cl_name
	# (a) written "Fl \-name" somewhere in the page
	if grep -Eq "(^|[ \t])Fl \\\\-$cl_name([^a-z0-9-]|\$)" $MAN1; then ok; else fail "$cl_label is not in $MAN1 (as 'Fl \\-$cl_name')"; fi
	# (b) documented in its part of the page, with its short form and its argument
	if grep -qx "L $cl_name" "$cl_part"; then ok; else fail "$cl_label is not documented in $cl_where of $MAN1"; fi
	if [ "$cl_short" != - ]; then
		if grep -qx "S $cl_short" "$cl_part"; then ok; else fail "$cl_label: its short form -$cl_short is not documented in $cl_where of $MAN1"; fi
	fi
	cl_want=0
	[ "$cl_arg" = - ] || cl_want=1
	cl_got=$(awk -v n="$cl_name" '$1 == "I" && $2 == n { print $3; exit }' "$cl_part")
	if [ -z "$cl_got" ]; then
		fail "$cl_label has no '.It Fl \\-$cl_name' item in $cl_where of $MAN1"
	elif [ "$cl_got" = "$cl_want" ]; then
		ok
	elif [ $cl_want = 1 ]; then
		fail "$cl_label takes an argument ($cl_arg) but its item in $cl_where of $MAN1 has no 'Ar'"
	else
		fail "$cl_label takes no argument but its item in $cl_where of $MAN1 has one"
	fi
}

# Whether command $1 ("" for msgvet itself) accepts option --$2 ($3: its argument or "-"),
# as the parser sees it: the option followed by --help must print the help.
accepts() {
	if [ "$3" = - ]; then
		set -- "$1" "--$2"
	else
		set -- "$1" "--$2=x"
	fi
	if [ -n "$1" ]; then
		"$bin" "$1" "$2" --help >"$tmp/acc.out" 2>"$tmp/acc.err"
	else
		"$bin" "$2" --help >"$tmp/acc.out" 2>"$tmp/acc.err"
	fi
}

# The options of msgvet itself (the global part of the page).
help_opts 1 <"$tmp/help" >"$tmp/main.opts"
if [ -s "$tmp/main.opts" ]; then ok; else fail "'msgvet --help' lists no options"; fi
main_longs=""
while read -r kind name short arg; do
	main_longs="$main_longs $name"
	check_listed "" "$kind" "$name" "$short" "$arg" "$tmp/global.fl" "the 'Global options' subsection"
	if accepts "" "$name" "$arg"; then ok; else fail "msgvet does not accept --$name as 'msgvet --help' shows it"; fi
done <"$tmp/main.opts"
# ... and nothing else in the global part
while read -r k name; do
	if [ "$k" = L ]; then
		if in_list "$name" "$main_longs"; then ok; else fail "$MAN1 documents a global option --$name that 'msgvet --help' does not list"; fi
	fi
done <"$tmp/global.fl"

all_longs=$main_longs
all_shorts=$(awk '$3 != "-" { print $3 }' "$tmp/main.opts")
for c in $commands; do
	if "$bin" "$c" --help >"$tmp/$c.help" 2>"$tmp/$c.err" && head -n 1 "$tmp/$c.help" | grep -Eq "^usage: msgvet $c( |\$)"; then
		ok
	else
		fail "'msgvet $c --help' does not print the command's usage"
		continue
	fi
	cat "$tmp/$c.help" >>"$tmp/allhelp"
	ss_part $MAN1 COMMANDS "$c" >"$tmp/$c.man"
	fl_opts <"$tmp/$c.man" >"$tmp/$c.fl"
	help_opts 0 <"$tmp/$c.help" >"$tmp/$c.opts"
	longs="" shorts=""
	while read -r kind name short arg; do
		longs="$longs $name"
		[ "$short" = - ] || shorts="$shorts $short"
		if [ "$kind" = cmd ]; then
			check_listed "$c" "$kind" "$name" "$short" "$arg" "$tmp/$c.fl" "the '$c' subsection"
		else
			check_listed "$c" "$kind" "$name" "$short" "$arg" "$tmp/global.fl" "the 'Global options' subsection"
		fi
		if accepts "$c" "$name" "$arg"; then ok; else fail "'msgvet $c' does not accept --$name as its --help shows it"; fi
		if [ "$arg" = - ]; then
			# a flag must refuse a value, or --help and the parser disagree on its argument
			if "$bin" "$c" "--$name=x" --help >/dev/null 2>&1; then
				fail "'msgvet $c --$name=x' is accepted, but --help shows --$name without an argument"
			else
				ok
			fi
		fi
	done <"$tmp/$c.opts"
	all_longs="$all_longs $longs"
	all_shorts="$all_shorts $shorts"
	# every option the subsection documents is one the command takes
	while read -r k name rest; do
		case $k in
		L) if in_list "$name" "$longs"; then ok; else fail "$MAN1 documents --$name for '$c', which 'msgvet $c --help' does not list"; fi ;;
		S) if in_list "$name" "$shorts"; then ok; else fail "$MAN1 documents -$name for '$c', which 'msgvet $c --help' does not list"; fi ;;
		esac
	done <"$tmp/$c.fl"
	# output formats: the same in --help and in the subsection (".It Cm FORMAT")
	fmts=$(sed -n 's/.*--format [A-Z]* *output format: \(.*\) (default .*/\1/p' "$tmp/$c.help")
	mfmts=$(awk '/^\.It Cm [a-z]+$/ { print $3 }' "$tmp/$c.man")
	for f in $fmts; do
		if in_list "$f" "$mfmts"; then ok; else fail "'msgvet $c --format $f' is not described in the '$c' subsection of $MAN1 ('.It Cm $f')"; fi
	done
	for f in $mfmts; do
		if in_list "$f" "$fmts"; then ok; else fail "$MAN1 describes a format '$f' for '$c', which 'msgvet $c --help' does not list"; fi
	done
	# positional arguments: each word of the usage line is in the subsection's synopsis
	args=$(head -n 1 "$tmp/$c.help" | sed 's/^usage: msgvet [a-z0-9-]* \[options\] *//')
	syn=$(awk '/^\.Pp/ { exit } { print }' "$tmp/$c.man")
	for a in $(echo "$args" | tr -c 'A-Z\n' ' '); do
		lc=$(echo "$a" | tr '[:upper:]' '[:lower:]')
		if echo "$syn" | grep -Eq "^\.(.* )?Ar( [^ ]+)* $lc( |\$)"; then ok; else fail "argument $a of '$c' is not in the synopsis of the '$c' subsection of $MAN1 ('.Ar $lc')"; fi
	done
	# ... a lower-case word is a subcommand ('template render'): '.Cm word' ...
	for a in $args; do
		case $a in
		[a-z]*)
			if echo "$syn" | grep -Eq "^\.(.* )?Cm $a( |\$)"; then ok; else fail "subcommand '$a' of '$c' is not in the synopsis of the '$c' subsection of $MAN1 ('.Cm $a')"; fi
			;;
		--[a-z]*)
			# ... and an option is there with its long or its short form
			on=${a#--}
			os=$(awk -v n="$on" '$2 == n { print $3 }' "$tmp/$c.opts")
			if echo "$syn" | grep -Eq "(^\\.|[ \t])Fl (\\\\-$on|$os)( |\$)"; then ok; else fail "option $a of the usage of '$c' is not in the synopsis of the '$c' subsection of $MAN1"; fi
			;;
		esac
	done
done

# No option anywhere in the page that no command takes.
while read -r k name rest; do
	case $k in
	L) if in_list "$name" "$all_longs"; then ok; else fail "$MAN1 mentions --$name, which no --help lists"; fi ;;
	S) if in_list "$name" "$all_shorts"; then ok; else fail "$MAN1 mentions -$name, which no --help lists"; fi ;;
	esac
done <"$tmp/all.fl"

# Exit statuses: "exit status: 0 ok, 1 findings, ..." against the EXIT STATUS items.
hcodes=$(sed -n 's/^exit status: //p' "$tmp/help" | tr ',' '\n' | awk '{ print $1 }')
mcodes=$(sh_part $MAN1 "EXIT STATUS" | awk '/^\.It [0-9]+$/ { print $2 }')
if [ -n "$hcodes" ]; then ok; else fail "'msgvet --help' states no exit statuses"; fi
for n in $hcodes; do
	if in_list "$n" "$mcodes"; then ok; else fail "exit status $n is not in EXIT STATUS of $MAN1"; fi
done
for n in $mcodes; do
	if in_list "$n" "$hcodes"; then ok; else fail "$MAN1 documents exit status $n, which 'msgvet --help' does not state"; fi
done

# Environment variables named in any --help are in ENVIRONMENT.
menv=$(sh_part $MAN1 ENVIRONMENT | awk '/^\.It Ev / { print $3 }')
# shellcheck disable=SC2013
for v in $(cat "$tmp/help" "$tmp/allhelp" | grep -o '[A-Z][A-Z0-9]*_[A-Z0-9_]*' | sort -u); do
	if in_list "$v" "$menv"; then ok; else fail "$v is named by --help but not in ENVIRONMENT of $MAN1"; fi
done

# The examples run, in a scratch directory whose criteria/, data/, templates/ and the pages'
# assets (site/stubs/) are the tree's.
if present criteria data; then
	mkdir -p "$tmp/ex/site"
	for d in criteria data templates site/stubs; do
		[ ! -d "$d" ] || ln -s "$PWD/$d" "$tmp/ex/$d"
	done
	sh_part $MAN1 EXAMPLES | sed -n 's/^\.Dl \$ msgvet //p' >"$tmp/examples"
	if [ -s "$tmp/examples" ]; then ok; else fail "EXAMPLES of $MAN1 has no '.Dl \$ msgvet ...' line"; fi
	while read -r line; do
		plain=$(printf '%s\n' "$line" | sed 's/\\-/-/g; s/\\&//g')
		case $plain in
		*[\|\<\>\;\&\$\`\'\"\*\?\\]*)
			fail "example 'msgvet $plain' is not a plain command line"
			continue
			;;
		esac
		# shellcheck disable=SC2086
		if (cd "$tmp/ex" && "$bin" $plain >/dev/null 2>"$tmp/ex.err" </dev/null); then
			ok
		else
			fail "example 'msgvet $plain' exits with status $?: $(head -n 1 "$tmp/ex.err")"
		fi
	done <"$tmp/examples"
fi

# --- msgvet(5) ------------------------------------------------------------------------------

# Items (".It Ic NAME") of subsection $1 of DESCRIPTION in msgvet(5).
items5() {
	ss_part $MAN5 DESCRIPTION "$1" | awk '/^\.It Ic / { print $3 }'
}

if present src/schema.c; then
	# every key of the schema tables, and nothing else, in the file subsections
	keys=$(sed -n 's/^[ \t]*{"\([a-z][a-z0-9-]*\)", &t_[a-z0-9_]*, [A-Z_ |0]*},.*/\1/p' src/schema.c | sort -u)
	if [ -n "$keys" ]; then ok; else fail "no schema keys found in src/schema.c"; fi
	doc=$( (ss_part $MAN5 DESCRIPTION "Messenger files"; ss_part $MAN5 DESCRIPTION "Criteria files") |
		awk '/^\./ { for (i = 1; i < NF; i++) if ($i == "Ic" || $i == ".Ic") print $(i + 1) }' | sort -u)
	for k in $keys; do
		if in_list "$k" "$doc"; then ok; else fail "schema key '$k' (src/schema.c) is not in $MAN5 ('Ic $k')"; fi
	done
	for k in $( (items5 "Messenger files"; items5 "Criteria files") | sort -u); do
		if in_list "$k" "$keys"; then ok; else fail "$MAN5 documents a key '$k' that src/schema.c does not have"; fi
	done
	# ... and doc/formats.md names each of them ("key:")
	if present doc/formats.md; then
		for k in $keys; do
			if grep -Eq "(^|[^a-z0-9-])$k:" doc/formats.md; then ok; else fail "schema key '$k' (src/schema.c) is not in doc/formats.md ('$k:')"; fi
		done
	fi
	# every enumeration value
	vals=$(awk '/_values\[\] = \{/ { on = 1 } on { print } on && /NULL\};/ { on = 0 }' src/schema.c |
		grep -o '"[a-z0-9-]*"' | tr -d '"' | sort -u)
	cms=$(awk '/^\./ { for (i = 1; i <= NF; i++) if ($i == "Cm" || $i == ".Cm") on = 1; else if ($i ~ /^[A-Z][a-z][a-z]?$/) on = 0; else if (on) print $i }' $MAN5 | sort -u)
	for v in $vals; do
		if in_list "$v" "$cms"; then ok; else fail "enumeration value '$v' (src/schema.c) is not in $MAN5 ('Cm $v')"; fi
	done
fi

if present src/eval/rule.c; then
	ops=$(sed -n 's/^[ \t]*{"\([a-z][a-z0-9-]*\)", R_[A-Z_]*,.*/\1/p' src/eval/rule.c)
	opargs=$(sed -n 's/^[ \t]*{"[a-z][a-z0-9-]*", R_[A-Z_]*, {\([^}]*\)}.*/\1/p' src/eval/rule.c | tr ',' '\n' | grep -o '"[a-z-]*"' | tr -d '"' | sort -u)
	if [ -n "$ops" ]; then ok; else fail "no rule operators found in src/eval/rule.c"; fi
	mops=$(items5 Rules)
	for o in $ops; do
		if in_list "$o" "$mops"; then ok; else fail "rule operator '$o' (src/eval/rule.c) is not in Rules of $MAN5 ('.It Ic $o')"; fi
	done
	for o in $mops; do
		if in_list "$o" "$ops"; then ok; else fail "$MAN5 documents a rule operator '$o' that src/eval/rule.c does not have"; fi
	done
	rules=$(ss_part $MAN5 DESCRIPTION Rules)
	for a in $opargs; do
		if echo "$rules" | grep -Eq "^\.It Ic [a-z-]+ : .*Ic $a :"; then ok; else fail "rule argument key '$a' (src/eval/rule.c) is not in Rules of $MAN5"; fi
	done
fi

if present src/yamlfile.h; then
	for lim in FILE SCALAR KEYS ITEMS DEPTH; do
		expr=$(sed -n "s/^#define YAML_MAX_$lim (*\([0-9u <]*\))*\$/\1/p" src/yamlfile.h | tr -d 'u')
		if [ -z "$expr" ]; then
			fail "YAML_MAX_$lim not found in src/yamlfile.h"
			continue
		fi
		# shellcheck disable=SC2004 # expand the C expression first, then evaluate it
		n=$(($expr))
		if ss_part $MAN5 DESCRIPTION YAML | grep -Eq "(^|[^0-9])$n([^0-9]|\$)"; then ok; else fail "the limit YAML_MAX_$lim = $n (src/yamlfile.h) is not in YAML of $MAN5"; fi
	done
fi

# the keys of 'compare --format json' are the items of "JSON output", and only they
if present criteria data; then
	if "$bin" --root . compare --all --format json >"$tmp/json" 2>"$tmp/json.err"; then
		jkeys=$(grep -o '"[a-z][a-z0-9_-]*": ' "$tmp/json" | tr -d '": ' | sort -u)
		mkeys=$(items5 "JSON output" | sort -u)
		for k in $jkeys; do
			if in_list "$k" "$mkeys"; then ok; else fail "key '$k' of 'msgvet compare --format json' is not in JSON output of $MAN5"; fi
		done
		for k in $mkeys; do
			if in_list "$k" "$jkeys"; then ok; else fail "$MAN5 documents a JSON key '$k' that 'msgvet compare --all --format json' does not print"; fi
		done
	else
		fail "'msgvet compare --all --format json' exits with status $?: $(head -n 1 "$tmp/json.err")"
	fi
fi

# The Ic words of subsection $1 of DESCRIPTION in msgvet(5): "all" (anywhere) or "items" (the
# words of ".It Ic a , b" lines).
ic5() {
	ss_part $MAN5 DESCRIPTION "$1" | awk -v which="$2" '
		/^\./ {
			isit = ($1 == ".It" && $2 == "Ic")
			if (which == "items" && !isit) next
			on = 0
			for (i = 1; i <= NF; i++) {
				w = $i
				if (w == "Ic" || w == ".Ic") { on = 1; continue }
				if (w ~ /^\.?[A-Z][a-z][a-z]?$/) { on = 0; continue }
				if (on && w ~ /^[a-z][a-z0-9_.-]*$/) print w
			}
		}' | sort -u
}

# the keys of the page templates' context (src/report/page.c) are in "Templates", and only they
if present src/report/page.c; then
	ckeys=$(grep -o 'cJSON_Add[A-Za-z]*To\(Object\|Array\)([a-z_]*, "[a-z_]*"\|add_[a-z]*([a-z_]*, "[a-z_]*"' src/report/page.c |
		sed 's/.*"\([a-z_]*\)"$/\1/' | sort -u)
	if [ -n "$ckeys" ]; then ok; else fail "no context keys found in src/report/page.c"; fi
	tall=$(ic5 Templates all)
	for k in $ckeys; do
		if in_list "$k" "$tall"; then ok; else fail "key '$k' of the page context (src/report/page.c) is not in Templates of $MAN5 ('Ic $k')"; fi
	done
	for k in $(ic5 Templates items); do
		if in_list "$k" "$ckeys"; then ok; else fail "$MAN5 documents a page context key '$k' that src/report/page.c does not set"; fi
	done
fi

# the exports of 'build' are in "Exports": every key of msgvet.json outside the messenger files
# (facts), the localized texts (text, title) and the evidence (described in "JSON output"), the
# schema id and the CSV header line; and every key the subsection lists is in msgvet.json
if present criteria data templates; then
	if "$bin" --root . build --out "$tmp/site" >/dev/null 2>"$tmp/build.err"; then
		ekeys=$(awk '
			function key(s) { sub(/^ *"/, "", s); sub(/".*/, "", s); return s }
			/^ *"[^"]*": / {
				k = key($0)
				if (!skip) print k
				if ($0 ~ /[[{]$/) { st[++n] = k; if (k ~ /^(facts|text|title|evidence)$/) skip++ }
				next
			}
			/^ *[[{]$/ { st[++n] = ""; next }
			/^ *[]}],?$/ { if (st[n] ~ /^(facts|text|title|evidence)$/) skip--; n--; next }
		' "$tmp/site/msgvet.json" | sort -u)
		if [ -n "$ekeys" ]; then ok; else fail "no keys found in the msgvet.json that 'msgvet build' writes"; fi
		eall=$(ic5 Exports all)
		for k in $ekeys; do
			if in_list "$k" "$eall"; then ok; else fail "key '$k' of msgvet.json is not in Exports of $MAN5 ('Ic $k')"; fi
		done
		for k in $(ic5 Exports items); do
			if in_list "$k" "$ekeys"; then ok; else fail "$MAN5 documents a msgvet.json key '$k' that 'msgvet build' does not write"; fi
		done
		exports=$(ss_part $MAN5 DESCRIPTION Exports | sed 's/\\://g')
		schema=$(sed -n 's/^  "schema": "\(.*\)"$/\1/p' "$tmp/site/msgvet.json")
		if [ -n "$schema" ] && echo "$exports" | grep -qF "$schema"; then ok; else fail "the schema id '$schema' of msgvet.json is not in Exports of $MAN5"; fi
		header=$(head -n 1 "$tmp/site/msgvet.csv" | tr -d '\r')
		if [ -n "$header" ] && echo "$exports" | grep -qF "$header"; then ok; else fail "the header line '$header' of msgvet.csv is not in Exports of $MAN5"; fi
	else
		fail "'msgvet build' exits with status $?: $(head -n 1 "$tmp/build.err")"
	fi
fi

finish
