# l10nflow — developer and CI entry points.
#   make demo   install, then run the flow on examples/partnership
#   make test   the test suite (fast tests; `make test-slow` for the rest)

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
TORCH  := torch==2.13.0
EXAMPLE := examples/partnership

.PHONY: install test test-slow test-all lint format demo check-example clean messages check-messages

install: $(VENV)/.installed

# Everything, for developers: torch first and pinned (an unpinned torch pulled in by transformers
# would be a multi-GB CUDA build), then dev = the mt and fast extras plus the test tools.
# Users pick: `pip install l10nflow` (core, no model stack), `l10nflow[mt]`, `l10nflow[fast]`.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet $(TORCH)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

test: install
	$(BIN)/python -m pytest -m "not slow" -q

# Slow checks (model training, kill tests, large inputs). Exit 5 means "none selected".
test-slow: install
	$(BIN)/python -m pytest -m slow -q || [ $$? -eq 5 ]

test-all: install
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check src tests bench examples
	$(BIN)/ruff format --check src tests bench examples

format: install
	$(BIN)/ruff format src tests bench examples
	$(BIN)/ruff check --fix src tests bench examples

# The main job on the example project, every stage: extract, translate, status, check,
# assemble. Without the model (no hub, HF_HUB_OFFLINE, no model stack) one line says machine
# translation was skipped and how to get the model; the other stages still run (exit 0).
demo: install
	$(BIN)/python examples/demo.py $(EXAMPLE)

# What CI gates on besides the tests: the shipped glossary lints clean, the example checks clean.
check-example: install
	$(BIN)/l10nflow glossary lint glossaries/defense.csv
	cd $(EXAMPLE) && ../../$(BIN)/l10nflow check --format github
	cd examples/formats && ../../$(BIN)/l10nflow check --format github
	$(MAKE) --no-print-directory check-messages

# The tool's own messages (issue 22): extract the CLI's strings (babel.cfg) into
# locales/l10nflow.pot, merge them into each locales/<lang>/LC_MESSAGES/l10nflow.po (new ones
# empty, changed ones fuzzy), compile the .mo that ships in the package (src/l10nflow/locale/).
MESSAGE_LANGS := ar
PYBABEL_EXTRACT = $(BIN)/pybabel --quiet extract -F babel.cfg -k N_ -k plain --no-location --sort-output \
	--width 79 --project l10nflow --version 0.1.0 --copyright-holder "l10nflow engineers" \
	--msgid-bugs-address "l10nflow engineers"
messages: install
	$(PYBABEL_EXTRACT) -o locales/l10nflow.pot .
	for lang in $(MESSAGE_LANGS); do \
	  $(BIN)/pybabel --quiet update -i locales/l10nflow.pot -d locales -D l10nflow -l $$lang -w 79 \
	    --init-missing --ignore-pot-creation-date && \
	  mkdir -p src/l10nflow/locale/$$lang/LC_MESSAGES && \
	  $(BIN)/pybabel compile -D l10nflow -i locales/$$lang/LC_MESSAGES/l10nflow.po \
	    -o src/l10nflow/locale/$$lang/LC_MESSAGES/l10nflow.mo --statistics || exit 1; \
	done

# CI's gate on them: the catalogs hold every message of the sources (a new `_()` string left
# out fails), msgfmt accepts them, and every entry is translated and reviewed (not fuzzy).
check-messages: install
	$(PYBABEL_EXTRACT) -o $(or $(TMPDIR),/tmp)/l10nflow-messages.pot .
	for lang in $(MESSAGE_LANGS); do \
	  po=locales/$$lang/LC_MESSAGES/l10nflow.po; \
	  $(BIN)/pybabel --quiet update --check -i $(or $(TMPDIR),/tmp)/l10nflow-messages.pot -o $$po \
	    -l $$lang -w 79 --ignore-pot-creation-date 2>/dev/null || { echo "$$po: run make messages"; exit 1; }; \
	  msgfmt --check -o /dev/null $$po && \
	  $(BIN)/l10nflow check --require-reviewed $$po || exit 1; \
	done

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .cache build dist src/*.egg-info
