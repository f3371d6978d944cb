# Every target sets up what it needs: .venv is created and the package installed on first use.
# `make demo` installs the package alone (its run-time dependencies); the other targets add the dev tools.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PKG_STAMP := $(VENV)/.package-stamp
STAMP := $(VENV)/.installed-stamp
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check

.PHONY: demo test test-fast lint bench bench-quick bench-ledger bench-gc fuzz clean

$(PKG_STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) -e .
	touch $(PKG_STAMP)

$(STAMP): $(PKG_STAMP)
	$(PIP) -e '.[dev]'
	touch $(STAMP)

## demo: the weekly overdue report of the bundled sample plan, week ending 2021-06-25
demo: $(PKG_STAMP)
	$(BIN)/fazhi-tasks weekly --week-ending 2021-06-25

## test: the whole test suite (unit, property, CLI, docs, examples)
test: $(STAMP)
	$(BIN)/python -m pytest -q

## test-fast: the suite without the long runs and without PostgreSQL, Chromium and LibreOffice, over every core
##            (pytest-xdist), with fewer generated examples (hypothesis profile "fast", 40 sheet layouts, 4 fuzzed
##            inputs per format): the same checks as `make test`, run on less data
test-fast: $(STAMP)
	HYPOTHESIS_PROFILE=fast SHEET_EXAMPLES=40 FUZZ_COUNT=4 $(BIN)/python -m pytest -q -n auto \
		-m "not slow and not postgres and not browser and not libreoffice"

## lint: ruff and mypy --strict
lint: $(STAMP)
	$(BIN)/ruff check src tests examples benchmarks
	$(BIN)/mypy

## fuzz: the long fuzz run, FUZZ_COUNT mutated inputs per format (default 2000; `make test` runs 12), and as many
##       generated plan layouts (tests/sheets; `make test` runs 200)
fuzz: $(STAMP)
	FUZZ_COUNT=$${FUZZ_COUNT:-2000} $(BIN)/python -W ignore -m tests.fuzz
	SHEET_REPORT=1 SHEET_EXAMPLES=$${FUZZ_COUNT:-2000} $(BIN)/python -m pytest -q -s tests/sheets

## bench: the benchmark table (N = 10^3 … 10^6); bench-quick: the CI-sized run
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

bench-quick: $(STAMP)
	$(BIN)/python benchmarks/run.py --quick

## bench-gc: what the garbage collector costs on 10^5 tasks, on and inside ft.paused_gc()
bench-gc: $(STAMP)
	$(BIN)/python -m benchmarks.gc_pause

## bench-ledger: the ledger, SQLite beside a throwaway PostgreSQL (10⁶ updates, 1,000 bureau plans; ~15 min)
bench-ledger: $(STAMP)
	$(BIN)/python benchmarks/ledger.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .hypothesis
