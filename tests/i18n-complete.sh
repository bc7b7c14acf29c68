#!/bin/sh
# Every bundled locale translates 100% of the strings of the page and of the comparison site
# (issue 12): the catalogue strings (the page's and the site's site.*), the criteria files'
# texts and the messengers' prose. A missing one falls back to English, so the page or the
# locale's copy of the site (compare/<locale>/) would mix languages.
#   1. `msgvet i18n` on the bundled data lists no missing string, in any locale;
#   2. the check can fail: a copy of the data without the French 'downloads' (a page string)
#      is reported, and so is one without the French 'site.filter.reset' (a site string);
#   3. every translated catalogue string keeps English's {placeholders} (the site fills them
#      in: a lost one drops the value; an unknown one `msgvet validate` refuses already), seen
#      failing with a copy whose French site.met lost {total}.
#   MSGVET=./msgvet sh tests/i18n-complete.sh
set -eu
LC_ALL=C
export LC_ALL
MSGVET=${MSGVET:-./msgvet}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/msgvet-i18n.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0
failn=0
ok() { pass=$((pass + 1)); }
ko() { echo "FAIL: $*"; failn=$((failn + 1)); }

# missing strings as "LOCALE FILE KEY" lines, from `msgvet i18n` (text)
missing() {
	"$MSGVET" --root "$1" i18n >"$tmp/i18n.out" 2>"$tmp/i18n.err" || {
		ko "msgvet i18n failed under $1: $(cat "$tmp/i18n.err")"
		return 0
	}
	awk '
	/^[a-z][a-z_-]*: [0-9]+ missing/ { loc = $1; sub(/:$/, "", loc); next }
	/^  [^ ]+: / { for (i = 2; i <= NF; i++) print loc, $1, $i }
	' "$tmp/i18n.out"
}

missing . >"$tmp/bundled"
if [ -s "$tmp/bundled" ]; then
	ko "bundled locales miss strings (they fall back to English on the page or the site):"
	sed 's/^/    /' "$tmp/bundled"
else
	ok
fi
locales=$(awk 'NR > 1 && NF == 4 { print $1 }' "$tmp/i18n.out" | tr '\n' ' ')
case $locales in
*fr*) ok ;;
*) ko "msgvet i18n lists no French locale (found: $locales): the check reads nothing" ;;
esac

mkdir -p "$tmp/root"
cp -R criteria data templates "$tmp/root/"
mkdir -p "$tmp/root/site" && cp -R site/stubs "$tmp/root/site/"
grep -v '^downloads:' templates/i18n/fr.yml >"$tmp/root/templates/i18n/fr.yml"
missing "$tmp/root" >"$tmp/broken"
if grep -q '^fr .*templates/i18n/fr.yml: downloads$' "$tmp/broken"; then ok; else
	ko "a French catalogue without 'downloads' is not reported (got: $(cat "$tmp/broken"))"
fi
# the site's strings count too: drop the French site.filter.reset (the only '    reset:' line)
if [ "$(grep -c '^    reset: ' templates/i18n/fr.yml)" != 1 ]; then
	ko "templates/i18n/fr.yml has not exactly one '    reset:' line (site.filter.reset): the check reads nothing"
fi
grep -v '^    reset: ' templates/i18n/fr.yml >"$tmp/root/templates/i18n/fr.yml"
missing "$tmp/root" >"$tmp/broken"
if grep -q '^fr .*templates/i18n/fr.yml: site.filter.reset$' "$tmp/broken"; then ok; else
	ko "a French catalogue without 'site.filter.reset' is not reported (got: $(cat "$tmp/broken"))"
fi

# placeholders: "LOCALE KEY: English's, the locale's" per string whose sets differ
placeholders() {
	python3 - "$1" <<'EOF'
import glob, os, re, sys
try:
    import yaml
except ImportError:
    print("python3-yaml is missing (Debian package python3-yaml)")
    sys.exit(0)
def flat(n, p=""):
    if isinstance(n, dict):
        for k, v in n.items():
            yield from flat(v, "%s%s." % (p, k))
    elif isinstance(n, str):
        yield p[:-1], n
d = os.path.join(sys.argv[1], "templates/i18n")
en = dict(flat(yaml.safe_load(open(os.path.join(d, "en.yml"), encoding="utf-8"))))
ph = lambda s: sorted(set(re.findall(r"\{[a-z-]+\}", s)))
for f in sorted(glob.glob(os.path.join(d, "*.yml"))):
    loc = os.path.basename(f)[:-4]
    for k, v in flat(yaml.safe_load(open(f, encoding="utf-8"))):
        if k in en and ph(v) != ph(en[k]):
            print("%s %s: %s, %s" % (loc, k, " ".join(ph(en[k])) or "none", " ".join(ph(v)) or "none"))
EOF
}
placeholders . >"$tmp/ph"
if [ -s "$tmp/ph" ]; then
	ko "translations whose {placeholders} differ from English's:"
	sed 's/^/    /' "$tmp/ph"
else
	ok
fi
sed 's/^  met: "{met} sur {total} remplis"$/  met: "{met} remplis"/' templates/i18n/fr.yml >"$tmp/root/templates/i18n/fr.yml"
placeholders "$tmp/root" >"$tmp/ph"
if grep -q '^fr site.met: {met} {total}, {met}$' "$tmp/ph"; then ok; else
	ko "a French site.met without {total} is not reported (got: $(cat "$tmp/ph"))"
fi

echo "i18n-complete: $pass passed, $failn failed"
[ "$failn" -eq 0 ]
