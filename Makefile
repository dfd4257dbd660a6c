# Two commands on a fresh machine with Python 3.11:  make book   and   make test
# Everything installs into .venv (created if needed); nothing else on the machine changes.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP_RUN    := $(VENV)/.installed-runtime
STAMP_GRADER := $(VENV)/.installed-grader
STAMP_TEST   := $(VENV)/.installed-test
BOOK_FLAGS := -W -n --keep-going

# Reproducible builds: the date a build prints ("Last updated on …", the PDF's creation date)
# is the last commit's, not the clock's (Sphinx and TeX read SOURCE_DATE_EPOCH), so the same
# commit builds to the same bytes on any day.  Outside a git checkout the clock is used.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(strip $(SOURCE_DATE_EPOCH)),)
export SOURCE_DATE_EPOCH
endif

PHONY_I18N := book-en book-zh locales
.PHONY: book book-clean $(PHONY_I18N) pdf pdf-en pdf-zh epub epub-en epub-zh site release release-check linkcheck lint-workflows test-lower debian-deps test test-fast test-slow test-book test-browser lint assignments generated grade bench bench-node install install-grader install-test clean help

help:
	@echo "make book         install and build the HTML book into _build/html (both editions)"
	@echo "make book-zh      the English edition, then the Chinese one into _build/html/zh_CN"
	@echo "make locales      extract the English messages, update locales/*/LC_MESSAGES catalogues"
	@echo "make test         install test dependencies and run every tier (fast, slow, book, browser)"
	@echo "make test-fast    fast tier: unit, property, doctest and fuzz tests (every core)"
	@echo "make test-slow    slow tier: assignments built, graded and attacked"
	@echo "make test-book    book tier: strict build, budgets, reproducibility, visible cells"
	@echo "make test-browser browser tier: every page in Chromium (builds the book first)"
	@echo "make assignments  build student notebooks and autograders into _build/assignments"
	@echo "make generated    regenerate every generated file (assignment notebooks, Colab copies)"
	@echo "make grade A=ch01_definitions S=submissions/   grade a folder (grades.csv, feedback, item analysis)"
	@echo "make bench        run the benchmarks (not part of make test)"
	@echo "make pdf          the book and one PDF per chapter into _build/editions, English then"
	@echo "                  Chinese (_build/editions/zh_CN; pdf-en, pdf-zh alone; needs TeX: README)"
	@echo "make epub         the EPUB editions into _build/editions[/zh_CN], checked with epubcheck"
	@echo "make site         PDF, EPUB, then the HTML site (both editions) that links them (deployed)"
	@echo "make release      the release's files and SHA256SUMS into _build/release"
	@echo "make linkcheck    check the book's external links (needs a network; weekly in CI)"
	@echo "make test-lower   the fast tier in .venv-lower, with the declared lower bounds"
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

book: book-zh
	@echo "Open _build/html/index.html (the Chinese edition: _build/html/zh_CN/index.html)"

book-en: $(STAMP_RUN)
	$(BIN)/jupyter-book build . $(BOOK_FLAGS)

# The Chinese edition: same _config.yml (language overridden), the English edition's
# execution cache (nothing runs again), catalogues in locales/zh_CN (coursebook.editions).
book-zh: book-en
	$(BIN)/python -m coursebook edition zh_CN $(BOOK_FLAGS)

# Extract the messages (sphinx-build -b gettext, and the built English charts) and merge them
# into every language's catalogues with sphinx-intl (locales/README.md).
locales: $(STAMP_TEST) book-en
	$(BIN)/python -m coursebook locales

book-clean:
	rm -rf _build/html _build/.doctrees _build/jupyter_execute _build/zh_CN
	$(MAKE) book

# Tiers (tests/conftest.py marks each test by its folder): fast = not slow, book or browser;
# make test also runs coursekit's fast tests with the declared lower bounds (test-lower).
# The fast tier runs on every core (pytest-xdist); the others share one book build, so they
# run in one process. 'make test' runs every tier: this is the README's (and CI's) command.
FAST := not slow and not book and not browser

test: $(STAMP_TEST)
	$(BIN)/python -m pytest -m "$(FAST)" -n auto -q
	$(MAKE) test-lower
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

# The Colab copies show the build's numbers and references (coursebook.notebooks): book first.
generated: assignments book
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

# The PDF and EPUB editions (README: "Editions and releases"). The LaTeX builder reuses the
# HTML build's executed pages (jupyter-cache); xelatex needs Debian's TeX packages (.ci/run).
LATEX_DIR := _build/latex
TEX_PACKAGES := texlive-xetex texlive-latex-extra texlive-lang-chinese texlive-fonts-recommended latexmk fonts-freefont-otf fonts-noto-cjk poppler-utils epubcheck
# Everything the tests need from Debian (as root; .ci/run and the workflows run it): TeX for
# make pdf, epubcheck (Java) for make epub, Chromium for the browser tests, bubblewrap for the
# grader's sandbox, a CJK font for Chinese text. Only missing packages are installed.
DEBIAN_PACKAGES := $(TEX_PACKAGES) chromium bubblewrap

debian-deps:
	@missing=$$(for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then echo "installing from Debian:" $$missing; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	else echo "Debian packages: all present"; fi

# xelatex in a LaTeX folder ($(1)), with the first errors shown if it fails.
LATEXMK = cd $(1) && latexmk -xelatex -interaction=nonstopmode -halt-on-error industrial-clusters.tex >latexmk.out 2>&1 \
	  || { tail -40 latexmk.out; grep -A8 '^!' industrial-clusters.log | head -40; exit 1; }

# make pdf and make epub build both editions: English (pdf-en, epub-en), then Chinese
# (pdf-zh, epub-zh: same _config.yml with language zh_CN and the English edition's
# execution cache, built like book-zh by coursebook.editions into _build/zh_CN/latex and
# _build/zh_CN/epub, finished into _build/editions/zh_CN).
pdf: pdf-zh
epub: epub-zh

pdf-en: $(STAMP_TEST)
	@command -v latexmk >/dev/null || { echo "make pdf needs TeX: apt-get install --no-install-recommends $(TEX_PACKAGES)"; exit 1; }
	$(BIN)/jupyter-book build . --builder latex $(BOOK_FLAGS)
	$(call LATEXMK,$(LATEX_DIR))
	$(BIN)/python -m coursebook print pdf

pdf-zh: pdf-en
	$(BIN)/python -m coursebook edition zh_CN --builder latex $(BOOK_FLAGS)
	$(call LATEXMK,_build/zh_CN/latex)
	$(BIN)/python -m coursebook print pdf --language zh_CN

epub-en: $(STAMP_TEST)
	rm -rf _build/epub  # the EPUB lists every file of its folder: start from an empty one
	$(BIN)/jupyter-book build . --builder custom --custom-builder epub $(BOOK_FLAGS)
	$(BIN)/python -m coursebook print epub

epub-zh: epub-en
	$(BIN)/python -m coursebook edition zh_CN --builder epub $(BOOK_FLAGS)
	$(BIN)/python -m coursebook print epub --language zh_CN

# The deployed site: the editions first, so that the HTML build of each edition links its
# own PDF and EPUB from every page.
site: pdf epub
	$(BIN)/jupyter-book build . $(BOOK_FLAGS)
	$(BIN)/python -m coursebook edition zh_CN $(BOOK_FLAGS)

release: site assignments
	$(BIN)/python -m coursebook release _build/release

# A tag (TAG=v0.3.0) must be the version in src/coursekit/__init__.py and have a CHANGELOG.md section.
release-check: $(STAMP_RUN)
	$(BIN)/python -m coursebook release-check $(TAG)

# External links need a network: CI runs this weekly. LINKCHECK_ARGS passes Sphinx options
# (make test runs it offline with every remote link ignored, to exercise the target).
linkcheck: $(STAMP_RUN)
	$(BIN)/jupyter-book build . --builder linkcheck $(LINKCHECK_ARGS)
	@# Jupyter Book writes the report into _build/html; it belongs to no site.
	mkdir -p _build/linkcheck && mv -f _build/html/output.json _build/html/output.txt _build/linkcheck/

lint-workflows: $(STAMP_TEST)
	$(BIN)/actionlint -color=false .github/workflows/*.yml

# coursekit's declared lower bounds (requirements-lower.txt: what Colab has, e.g. pandas 2.2)
# in their own venv, then coursekit's fast tests there (the student library's; the book and
# grader tools keep their pins). Warnings from coursekit are errors (pyproject.toml).
LOWER := .venv-lower
$(LOWER)/.installed: requirements-lower.txt pyproject.toml
	$(PYTHON) -m venv $(LOWER)
	$(LOWER)/bin/python -m pip install --quiet --upgrade pip
	$(LOWER)/bin/python -m pip install --quiet -r requirements-lower.txt
	touch $@

test-lower: $(LOWER)/.installed
	$(LOWER)/bin/python -m pytest -m "$(FAST)" -n auto -q -p no:cacheprovider \
	  -W error::FutureWarning src/coursekit tests/coursekit tests/fuzz

clean:
	rm -rf _build
