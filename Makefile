# Imbalance Lab. Two commands for a new user:
#   make run    start the app on http://localhost:8501
#   make test   lint, type-check and run every test, browser tests included
# Both create .venv and install what is missing by themselves.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501
CHROMIUM := /usr/bin/chromium
NGINX  := /usr/sbin/nginx
REPLICAS ?= 2
SUDO   := $(shell [ "$$(id -u)" = "0" ] || echo sudo)

.PHONY: run test lint typecheck pytest bench chromium nginx axe serve-replicas clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime $@

run: $(VENV)/.runtime
	$(BIN)/streamlit run app.py --server.port $(PORT) --server.headless true

# Debian's chromium for the browser tests, with fonts that have Cyrillic and
# Hangul glyphs (the Russian and Korean pages); Playwright never downloads a
# browser here. Installs whichever of these packages is missing.
BROWSER_PACKAGES := chromium fonts-dejavu-core fonts-liberation fonts-noto-cjk
chromium:
	@missing=$$(for p in $(BROWSER_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		$(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive \
			apt-get install -y --no-install-recommends $$missing; \
	fi

# Debian's nginx for deploy/ (replicas behind a sticky proxy) and its test. The
# launcher runs it as a child with its own prefix, never the system service.
nginx:
	@if [ ! -x $(NGINX) ]; then \
		$(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive \
			apt-get install -y --no-install-recommends nginx; \
	fi

# axe-core for the accessibility test (tests/browser/test_a11y.py), pinned in
# package.json and package-lock.json, into node_modules/ (Debian's npm if
# missing). The test injects it into the page; the app never loads it.
AXE := node_modules/axe-core/axe.min.js
axe: $(AXE)
$(AXE): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { $(SUDO) apt-get update && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends npm; }
	npm ci --no-audit --no-fund
	touch $@

# More users than one process serves: REPLICAS app processes behind nginx with
# sticky sessions, on http://localhost:$(PORT). See deploy/README.md.
serve-replicas: $(VENV)/.runtime nginx
	$(BIN)/python -m deploy.replicas --replicas $(REPLICAS) --port $(PORT)

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.dev
	$(BIN)/mypy lib ui

# Two workers (the machine's cores); a test file stays on one worker, so the
# browser tests' module-scoped server and browser are started once per file.
pytest: $(VENV)/.dev chromium nginx axe
	$(BIN)/python -m pytest -n 2 --dist loadfile

test: lint typecheck pytest

bench: $(VENV)/.dev chromium nginx
	$(BIN)/python -m benchmarks.surface
	$(BIN)/python -m benchmarks.figures
	$(BIN)/python -m benchmarks.pages
	$(BIN)/python -m benchmarks.pages --large
	$(BIN)/python -m benchmarks.arena
	$(BIN)/python -m benchmarks.browser_latency
	$(BIN)/python -m benchmarks.browser_latency --components
	$(BIN)/python -m benchmarks.live_latency
	$(BIN)/python -m benchmarks.lesson_walkthrough
	$(BIN)/python -m benchmarks.load --sessions 10 30
	$(BIN)/python -m benchmarks.load --sessions 30 --ramp 60
	$(BIN)/python -m benchmarks.load --sessions 10 30 --no-render
	$(BIN)/python -m benchmarks.load_protocol --sessions 10 30
	$(BIN)/python -m benchmarks.load_protocol --sessions 10 30 --replicas 2

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
