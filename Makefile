# Two commands do all set-up: `make run` and `make test`. Both create .venv and install on first use.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 7860

.PHONY: run test system index lint typecheck unit integration screenshots eval bench clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@# CPU torch from the exact pin (a looser pin pulls gigabytes of CUDA packages); skipped if present.
	@$(PY) -c "import torch" 2>/dev/null || $(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

# Builds the index when missing and brings it up to date when the corpus changed (a no-op otherwise).
# Exit code 1 means some files were skipped (they are named above); the rest is indexed, so carry on.
index: $(STAMP)
	@$(VENV)/bin/advisor ingest || [ $$? -eq 1 ]

run: index
	$(VENV)/bin/advisor serve --host $(HOST) --port $(PORT)

lint: $(STAMP)
	$(VENV)/bin/ruff check advisor tests

typecheck: $(STAMP)
	$(VENV)/bin/mypy

# make and Debian's chromium for the browser tests (installed as root; otherwise the exact command to run).
system:
	@scripts/setup-system.sh

# Fast tests: fake embeddings, no model, no browser.
unit: $(STAMP)
	$(VENV)/bin/pytest -q -m "not integration"

# The bundled model, Chroma, a real server, the browser, the installed wheel.
integration: system $(STAMP)
	$(VENV)/bin/pytest -q -m integration

test: system lint typecheck unit integration

# Regenerates the README's pictures (docs/screenshot.png, docs/widget.png) on purpose; tests never do.
screenshots: system $(STAMP)
	ADVISOR_UPDATE_SCREENSHOTS=1 $(VENV)/bin/pytest -q -m screenshots

eval: index
	$(VENV)/bin/advisor eval

bench: $(STAMP)
	$(VENV)/bin/advisor bench

clean:
	rm -rf .advisor .mypy_cache .ruff_cache .pytest_cache
