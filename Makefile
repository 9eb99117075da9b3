# metanav: `make run` starts the app on the bundled content; `make test` runs every check.
# Both create .venv on first use and reinstall only when pyproject.toml changes.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
ARGS ?=

.PHONY: run plain test lint bench clean test-tools

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
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

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
