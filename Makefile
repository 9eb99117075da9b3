# metanav: `make run` starts the app on the bundled content; `make test` runs every check.
# Both create .venv on first use and reinstall only when pyproject.toml changes.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
ARGS ?=

.PHONY: run plain test lint bench a11y clean test-tools messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The gettext catalogues are compiled by the package's build hook (hatch_build.py), so a
# changed .po file reinstalls the package.
PO_FILES := $(wildcard src/metanav/locale/*/LC_MESSAGES/*.po)

$(VENV)/.installed: pyproject.toml hatch_build.py $(PO_FILES) | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

run: $(VENV)/.installed
	$(BIN)/metanav $(ARGS)

plain: $(VENV)/.installed
	$(BIN)/metanav --plain $(ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/lint-imports

test: lint
	$(BIN)/python -m pytest -q

# Tools some tests use when they are there, and skip with a reason otherwise: zbarimg reads QR
# codes back, a private cupsd takes print jobs, the console font's Unicode table. Debian, as root.
test-tools:
	apt-get install -y --no-install-recommends zbar-tools cups-daemon cups-client console-setup-linux

# Compiled first, as an installed wheel is: a process that compiles a screen's module the
# first time it opens (PYTHONDONTWRITEBYTECODE, a fresh checkout) measures the compiler.
bench: $(VENV)/.installed-test
	$(BIN)/python -m compileall -q src/metanav > /dev/null
	$(BIN)/python benchmarks/run.py $(ARGS)

# A real screen reader (Fenrir) reading the full screen (without the screen-reader setting,
# METANAV_SCREEN_READER=0: under Fenrir metanav turns it on by itself; then with it),
# plain mode and lynx through the study's tasks: words, silent keys and glyph noise per key.
# Not part of `make test`: the tool installs fenrir, tmux and lynx with apt-get and takes
# about five minutes. See BENCHMARKS.md, "Screen readers".
SR_TOOL ?= ../shared/tools/screenreader/run
a11y: $(VENV)/.installed
	@test -x $(SR_TOOL) || { echo "make a11y needs the screen-reader tool: set SR_TOOL=path/to/screenreader/run"; exit 2; }
	METANAV_SCREEN_READER=0 SR_METANAV_ARGS="--lang en" $(SR_TOOL) tui benchmarks/screenreader/tui.py
	SR_METANAV_ARGS="--screen-reader --lang en" $(SR_TOOL) tui benchmarks/screenreader/tui.py
	SR_METANAV_ARGS="--lang en" $(SR_TOOL) plain benchmarks/screenreader/plain.py
	$(SR_TOOL) lynx

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache

# Interface words: extract every _() / N_() / ngettext() string into the template, then bring
# each language's .po up to date with it (translate the new entries, then `make test`).
messages: $(VENV)/.installed-test
	$(BIN)/pybabel extract -F babel.cfg -k N_ -k ngettext:1,2 --no-location --sort-output \
		--project metanav -o src/metanav/locale/metanav.pot .
	$(BIN)/pybabel update -i src/metanav/locale/metanav.pot -d src/metanav/locale -D metanav \
		--no-fuzzy-matching --ignore-obsolete
