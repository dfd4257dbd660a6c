# Two commands on a fresh machine with Python 3.11:  make book   and   make test
# Everything installs into .venv (created if needed); nothing else on the machine changes.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP_RUN    := $(VENV)/.installed-runtime
STAMP_GRADER := $(VENV)/.installed-grader
STAMP_TEST   := $(VENV)/.installed-test
BOOK_FLAGS := -W -n --keep-going

.PHONY: book book-clean test test-fast test-slow test-book test-browser lint assignments generated grade bench bench-node install install-grader install-test clean help

help:
	@echo "make book         install and build the HTML book into _build/html"
	@echo "make test         install test dependencies and run every tier (fast, slow, book, browser)"
	@echo "make test-fast    fast tier: unit, property, doctest and fuzz tests (every core)"
	@echo "make test-slow    slow tier: assignments built, graded and attacked"
	@echo "make test-book    book tier: strict build, budgets, reproducibility, visible cells"
	@echo "make test-browser browser tier: every page in Chromium (builds the book first)"
	@echo "make assignments  build student notebooks and autograders into _build/assignments"
	@echo "make generated    regenerate every generated file (assignment notebooks, Colab copies)"
	@echo "make grade A=ch01_definitions S=submissions/   grade a folder (grades.csv, feedback, item analysis)"
	@echo "make bench        run the benchmarks (not part of make test)"
	@echo "make clean        remove _build and the execution cache"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_RUN): requirements.txt pyproject.toml packages/coursebook/pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(STAMP_GRADER): $(STAMP_RUN) requirements-grader.txt packages/coursegrader/pyproject.toml
	$(BIN)/python -m pip install --quiet -r requirements-grader.txt
	touch $@

$(STAMP_TEST): $(STAMP_GRADER) requirements-dev.txt
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(STAMP_RUN)
install-grader: $(STAMP_GRADER)
install-test: $(STAMP_TEST)

book: $(STAMP_RUN)
	$(BIN)/jupyter-book build . $(BOOK_FLAGS)
	@echo "Open _build/html/index.html"

book-clean:
	rm -rf _build/html _build/.doctrees _build/jupyter_execute
	$(MAKE) book

# Tiers (tests/conftest.py marks each test by its folder): fast = not slow, book or browser.
# The fast tier runs on every core (pytest-xdist); the others share one book build, so they
# run in one process. 'make test' runs every tier: this is the README's (and CI's) command.
FAST := not slow and not book and not browser

test: $(STAMP_TEST)
	$(BIN)/python -m pytest -m "$(FAST)" -n auto -q
	$(BIN)/python -m pytest -m "slow or book or browser"

test-fast: $(STAMP_TEST)
	$(BIN)/python -m pytest -m "$(FAST)" -n auto -q

test-slow: $(STAMP_TEST)
	$(BIN)/python -m pytest -m slow

test-book: $(STAMP_TEST)
	$(BIN)/python -m pytest -m book

test-browser: $(STAMP_TEST)
	$(BIN)/python -m pytest -m browser

lint: $(STAMP_TEST)
	$(BIN)/ruff check src packages tests benchmarks

assignments: $(STAMP_GRADER)
	$(BIN)/python -m coursegrader build --publish

generated: assignments
	$(BIN)/python -m coursebook notebooks

grade: $(STAMP_GRADER)
	@test -n "$(A)" -a -n "$(S)" || { echo "usage: make grade A=<assignment> S=<submissions folder>"; exit 2; }
	@command -v bwrap >/dev/null || echo "note: bubblewrap (bwrap) is not installed: submissions run with --isolation none (Landlock-restricted where the kernel allows; apt-get install bubblewrap)"
	test -f _build/assignments/$(A)/autograder/reference.json || $(BIN)/python -m coursegrader build $(A)
	$(BIN)/python -m coursegrader grade $(A) $(S) $(GRADE_ARGS)

BENCH_STAMP := $(VENV)/.installed-bench

$(BENCH_STAMP): $(STAMP_RUN) benchmarks/requirements.txt
	$(BIN)/python -m pip install --quiet -r benchmarks/requirements.txt
	touch $@

# Lighthouse (pinned in benchmarks/package-lock.json) goes into benchmarks/node_modules (git-ignored).
LIGHTHOUSE := benchmarks/node_modules/.bin/lighthouse

bench-node:
	@if command -v npm >/dev/null 2>&1; then \
	  if [ ! -x $(LIGHTHOUSE) ] || [ benchmarks/package-lock.json -nt $(LIGHTHOUSE) ]; then \
	    (cd benchmarks && npm ci --no-audit --no-fund --loglevel=error) && touch $(LIGHTHOUSE); fi; \
	else echo "note: npm not found, so make bench cannot run Lighthouse (apt-get install nodejs npm)"; fi

bench: $(BENCH_STAMP) bench-node
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

clean:
	rm -rf _build
