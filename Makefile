# msgvet - GNU make. `make run` and `make check` install missing Debian packages first.
#
#   make                 build ./msgvet
#   make run             regenerate the outputs from the bundled data (offline)
#   make check           build and run every test
#   make probe           the http engine against the loopback fixture server (part of check)
#   make upstream        accept, check, history and diff on that server (tests/check.sh, part of check)
#   make preview         build the pages and render them with mkdocs into site/html/
#   make check SANITIZE=address,undefined
#   make install PREFIX=/usr/local DESTDIR=...
#   make WERROR=1        warnings are errors (CI)
#   make fuzz            libFuzzer harnesses (tests/fuzz/) built with clang, ASan and UBSan in
#                        build-fuzz/, each run FUZZ_SECONDS (default 60) from the fixtures' seeds
#   make fuzz-regress    tests/fuzz/regress/<harness>/ through each harness, without libFuzzer
#                        (part of make check)

PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
SHAREDIR ?= $(PREFIX)/share/msgvet
MANDIR   ?= $(PREFIX)/share/man
DESTDIR  ?=

CC       ?= cc
PKG_CONFIG ?= pkg-config
PKGS      := yaml-0.1 libcjson sqlite3 libcurl libgit2 md4c-html
TEST_PKGS := cmocka

# Debian packages: the -dev package that provides each pkg-config module, plus tools.
DEB_PKGS := pkg-config libyaml-dev libcjson-dev libsqlite3-dev libcurl4-openssl-dev \
            libgit2-dev libmd4c-dev libmd4c-html0-dev libcmocka-dev
# for the tests: the guide's mkdocs toolchain, man page lint
TEST_DEB_PKGS := mkdocs mkdocs-material mkdocs-material-extensions python3-pymdownx mandoc valgrind \
                 chromium tidy python3 python3-yaml openssl git openssh-client

WARN := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wwrite-strings \
        -Wformat=2 -Wno-format-nonliteral
ifeq ($(WERROR),1)
WARN += -Werror
endif

OPT ?= -O2 -g
ifneq ($(SANITIZE),)
OPT := -O1 -g -fno-omit-frame-pointer
SAN := -fsanitize=$(SANITIZE) -fno-sanitize-recover=all
endif

BUILD := build$(if $(SANITIZE),-san)

PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
TEST_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(TEST_PKGS) 2>/dev/null)
TEST_LIBS   = $(shell $(PKG_CONFIG) --libs $(TEST_PKGS) 2>/dev/null)

BASE_CFLAGS = -std=c11 -pthread -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
              -Isrc -Isrc/eval -Isrc/report -Isrc/cmd -Isrc/probe -DMSGVET_SHAREDIR='"$(SHAREDIR)"'
ALL_CFLAGS  = $(BASE_CFLAGS) $(OPT) $(WARN) $(SAN) $(PKG_CFLAGS) $(CPPFLAGS) $(CFLAGS)
ALL_LDFLAGS = -pthread $(SAN) $(LDFLAGS)

LIB_SRC  := $(filter-out src/main.c,$(wildcard src/*.c src/eval/*.c src/report/*.c src/probe/*.c))
CMD_SRC  := $(wildcard src/cmd/*.c)
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
CMD_OBJ  := $(CMD_SRC:%.c=$(BUILD)/%.o)
MAIN_OBJ := $(BUILD)/src/main.o
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
PROBE_SRC := $(wildcard tests/probe/test_*.c)
PROBE_BIN := $(PROBE_SRC:tests/probe/%.c=$(BUILD)/tests/probe/%)

.PHONY: all run check unit probe upstream cli repo bad golden valgrind browser mkdocs preview deps test-deps install uninstall clean bench \
        fuzz fuzz-build fuzz-regress fuzz-deps FORCE
.DEFAULT_GOAL := all

all: msgvet$(if $(SANITIZE),-san)

# Rebuild everything when the flags change.
$(BUILD)/.flags: FORCE
	@mkdir -p $(BUILD)
	@echo '$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS)' | cmp -s - $@ || echo '$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS)' > $@

$(BUILD)/%.o: %.c $(BUILD)/.flags
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

msgvet$(if $(SANITIZE),-san): $(MAIN_OBJ) $(CMD_OBJ) $(LIB_OBJ)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS) $(LDLIBS)

$(BUILD)/tests/test_%: tests/unit/test_%.c $(LIB_OBJ) $(BUILD)/.flags
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(TEST_CFLAGS) -MMD -MP -o $@ $< $(LIB_OBJ) $(ALL_LDFLAGS) $(PKG_LIBS) $(TEST_LIBS) $(LDLIBS)

# the http engine against the fixture HTTPS server (needs python3 and openssl)
$(BUILD)/tests/probe/test_%: tests/probe/test_%.c $(LIB_OBJ) $(BUILD)/.flags
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(TEST_CFLAGS) -MMD -MP -o $@ $< $(LIB_OBJ) $(ALL_LDFLAGS) $(PKG_LIBS) $(TEST_LIBS) $(LDLIBS)

# The fuzzing harnesses (tests/fuzz/), each also linked with a plain main() (driver.c) that runs
# files through it: built with $(CC) and the flags above, for make check.
FUZZ_HARNESSES := yaml rule mustache markdown escape licence tagversion probejson feedyaml apt matrix
FUZZ_COMMON    := tests/fuzz/fuzz.c
REGRESS_BIN    := $(FUZZ_HARNESSES:%=$(BUILD)/tests/regress-%)

$(BUILD)/tests/regress-%: $(BUILD)/tests/fuzz/fuzz_%.o $(BUILD)/tests/fuzz/driver.o \
                          $(FUZZ_COMMON:%.c=$(BUILD)/%.o) $(LIB_OBJ)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS) $(LDLIBS)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

# The same harnesses for libFuzzer: clang, the library compiled again with coverage
# instrumentation, ASan and UBSan into build-fuzz/.
FUZZ_CC      ?= clang
FUZZ_BUILD   := build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_SEED ?=
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all
# A render budget a tenth of the normal one: the harness's renders are small, and an input
# that exhausts the budget then takes about a second, not ten.
FUZZ_CFLAGS   = $(BASE_CFLAGS) -O1 -g -fno-omit-frame-pointer $(WARN) $(FUZZ_SAN) \
                -fsanitize=fuzzer-no-link -DMUSTACHE_MAX_STEPS=1000000UL $(PKG_CFLAGS) $(CPPFLAGS)
FUZZ_LIB_OBJ := $(LIB_SRC:%.c=$(FUZZ_BUILD)/%.o) $(FUZZ_COMMON:%.c=$(FUZZ_BUILD)/%.o)
FUZZ_BIN     := $(FUZZ_HARNESSES:%=$(FUZZ_BUILD)/fuzz-%)

$(FUZZ_BUILD)/.flags: FORCE
	@mkdir -p $(FUZZ_BUILD)
	@echo '$(FUZZ_CC) $(FUZZ_CFLAGS)' | cmp -s - $@ || echo '$(FUZZ_CC) $(FUZZ_CFLAGS)' > $@

$(FUZZ_BUILD)/%.o: %.c $(FUZZ_BUILD)/.flags
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -MMD -MP -c $< -o $@

$(FUZZ_BUILD)/fuzz-%: $(FUZZ_BUILD)/tests/fuzz/fuzz_%.o $(FUZZ_LIB_OBJ)
	$(FUZZ_CC) -pthread $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $^ $(PKG_LIBS) $(LDLIBS)

-include $(shell find $(FUZZ_BUILD) -name '*.d' 2>/dev/null)
# keep the harnesses' objects (make would delete them as intermediate files)
.SECONDARY: $(FUZZ_HARNESSES:%=$(BUILD)/tests/fuzz/fuzz_%.o) $(BUILD)/tests/fuzz/driver.o \
            $(FUZZ_COMMON:%.c=$(BUILD)/%.o) $(FUZZ_HARNESSES:%=$(FUZZ_BUILD)/tests/fuzz/fuzz_%.o)

# Install the Debian packages that are missing (apt-get as root, sudo otherwise).
deps:
	@sh tests/deps.sh $(DEB_PKGS)

test-deps:
	@sh tests/deps.sh $(DEB_PKGS) $(TEST_DEB_PKGS)

MSGVET_BIN = ./msgvet$(if $(SANITIZE),-san)

run: deps
	@$(MAKE) --no-print-directory all
	@$(MSGVET_BIN) validate
	@$(MSGVET_BIN) build
	@for v in criteria/*/*.yml; do \
		spec=$$(basename $$(dirname $$v))@$$(basename $$v .yml); \
		echo; $(MSGVET_BIN) list --criteria $$spec || exit $$?; \
	done
	@echo
	@echo "pages:      site/docs/ (newest version at the top, one folder per locale and older version)"
	@echo "comparison: site/compare/index.html (open it in a browser; works offline)"
	@echo "exports:    site/msgvet.json, site/msgvet.csv"
	@echo "try:        ./msgvet explain session, ./msgvet explain element forward-secrecy, ./msgvet show briar, ./msgvet facts --older-than 90, ./msgvet --help"

unit: all $(UNIT_BIN)
	@set -e; for t in $(UNIT_BIN); do echo "== $$t"; $$t; done

probe: all $(PROBE_BIN)
	@set -e; for t in $(PROBE_BIN); do echo "== $$t"; $$t; done
	@MSGVET=$(MSGVET_BIN) sh tests/probe.sh

upstream: all
	@MSGVET=$(MSGVET_BIN) sh tests/check.sh

cli: all
	@MSGVET=$(MSGVET_BIN) sh tests/cli/run.sh
	@MSGVET=$(MSGVET_BIN) sh tests/build.sh
	@MSGVET=$(MSGVET_BIN) sh tests/undetermined.sh
	@MSGVET=$(MSGVET_BIN) sh tests/i18n-complete.sh
	@MSGVET=$(MSGVET_BIN) sh tests/licence/limits.sh

repo: all
	@MSGVET=$(MSGVET_BIN) sh tests/repo/run.sh

bad: all
	@MSGVET=$(MSGVET_BIN) sh tests/bad/run.sh

VALGRIND = valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99 -q
valgrind: all
	@WRAP="$(VALGRIND)" MSGVET=$(MSGVET_BIN) sh tests/cli/run.sh
	@WRAP="$(VALGRIND)" MSGVET=$(MSGVET_BIN) sh tests/probe.sh

golden: all
	@MSGVET=$(MSGVET_BIN) sh tests/golden/run.sh

mkdocs: all
	@MSGVET=$(MSGVET_BIN) sh tests/mkdocs.sh

# The pages as the guide renders them: msgvet build, the stand-ins of site/stubs/, and
# mkdocs build --strict into site/html/ (open site/html/real-time-communication/index.html).
preview: all
	@sh tests/deps.sh mkdocs mkdocs-material mkdocs-material-extensions python3-pymdownx
	@MSGVET=$(MSGVET_BIN) sh site/preview.sh site

browser: all
	@MSGVET=$(MSGVET_BIN) sh tests/browser/run.sh

fuzz-regress: $(REGRESS_BIN)
	@set -e; for h in $(FUZZ_HARNESSES); do $(BUILD)/tests/regress-$$h tests/fuzz/regress/$$h; done

# clang, and the package holding libFuzzer and the sanitizers' runtime (clang only recommends
# it), installed like the other packages
FUZZ_DEB_PKGS := clang libclang-rt-14-dev
fuzz-deps:
	@sh tests/deps.sh $(DEB_PKGS) $(FUZZ_DEB_PKGS)

fuzz-build: fuzz-deps
	@$(MAKE) --no-print-directory $(FUZZ_BIN)

fuzz: fuzz-build
	@set -e; for h in $(FUZZ_HARNESSES); do sh tests/fuzz/seeds.sh $$h $(FUZZ_BUILD)/seeds/$$h; done
	@status=0; for h in $(FUZZ_HARNESSES); do \
		FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_SEED=$(FUZZ_SEED) FUZZ_BUILD=$(FUZZ_BUILD) sh tests/fuzz/run.sh $$h || status=1; \
	done; \
	if [ $$status -ne 0 ]; then echo "make fuzz: FAILED (inputs in $(FUZZ_BUILD)/crashes/)"; exit 1; fi; \
	echo "make fuzz: no crash, leak or timeout"

check: test-deps
	@$(MAKE) --no-print-directory unit probe upstream cli repo bad golden mkdocs browser fuzz-regress
	@sh tests/check-modules.sh
	@MSGVET=$(MSGVET_BIN) sh tests/determinism.sh
	@MSGVET=$(MSGVET_BIN) sh tests/check-readme.sh
	@sh tests/check-docs.sh $(MSGVET_BIN)
	@echo "make check: all tests passed"

bench/yaml-scan: bench/yaml-scan.c
	$(CC) -std=c11 -O2 $(shell $(PKG_CONFIG) --cflags yaml-0.1) -o $@ $< $(shell $(PKG_CONFIG) --libs yaml-0.1)

bench: all bench/yaml-scan
	@sh bench/eval-scale
	@sh bench/build-scale
	@python3 bench/probe-concurrency
	@sh bench/licence
	@sh bench/repo

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(SHAREDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	install -m 755 msgvet $(DESTDIR)$(BINDIR)/msgvet
	cp -R criteria data templates $(DESTDIR)$(SHAREDIR)/
	install -d $(DESTDIR)$(SHAREDIR)/site
	cp -R site/stubs $(DESTDIR)$(SHAREDIR)/site/
	install -m 644 man/msgvet.1 $(DESTDIR)$(MANDIR)/man1/msgvet.1
	install -m 644 man/msgvet.5 $(DESTDIR)$(MANDIR)/man5/msgvet.5

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/msgvet $(DESTDIR)$(MANDIR)/man1/msgvet.1 $(DESTDIR)$(MANDIR)/man5/msgvet.5
	rm -rf $(DESTDIR)$(SHAREDIR)

clean:
	rm -rf build build-san build-fuzz msgvet msgvet-san tests/out bench/yaml-scan
