# dxanalysis — every task is a target; `make` alone lists them.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Rebuild the environment when the declared dependencies change.
STAMP := $(VENV)/.installed

UNIT ?= hong-ngu
LANG_REPORT ?= vi

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

.PHONY: help
help: ## List the targets (the default)
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-13s\033[0m %s\n", $$1, $$2}'

.PHONY: install
install: $(STAMP) ## Create .venv if missing and install dxanalysis with its dev extras

.PHONY: report
report: $(STAMP) ## Render every review in data/raw (vi and en) and reports/index.html; UNIT= PERIOD= for one
ifdef PERIOD
	$(BIN)/dxanalysis report --unit $(UNIT) --period $(PERIOD) --lang $(LANG_REPORT)
else
	$(BIN)/dxanalysis report --all --lang vi,en
endif

.PHONY: validate
validate: $(STAMP) ## Check every input under data/raw and list the findings
	$(BIN)/dxanalysis validate data/raw

.PHONY: data
data: $(STAMP) ## Rebuild data/processed/ from data/raw/
	$(BIN)/dxanalysis clean

.PHONY: test
test: $(STAMP) ## Run the whole test suite (doctests, notebook, CLI), on every core
	$(BIN)/python -m pytest -n auto --dist loadscope

# JupyterLab's own options, e.g. LAB_OPTIONS='--no-browser --port 8890'
LAB_OPTIONS ?=
.PHONY: lab
lab: $(STAMP) ## Open JupyterLab on notebooks/ (installs the [lab] extra into .venv if missing)
	@$(BIN)/python -c 'import jupyterlab' 2>/dev/null || $(BIN)/python -m pip install --quiet -e '.[lab]'
	$(BIN)/jupyter lab --notebook-dir=notebooks $(LAB_OPTIONS)

# What the browser tests and `dxanalysis report --pdf` need from Debian: the
# system Chromium (playwright drives it; nothing is downloaded), poppler's
# pdftoppm/pdfinfo/pdftotext, and a font with Vietnamese glyphs; for
# `report --docx --pdf` and tests/test_docx.py, LibreOffice Writer without its GUI
# (it converts review.docx to PDF) and Liberation Serif, which has the metrics
# of Times New Roman, the decree's font.
BROWSER_PACKAGES := chromium poppler-utils fonts-dejavu-core libreoffice-writer-nogui fonts-liberation2
.PHONY: browser-deps
browser-deps: ## Install Chromium, LibreOffice Writer, poppler-utils and fonts with apt-get (root or sudo) if missing
	@if command -v chromium >/dev/null && command -v pdftoppm >/dev/null && fc-list | grep -qi dejavu \
		&& command -v soffice >/dev/null && [ -d /usr/lib/libreoffice/program ] && ls /usr/lib/libreoffice/program | grep -q '^libswlo' \
		&& fc-list | grep -qi 'liberation serif'; then \
		echo "Chromium, LibreOffice Writer, poppler-utils and fonts are installed."; \
	else \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $(BROWSER_PACKAGES); \
	fi

# The catalogs: src/dxanalysis/locale/<lang>/LC_MESSAGES/dxanalysis.po are edited by people;
# messages.pot and the .mo files are generated from them and committed (tests check both).
LOCALE := src/dxanalysis/locale
PYBABEL := $(BIN)/pybabel
.PHONY: messages
messages: $(STAMP) ## Extract messages from src into messages.pot, update the vi/en .po files, compile the .mo files
	$(PYBABEL) extract -F babel.cfg -k N_ -k N_plural:1,2 -k Message --no-location --sort-output \
		--project dxanalysis --version 0.1.0 --copyright-holder "dxanalysis developers" \
		-o $(LOCALE)/messages.pot.new src/dxanalysis
	@# keep the template (and its creation date) when no message changed, so that the .po and .mo
	@# files of an unchanged catalog stay byte for byte the same
	@if [ -f $(LOCALE)/messages.pot ] && diff -q -I '^"POT-Creation-Date: ' $(LOCALE)/messages.pot \
		$(LOCALE)/messages.pot.new >/dev/null; then rm $(LOCALE)/messages.pot.new; \
	else mv $(LOCALE)/messages.pot.new $(LOCALE)/messages.pot; fi
	$(PYBABEL) update -i $(LOCALE)/messages.pot -d $(LOCALE) -D dxanalysis --no-fuzzy-matching \
		--ignore-obsolete -w 120
	$(PYBABEL) compile --statistics -d $(LOCALE) -D dxanalysis

.PHONY: bench
bench: $(STAMP) ## Run the benchmarks in benchmarks/ (each prints ratios measured in one run)
	@for script in benchmarks/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

.PHONY: clean
clean: ## Remove generated files (reports/, data/processed/, caches); keeps .venv and data/raw
	rm -rf reports/*/ data/processed/*.csv .pytest_cache .hypothesis
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +
