# motcua: plain make with pkg-config. `make run`, `make check` (see README.md).

CC       ?= cc
PKGS     := libmicrohttpd jansson libsodium sqlite3 cairo pangocairo libqrencode xlsxwriter libcurl libxml-2.0 libzip
SANITIZE ?=
OPT      ?= -O2
VERSION  := 0.1.0
PREFIX   ?= /usr/local
DESTDIR  ?=

WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CFLAGS   := -std=c17 $(OPT) -g $(WARN) -D_GNU_SOURCE -Isrc -Ibuild/gen -DMOTCUA_VERSION='"$(VERSION)"'
LDLIBS   := -lcsv -lunistring -lm -lpthread
ifneq ($(SANITIZE),)
CFLAGS   += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS  += -fsanitize=$(SANITIZE)
endif

# pkg-config runs only once the packages are there (scripts/setup installs them).
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)

B        := build
SRC      := $(wildcard src/lib/*.c src/core/*.c src/store/*.c src/http/*.c src/api/*.c src/docs/*.c src/cmd/*.c) src/main.c
OBJ      := $(SRC:%.c=$(B)/%.o)
MIGR     := $(sort $(wildcard src/store/sql/sqlite/*.sql))
FORMS    := $(sort $(wildcard src/docs/forms/*.json))
GEN      := $(B)/gen/migrations_sqlite.c $(B)/gen/openapi_yaml.c $(B)/gen/form_sets.c \
            $(B)/gen/par_examples.c
GENOBJ   := $(GEN:.c=.o)
UNIT_SRC := $(wildcard tests/unit/*/*_test.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)

.PHONY: all setup run check check-dates screenshots bench fuzz fuzz-bins format format-check clean unit-bins \
        install deb

all: $(B)/motcua

# Rebuild everything when the compiler flags change (e.g. SANITIZE on or off).
$(B)/flags: FORCE
	@mkdir -p $(B)
	@echo '$(CC) $(CFLAGS) $(LDFLAGS)' | cmp -s - $@ || echo '$(CC) $(CFLAGS) $(LDFLAGS)' > $@
FORCE:

$(B)/%.o: %.c $(B)/flags
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -MMD -MP -c $< -o $@

$(B)/gen/migrations_sqlite.c: $(MIGR) scripts/embed
	@mkdir -p $(dir $@)
	scripts/embed migrations_sqlite $(MIGR) > $@

$(B)/gen/openapi_yaml.c: docs/openapi.yaml scripts/embed
	@mkdir -p $(dir $@)
	scripts/embed openapi_yaml docs/openapi.yaml > $@

$(B)/gen/form_sets.c: $(FORMS) scripts/embed
	@mkdir -p $(dir $@)
	scripts/embed form_sets $(FORMS) > $@

# the example PAR INDEX structure the demo loads
$(B)/gen/par_examples.c: docs/examples/par-index-example.json scripts/embed
	@mkdir -p $(dir $@)
	scripts/embed par_examples docs/examples/par-index-example.json > $@

$(B)/gen/%.o: $(B)/gen/%.c $(B)/flags
	$(CC) $(CFLAGS) -c $< -o $@

$(B)/libmotcua.a: $(filter-out $(B)/src/cmd/% $(B)/src/main.o,$(OBJ)) $(GENOBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/motcua: $(filter $(B)/src/cmd/% $(B)/src/main.o,$(OBJ)) $(B)/libmotcua.a
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(LDLIBS)

$(B)/tests/%: tests/unit/%.c $(B)/libmotcua.a $(B)/flags
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) $(shell pkg-config --cflags cmocka 2>/dev/null) $(LDFLAGS) \
		-o $@ $< $(B)/libmotcua.a $(PKG_LIBS) $(shell pkg-config --libs cmocka 2>/dev/null) $(LDLIBS)

unit-bins: $(UNIT_BIN)

# Fuzz targets (libFuzzer, clang, address and undefined sanitizers): tests/fuzz/*.c
# over the library's sources (and the demo catalogue) built again with clang and coverage. `make fuzz`
# runs each for FUZZ_RUNS inputs (new finds go to build/fuzz/found/); `make check`
# runs each over its seeds in tests/fuzz/corpus/.
FUZZ        := $(basename $(notdir $(wildcard tests/fuzz/*.c)))
FZ          := $(B)/fuzz
FUZZ_CC     ?= clang
FUZZ_RUNS   ?= 200000
FUZZ_HTTP_RUNS ?= 5000
FUZZ_CFLAGS := -std=c17 -O1 -g $(WARN) -D_GNU_SOURCE -Isrc -I$(B)/gen -fno-omit-frame-pointer \
               -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_SRC    := $(filter-out src/cmd/% src/main.c,$(SRC)) src/cmd/demo_catalog.c src/cmd/demo_data.c
FUZZ_OBJ    := $(FUZZ_SRC:%.c=$(FZ)/obj/%.o) $(GEN:$(B)/gen/%.c=$(FZ)/obj/gen/%.o)

$(FZ)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(PKG_CFLAGS) -MMD -MP -c $< -o $@

$(FZ)/obj/gen/%.o: $(B)/gen/%.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c $< -o $@

$(FZ)/%: tests/fuzz/%.c $(FUZZ_OBJ)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $(PKG_CFLAGS) -o $@ $< $(FUZZ_OBJ) $(PKG_LIBS) $(LDLIBS)

fuzz-bins: $(FUZZ:%=$(FZ)/%)

.SECONDARY: $(FUZZ_OBJ)

fuzz: fuzz-bins
	@for t in $(FUZZ); do \
		runs=$(FUZZ_RUNS); extra=""; \
		[ $$t = http ] && runs=$(FUZZ_HTTP_RUNS) && extra=-detect_leaks=0; \
		mkdir -p $(FZ)/found/$$t; \
		echo "fuzz: $$t, $$runs inputs"; \
		$(FZ)/$$t -runs=$$runs $$extra -max_len=8192 -timeout=10 -print_final_stats=1 \
			$(FZ)/found/$$t tests/fuzz/corpus/$$t || exit 1; \
	done

setup:
	scripts/setup

# Installs what is missing, builds, creates the demo database once, serves.
run: setup
	$(MAKE) all
	@test -f var/motcua.db || { mkdir -p var && $(B)/motcua demo --db var/motcua.db; }
	$(B)/motcua serve --db var/motcua.db --listen 127.0.0.1:8080 --web web

# Installs, builds, runs every suite; the last line is "N passed, N failed".
check: setup
	$(MAKE) all unit-bins fuzz-bins
	scripts/check

# The API suites with the clock moved to Tết eve, New Year's Eve and a Saturday (libfaketime).
check-dates: setup
	$(MAKE) all
	scripts/check-dates

# Benchmarks (not part of check): the HTTP server against nginx and raw SQLite
# (bench/http.sh), then reports on a province-sized database (bench/reports.sh).
bench: all $(B)/bench/intake_ref
	bench/http.sh
	bench/reports.sh

# The binary, the web pages, the configuration and the systemd unit under
# $(DESTDIR)$(PREFIX) (docs/deploy.md); into / it also makes the motcua user.
install: all
	scripts/install "$(DESTDIR)" "$(PREFIX)"

# A Debian package in build/ (scripts/deb; lintian-clean).
deb: all
	scripts/deb "$(VERSION)"

# The reference of the intake benchmark: raw SQLite writing an intake's rows.
$(B)/bench/intake_ref: bench/intake_ref.c $(B)/flags
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) $(LDFLAGS) -o $@ $< $(PKG_LIBS) $(LDLIBS)

# The README's screenshots, taken by the browser tests.
screenshots: all
	SCREENSHOTS=docs/screenshots node --test --test-concurrency=1 tests/browser/

format:
	clang-format -i $(SRC) $(UNIT_SRC) $(wildcard src/*/*.h tests/unit/*.h tests/fuzz/*.c)

format-check:
	clang-format --dry-run -Werror $(SRC) $(UNIT_SRC) $(wildcard src/*/*.h tests/unit/*.h tests/fuzz/*.c)

clean:
	rm -rf $(B)

-include $(OBJ:.o=.d) $(FUZZ_OBJ:.o=.d)
