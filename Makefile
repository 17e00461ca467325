# `make serve` and `make test` do everything on a fresh clone: set up .venv, build, serve or test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB := build/news.db
# Everything that changes what the database contains.
INPUTS := seeds $(wildcard seeds/*) corrections.yml $(shell find loader -name '*.py' -o -name '*.yml')

.PHONY: serve test build clean

serve: $(DB) $(VENV)/.installed
	$(BIN)/loader serve $(DB) --metadata metadata.yml

build: $(DB)

test: $(VENV)/.installed-test
	$(BIN)/pytest

$(DB): $(VENV)/.installed $(INPUTS)
	$(BIN)/loader build seeds --db $(DB)

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

clean:
	rm -rf build $(VENV)
