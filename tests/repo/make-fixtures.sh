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
#               symbolic link to LICENSE; a README saying "version 3 only".
#   gnu.git     LICENSE (GPL-3.0) and a README granting "or (at your option) any later
#               version", while the source headers say GPL-3.0-only (2 files) and one header
#               grants "any later version" in prose: the two sides disagree.
#   dual.git    LICENSE-APACHE and LICENSE-MIT, a README "Licensed under either of ...";
#               headers say "GPL-2.0-or-later" in one file (no GNU licence file: ignored).
#   later.git   LICENSE (AGPL-3.0), no README, headers AGPL-3.0-or-later (2 files).
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
printf '# Briar\n\nLicensed under the GNU Affero General Public License, version 3 only,\nor under a commercial licence (see LICENSE-COMMERCIAL).\n' >README.md
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

# gnu: the README and the headers disagree
w=$out/gnu.work
git init -q "$w"
cd "$w"
cp "$top/data/licences/GPL-3.0.txt" LICENSE
printf 'Example is free software: you can redistribute it and/or modify it under the terms of\nthe GNU General Public License as published by the Free Software Foundation, either\nversion 3 of the License, or (at your option) any later version.\n' >README
mkdir src
printf '// SPDX-License-Identifier: GPL-3.0-only\nint a;\n' >src/a.c
printf '// SPDX-License-Identifier: GPL-3.0-only\nint b;\n' >src/b.c
printf '/* This file is free software; you can redistribute it under the GPL, version 3 or\n * (at your option) any\n * later version. */\nint c;\n' >src/c.c
at 2025-01-01
commit "gnu"
git clone -q --bare "$w" "$out/gnu.git"

# dual: alternatives by the README
w=$out/dual.work
git init -q "$w"
cd "$w"
cp "$top/data/licences/Apache-2.0.txt" LICENSE-APACHE
cp "$top/data/licences/MIT.txt" LICENSE-MIT
printf '## License\n\nLicensed under either of\n\n* Apache License, Version 2.0 (LICENSE-APACHE)\n* MIT license (LICENSE-MIT)\n\nat your option.\n' >README.md
printf '// SPDX-License-Identifier: GPL-2.0-or-later\nint a;\n' >a.c
at 2025-01-02
commit "dual"
git clone -q --bare "$w" "$out/dual.git"

# later: the headers decide
w=$out/later.work
git init -q "$w"
cd "$w"
cp "$top/data/licences/AGPL-3.0.txt" LICENSE
printf '// SPDX-License-Identifier: AGPL-3.0-or-later\nint a;\n' >a.c
printf '// SPDX-License-Identifier: AGPL-3.0-or-later\nint b;\n' >b.c
at 2025-01-03
commit "later"
git clone -q --bare "$w" "$out/later.git"

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

rm -rf "$out/app.work" "$out/briar.work" "$out/gnu.work" "$out/dual.work" "$out/later.work" "$out/odd.work"
