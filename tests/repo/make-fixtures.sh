#!/bin/sh
# tests/repo/make-fixtures.sh DIR - the fixture repositories of the repository probe, built
# with the git command line under DIR (bare repositories DIR/NAME.git; the work trees are
# removed). Deterministic: fixed dates and identities.
#
#   app.git     MIT (LICENSE) plus LICENSES/Apache-2.0.txt; source files with
#               SPDX-License-Identifier lines (3 MIT, 1 Apache-2.0); .github/SECURITY.md and
#               docs/SECURITY.md; default branch "trunk"; tags in several schemes: annotated
#               v1.2.0, lightweight v1.9.5, SSH-signed v1.10.0, pre-releases v2.0.0-rc1 and
#               v2.0.0-beta, non-versions "nightly" and "latest".
#   briar.git   tags release-1.5.9, release-1.5.10, release-1.4.12 and beta-1.6.0; a dual
#               licence: LICENSE (AGPL-3.0) and LICENSE-COMMERCIAL (no known text); COPYING a
#               symbolic link to LICENSE.
#   odd.git     a LICENSE over the 1 MiB limit and a binary LICENSE.png.
#   empty.git   no commits.
set -eu
LC_ALL=C
export LC_ALL
top=$(cd "$(dirname "$0")/../.." && pwd)
out=$1
mkdir -p "$out"
out=$(cd "$out" && pwd)
export GIT_AUTHOR_NAME="Fixture" GIT_AUTHOR_EMAIL="fixture@example.org"
export GIT_COMMITTER_NAME="Fixture" GIT_COMMITTER_EMAIL="fixture@example.org"
export GIT_CONFIG_NOSYSTEM=1 HOME="$out/home"
mkdir -p "$HOME"
git config --global init.defaultBranch main
git config --global tag.gpgSign false
at() { # a fixed date for the next commit or tag
	GIT_AUTHOR_DATE="$1T12:00:00Z"
	GIT_COMMITTER_DATE="$1T12:00:00Z"
	export GIT_AUTHOR_DATE GIT_COMMITTER_DATE
}
commit() {
	git add -A
	git commit -q -m "$1"
}

# app
w=$out/app.work
git init -q -b trunk "$w"
cd "$w"
cp "$top/data/licences/MIT.txt" LICENSE
mkdir -p LICENSES src .github docs
cp "$top/data/licences/Apache-2.0.txt" LICENSES/Apache-2.0.txt
printf '// SPDX-License-Identifier: MIT\nint a;\n' >src/a.c
printf '// SPDX-License-Identifier: MIT\nint b;\n' >src/b.c
printf '# SPDX-License-Identifier: MIT\necho c\n' >src/c.sh
printf '/* SPDX-License-Identifier: Apache-2.0 */\nint d;\n' >src/d.c
printf 'Report vulnerabilities to security@example.org.\n' >.github/SECURITY.md
printf 'See .github/SECURITY.md.\n' >docs/SECURITY.md
at 2026-01-10
commit "first"
git tag -a v1.2.0 -m "1.2.0"
echo more >>src/a.c
at 2026-03-01
commit "second"
git tag v1.9.5
ssh-keygen -q -t ed25519 -N '' -C fixture -f "$out/home/signing-key"
git -c gpg.format=ssh -c user.signingkey="$out/home/signing-key" tag -s v1.10.0 -m "1.10.0"
git tag v2.0.0-beta
git tag latest
echo rc >>src/b.c
at 2026-05-20
commit "third"
git tag -a v2.0.0-rc1 -m "2.0.0-rc1"
git tag nightly
git clone -q --bare "$w" "$out/app.git"
git -C "$out/app.git" symbolic-ref HEAD refs/heads/trunk

# briar
w=$out/briar.work
git init -q "$w"
cd "$w"
cp "$top/data/licences/AGPL-3.0.txt" LICENSE
printf 'Commercial licence\n\nThis software may also be licensed under a commercial agreement with\nExample Ltd. Contact sales@example.org for terms and prices.\n' >LICENSE-COMMERCIAL
ln -s LICENSE COPYING
at 2025-06-01
commit "one"
git tag -a release-1.4.12 -m x
echo 1 >x
at 2025-09-01
commit "two"
git tag -a release-1.5.9 -m x
echo 2 >x
at 2025-12-24
commit "three"
git tag -a release-1.5.10 -m x
git tag -a beta-1.6.0 -m x
git clone -q --bare "$w" "$out/briar.git"

# odd
w=$out/odd.work
git init -q "$w"
cd "$w"
awk 'BEGIN { for (i = 0; i < 30000; i++) print "Permission is hereby granted, free of charge, to any person." }' >LICENSE
printf '\211PNG\r\n\032\n\000\000\000\rIHDR' >LICENSE.png
at 2024-02-29
commit "odd"
git clone -q --bare "$w" "$out/odd.git"

# empty
git init -q --bare "$out/empty.git"

rm -rf "$out/app.work" "$out/briar.work" "$out/odd.work"
