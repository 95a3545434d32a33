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
BUDGET ?= 10
CORRECTIONS ?= data/corrections.csv
PYTHON ?= python3
LAB_IP ?= 127.0.0.1
LAB_PORT ?= 8888

# A Python of at least 3.10 must exist before anything else can run.
PYTHON_OK := $(shell $(PYTHON) -c 'import sys; print(int(sys.version_info >= (3, 10)))' 2>/dev/null)
ifneq ($(PYTHON_OK),1)
$(error $(PYTHON) is missing or older than 3.10: install Python 3.10 or newer with its venv module (Debian/Ubuntu: apt-get install python3 python3-venv; macOS: brew install python@3.11), or pass PYTHON=/path/to/python3.11)
endif

VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
RUN := $(PY) -m analysis run --raw "$(RAW)" --processed "$(PROCESSED)" --reports "$(REPORTS)" \
	--start "$(START)" --end "$(END)" --workers $(WORKERS) --dask "$(DASK)" --budget "$(BUDGET)" \
	--corrections "$(CORRECTIONS)" --no-index
MANIFEST := $(PROCESSED)/.raw-manifest
PARAMS := $(PROCESSED)/.parameters
CORRECTED := $(PROCESSED)/.corrections

# What each step reads: its notebook, every package module it imports (followed through imports)
# and the data files those modules name, computed by analysis/depends.py with the system interpreter.
DEPENDS = $(shell $(PYTHON) analysis/depends.py $(1))
RUNNER_SRC := analysis/__main__.py analysis/cli.py $(call DEPENDS,analysis/notebooks.py)
PARSE_SRC := $(call DEPENDS,notebooks/01_parse.ipynb)
TABULATE_SRC := $(call DEPENDS,notebooks/02_tabulate_events.ipynb)
TIMELINE_SRC := $(call DEPENDS,notebooks/03_timelines.ipynb)
INDEX_SRC := $(call DEPENDS,analysis/present/report.py)

PARSED := $(PROCESSED)/articles.csv
TABULATED := $(PROCESSED)/events.csv
FIGURES := $(REPORTS)/figures/districts_seized.png
INDEX := $(REPORTS)/index.html

.PHONY: report test lab clean help bench setup FORCE

report: $(INDEX) ## Set up .venv if needed, run the pipeline on RAW (data/raw), write PROCESSED and REPORTS (default)

setup: $(STAMP) ## Create .venv and install the project with its test tools

$(STAMP): pyproject.toml
	@test -x $(PY) || { echo "Creating $(VENV) with $(PYTHON)"; $(PYTHON) -m venv $(VENV) || \
		{ rm -rf $(VENV); echo "error: $(PYTHON) -m venv failed: install the venv module (Debian/Ubuntu: apt-get install python3-venv)"; exit 1; }; }
	@echo "Installing the project into $(VENV) (first time takes a few minutes)"
	@$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip > $(VENV)/install.log 2>&1 || true
	@$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]' >> $(VENV)/install.log 2>&1 || \
		{ tail -n 30 $(VENV)/install.log; echo "error: pip install failed (full log: $(VENV)/install.log)"; exit 1; }
	@touch $@

# The list of raw files with sizes and times, and the per-file budget the parse step ran with;
# rewritten only when it changes, so make sees real changes.
$(MANIFEST): FORCE
	@mkdir -p "$(PROCESSED)"
	@test -d "$(RAW)" || { echo "error: raw folder $(RAW) does not exist; put article files there or pass RAW=DIR"; exit 2; }
	@{ printf 'budget=%s\n' "$(BUDGET)"; find -L "$(RAW)" -mindepth 1 -printf '%P\t%s\t%T@\n' 2>/dev/null | LC_ALL=C sort; } > "$@.tmp" || true
	@if cmp -s "$@.tmp" "$@"; then rm -f "$@.tmp"; else mv -f "$@.tmp" "$@"; fi

# The parameters of the run; rewritten only when they change.
$(PARAMS): FORCE
	@mkdir -p "$(PROCESSED)"
	@printf 'raw=%s\nstart=%s\nend=%s\n' "$(abspath $(RAW))" "$(START)" "$(END)" > "$@.tmp"
	@if cmp -s "$@.tmp" "$@"; then rm -f "$@.tmp"; else mv -f "$@.tmp" "$@"; fi

# A copy of the corrections file (empty when there is none); rewritten only when it changes,
# so adding, editing or deleting data/corrections.csv reruns the tabulate step.
$(CORRECTED): FORCE
	@mkdir -p "$(PROCESSED)"
	@{ printf 'file=%s\n' "$(abspath $(CORRECTIONS))"; cat "$(CORRECTIONS)" 2>/dev/null || true; } > "$@.tmp"
	@if cmp -s "$@.tmp" "$@"; then rm -f "$@.tmp"; else mv -f "$@.tmp" "$@"; fi

$(PARSED) &: $(MANIFEST) $(PARSE_SRC) $(RUNNER_SRC) $(STAMP)
	$(RUN) --notebooks 01_parse
	@touch $(PARSED)

$(TABULATED) &: $(PARSED) $(PARAMS) $(CORRECTED) $(TABULATE_SRC) $(RUNNER_SRC)
	$(RUN) --notebooks 02_tabulate_events
	@touch $(TABULATED)

$(FIGURES) &: $(TABULATED) $(TIMELINE_SRC) $(RUNNER_SRC)
	$(RUN) --notebooks 03_timelines
	@touch $(FIGURES)

$(INDEX): $(FIGURES) $(INDEX_SRC) $(RUNNER_SRC)
	$(PY) -m analysis index --processed "$(PROCESSED)" --reports "$(REPORTS)"

test: $(STAMP) ## Run the test suite: modules, extraction, notebooks (nbval) and the whole chain
	$(PY) -m pytest -q -n 2 --dist loadfile --nbval-lax --nbval-current-env -p no:cacheprovider tests notebooks

lab: $(STAMP) ## Open JupyterLab on notebooks/ (LAB_IP, LAB_PORT) with the project's interpreter as kernel; works as root
	@kernel=$$($(PY) -c "from analysis.notebooks import ensure_kernel; ensure_kernel()" && $(PY) -c \
		"import json, sys; from analysis.notebooks import KERNEL_NAME as k; from pathlib import Path; \
		print(json.loads((Path(sys.prefix) / 'share/jupyter/kernels' / k / 'kernel.json').read_text())['display_name'])") || exit 1; \
	token=$$($(PY) -c 'import secrets; print(secrets.token_hex(16))'); \
	root=$$( [ "$$(id -u)" = 0 ] && echo --allow-root ); \
	echo "JupyterLab on notebooks/: open http://$(LAB_IP):$(LAB_PORT)/lab?token=$$token"; \
	echo "Pick the kernel \"$$kernel\" (Kernel > Change Kernel) to run the notebooks with this project's interpreter."; \
	echo "Stop with Ctrl+C. Another port: make lab LAB_PORT=8890; reachable from outside a container: LAB_IP=0.0.0.0"; \
	exec $(PY) -m jupyter lab --notebook-dir=notebooks --no-browser --ip=$(LAB_IP) --port=$(LAB_PORT) \
		--ServerApp.port_retries=0 --IdentityProvider.token=$$token $$root

bench: $(STAMP) ## Time every pipeline stage on synthetic corpora (10k, 100k articles; MILLION=1 adds 1M)
	$(PY) -m benchmarks.bench $(if $(SIZES),--sizes $(SIZES),) $(if $(MILLION),--million,)

clean: ## Remove generated tables and reports (keeps data/raw and .venv)
	find "$(PROCESSED)" -mindepth 1 ! -name .gitkeep -exec rm -rf {} +
	find "$(REPORTS)" -mindepth 1 ! -name .gitkeep -exec rm -rf {} +

help: ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 10

FORCE:
