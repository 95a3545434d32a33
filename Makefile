# The front door. `make report` sets up .venv when missing and rebuilds only what changed:
# raw files -> 01_parse -> 02_tabulate_events -> 03_timelines -> reports/index.html.
# Folders can be changed: make report RAW=... PROCESSED=... REPORTS=...

.DEFAULT_GOAL := report
SHELL := /bin/bash

RAW ?= data/raw
PROCESSED ?= data/processed
REPORTS ?= reports
START ?=
END ?=
WORKERS ?= 0
DASK ?=
PYTHON ?= python3

VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
RUN := $(PY) -m analysis run --raw "$(RAW)" --processed "$(PROCESSED)" --reports "$(REPORTS)" \
	--start "$(START)" --end "$(END)" --workers $(WORKERS) --dask "$(DASK)" --no-index
MANIFEST := $(PROCESSED)/.raw-manifest
PARAMS := $(PROCESSED)/.parameters

# What each step reads: its notebook and the modules it calls (shared modules touch every step).
SHARED_SRC := analysis/__init__.py analysis/records.py analysis/paths.py analysis/notebooks.py analysis/cli.py analysis/tables.py analysis/templates/offline.html.j2
PARSE_SRC := notebooks/01_parse.ipynb analysis/pipeline.py analysis/parallel.py analysis/reading.py analysis/cleaning.py \
	analysis/sentences.py analysis/dedup.py analysis/dates.py analysis/numbers.py analysis/places.py \
	analysis/gazetteer.py analysis/data/gazetteer.csv analysis/claims.py analysis/extract.py analysis/views.py
TABULATE_SRC := notebooks/02_tabulate_events.ipynb analysis/pipeline.py analysis/merge.py analysis/views.py
TIMELINE_SRC := notebooks/03_timelines.ipynb analysis/figures.py analysis/tilemap.py analysis/data/province_tiles.csv analysis/gazetteer.py analysis/data/gazetteer.csv
INDEX_SRC := analysis/report.py analysis/views.py

PARSED := $(PROCESSED)/articles.csv
TABULATED := $(PROCESSED)/events.csv
FIGURES := $(REPORTS)/figures/districts_seized.png
INDEX := $(REPORTS)/index.html

.PHONY: report test lab clean help bench setup FORCE

report: $(INDEX) ## Set up .venv if needed, run the pipeline on RAW (data/raw), write PROCESSED and REPORTS (default)

setup: $(STAMP) ## Create .venv and install the project with its test tools

$(STAMP): pyproject.toml
	@test -x $(PY) || { echo "Creating $(VENV) with $(PYTHON)"; $(PYTHON) -m venv $(VENV); }
	@echo "Installing the project into $(VENV) (first time takes a few minutes)"
	@$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip > $(VENV)/install.log 2>&1 || true
	@$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]' >> $(VENV)/install.log 2>&1 || \
		{ tail -n 30 $(VENV)/install.log; echo "error: pip install failed (full log: $(VENV)/install.log)"; exit 1; }
	@touch $@

# The list of raw files with sizes and times; rewritten only when it changes, so make sees real changes.
$(MANIFEST): FORCE
	@mkdir -p "$(PROCESSED)"
	@test -d "$(RAW)" || { echo "error: raw folder $(RAW) does not exist; put article files there or pass RAW=DIR"; exit 2; }
	@find -L "$(RAW)" -mindepth 1 -printf '%P\t%s\t%T@\n' 2>/dev/null | LC_ALL=C sort > "$@.tmp" || true
	@if cmp -s "$@.tmp" "$@"; then rm -f "$@.tmp"; else mv -f "$@.tmp" "$@"; fi

# The parameters of the run; rewritten only when they change.
$(PARAMS): FORCE
	@mkdir -p "$(PROCESSED)"
	@printf 'raw=%s\nstart=%s\nend=%s\n' "$(abspath $(RAW))" "$(START)" "$(END)" > "$@.tmp"
	@if cmp -s "$@.tmp" "$@"; then rm -f "$@.tmp"; else mv -f "$@.tmp" "$@"; fi

$(PARSED) &: $(MANIFEST) $(PARSE_SRC) $(SHARED_SRC) $(STAMP)
	$(RUN) --notebooks 01_parse
	@touch $(PARSED)

$(TABULATED) &: $(PARSED) $(PARAMS) $(TABULATE_SRC) $(SHARED_SRC)
	$(RUN) --notebooks 02_tabulate_events
	@touch $(TABULATED)

$(FIGURES) &: $(TABULATED) $(TIMELINE_SRC) $(SHARED_SRC)
	$(RUN) --notebooks 03_timelines
	@touch $(FIGURES)

$(INDEX): $(FIGURES) $(INDEX_SRC) $(SHARED_SRC)
	$(PY) -m analysis index --processed "$(PROCESSED)" --reports "$(REPORTS)"

test: $(STAMP) ## Run the test suite: modules, extraction, notebooks (nbval) and the whole chain
	$(PY) -m pytest -q -n 2 --dist loadfile --nbval-lax --nbval-current-env -p no:cacheprovider tests notebooks

lab: $(STAMP) ## Open JupyterLab on notebooks/ with the project's interpreter as kernel
	$(PY) -c "from analysis.notebooks import ensure_kernel; ensure_kernel()"
	$(PY) -m jupyter lab --notebook-dir=notebooks

bench: $(STAMP) ## Benchmark reading+extraction on synthetic corpora (1k, 10k, 100k articles)
	$(PY) -m analysis.bench $(if $(SIZES),--sizes $(SIZES),)

clean: ## Remove generated tables and reports (keeps data/raw and .venv)
	find "$(PROCESSED)" -mindepth 1 ! -name .gitkeep -exec rm -rf {} +
	find "$(REPORTS)" -mindepth 1 ! -name .gitkeep -exec rm -rf {} +

help: ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 10

FORCE:
