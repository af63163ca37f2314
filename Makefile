# The course's commands. `make lab` opens the course; `make test` runs every check CI runs.
# Both create .venv on first use and install the pinned environment (binder/requirements.txt).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
LAB_IP ?= 127.0.0.1
LAB_PORT ?= 8888
# JupyterLab refuses to run as root (CI, containers) without this flag.
ROOT_FLAG := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)
# The browser tests run when a Chromium is installed (CI installs Debian's; see .ci/run).
CHROMIUM := $(shell command -v chromium || command -v chromium-browser)

# The lock's wheels, fetched once (and again only for pins a new lock adds) for the offline
# Binder check; git-ignored, like .venv.
WHEELS := .cache/binder-wheels/.fetched
# make test-repeat N=5
N ?= 5
# The browser tests' npm tools (axe-core, configurable-http-proxy), from package-lock.json.
BROWSER_TOOLS := tests/browser/node_modules/.package-lock.json

.PHONY: lab present screenshots env test suite test-fast lint typecheck unit integration notebooks \
	binder-check browser-tools test-browser no-browser test-repeat \
	bench lock clean help answer-key
.DEFAULT_GOAL := help

help:
	@echo "make lab     - open the course in JupyterLab (installs it into .venv first)"
	@echo "make present NB=06_council.ipynb - show one lesson as a clean page (Voila) for a projector"
	@echo "make test    - the whole suite: lint, types, unit, integration, notebooks offline, Binder"
	@echo "               env (offline), browser tests; prints the one-time install time apart"
	@echo "make test-fast - what to run while editing: lint, types, unit tests, notebooks (< 60 s)"
	@echo "make unit    - the unit tests alone: fast, pure, no servers or kernels"
	@echo "make integration - the tests that start servers, kernels or processes (tests/integration)"
	@echo "make notebooks - every lesson executed in a fresh kernel with the network cut (nbval)"
	@echo "make binder-check - binder/ alone installs (offline, from a wheel cache), imports, loads"
	@echo "make test-browser - the browser tests alone (JupyterLab, Voila, JupyterHub in Chromium)"
	@echo "               make test SHARDS=3 JOBS=4: browser processes, and jobs at once (defaults)"
	@echo "make test-repeat N=5 - run the tests N times in a row; say which test failed in which run"
	@echo "make bench   - print performance figures (not a test)"
	@echo "make screenshots [NB=02] - a PNG of every lesson and widget (JupyterLab 1280x800, Voila on"
	@echo "               a laptop and a projector) in test-artifacts/screenshots/, with an index.html"
	@echo "make answer-key - rewrite the answer key in notebooks/instructor_guide.md from the lessons"
	@echo "make lock    - re-resolve the pinned environment after editing requirements*.in"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; found " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamp files: reinstall only when a lock file or pyproject.toml changed.
$(VENV)/.runtime: $(BIN)/python binder/requirements.txt pyproject.toml
	$(BIN)/python -m pip install --quiet -r binder/requirements.txt
	@touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(BIN)/python -m pip install --quiet -r binder/requirements.txt -r requirements-dev.txt
	@touch $@

# JupyterLab runs code as whoever starts it: anyone with the link to a JupyterLab open to the
# network can run any command as that user. So LAB_IP other than 127.0.0.1 is refused as root and
# warned about otherwise; classrooms use a JupyterHub or `make present SHARE=1` (instructor guide).
lab: $(VENV)/.runtime
	@case "$(LAB_IP)" in 127.0.0.1|localhost|::1) ;; \
	  *) if [ "$$(id -u)" = 0 ]; then \
	       echo "make lab: refusing LAB_IP=$(LAB_IP) as root: everyone with the link could run" \
	         "commands as root on this machine. For a class use a JupyterHub, or show a lesson" \
	         "read-only with 'make present SHARE=1' (see notebooks/instructor_guide.md)."; exit 1; fi; \
	     echo "WARNING: LAB_IP=$(LAB_IP) opens JupyterLab to the network: everyone with the link" \
	       "can run any command as $$(id -un). Use it only on a network you trust, never for a class." ;; \
	esac
	$(BIN)/jupyter lab --ip=$(LAB_IP) --port=$(LAB_PORT) $(ROOT_FLAG) notebooks/00_start_here.ipynb

# One lesson as a page without code, for a projector or a shared screen (Voila; tools/present.py):
# a fresh token in the printed link, 127.0.0.1 unless SHARE=1 (the local network, over plain
# HTTP), idle kernels culled and at most MAX_KERNELS at once (share/jupyter/voila/voila.py).
NB ?= 00_start_here.ipynb
MAX_KERNELS ?= 12
present: $(VENV)/.runtime
	$(BIN)/python tools/present.py $(NB) --max-kernels $(MAX_KERNELS) $(if $(filter 1,$(SHARE)),--share)

# Everything the tests need, installed once: .venv, the Binder wheel cache and, where Chromium
# is, the npm tools of the browser tests. `make test` times this apart from the tests.
env: $(VENV)/.dev $(WHEELS) $(if $(CHROMIUM),$(BROWSER_TOOLS))

$(WHEELS): binder/requirements.txt | $(VENV)/.dev
	tools/binder-check --fetch
	@touch $@

# The suite's jobs run side by side, the longest first; each job's output is printed whole when
# it ends, and a failed job does not stop the others (one run shows every failure). The browser
# tests mostly wait on kernels, servers and page loads, so they run as SHARDS processes (see
# tests/browser/conftest.py) beside the other checks: JOBS jobs at once.
SHARDS ?= 3
JOBS ?= 4
BROWSER := $(addprefix browser-,$(shell seq 1 $(SHARDS)))
test:
	@tools/timed "environment (installed once)" $(MAKE) --no-print-directory env
	@tools/timed "make test" $(MAKE) --no-print-directory suite

SUITE := $(if $(CHROMIUM),$(BROWSER),no-browser) \
	integration unit notebooks binder-check typecheck lint
suite: env
	@$(MAKE) --no-print-directory --keep-going -j$(JOBS) --output-sync=recurse $(SUITE)

# While editing: no servers, no browser, no Binder environment.
test-fast: $(VENV)/.dev
	@tools/timed "make test-fast" $(MAKE) --no-print-directory --keep-going -j2 --output-sync=recurse \
		UNIT_WORKERS=2 unit notebooks typecheck lint

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.dev
	$(BIN)/mypy

# Fast, pure tests: no servers, kernels or browsers (tests/integration and tests/browser have them).
# UNIT_WORKERS=2 spreads them over two processes (pytest-xdist): make test-fast, where they are
# the longest job; in make test the other jobs keep both cores busy already. By file, so a
# module's own fixtures (the hostile copy of the data) are built once, not once per process.
UNIT_WORKERS ?= 1
unit: $(VENV)/.dev
	$(BIN)/pytest -q $(if $(filter-out 1,$(UNIT_WORKERS)),-n $(UNIT_WORKERS) --dist loadfile) tests \
		--ignore=tests/browser --ignore=tests/integration

integration: $(VENV)/.dev
	tools/offline $(BIN)/pytest -q tests/integration

# Every notebook, each in a fresh kernel, with the network cut (tools/offline).
notebooks: $(VENV)/.dev
	tools/offline $(BIN)/pytest -q --nbval-lax --nbval-current-env --nbval-cell-timeout=120 \
		--nbval-sanitize-with tests/nbval-sanitize.cfg notebooks

# Every lesson in real Chromium: JupyterLab, Voila and two learners on a JupyterHub, offline,
# with axe-core accessibility checks. Screenshots and server logs land in test-artifacts/browser/.
$(BROWSER_TOOLS): tests/browser/package.json tests/browser/package-lock.json
	@command -v npm >/dev/null || { echo "The browser tests need Node.js and npm" \
		"(for axe-core and configurable-http-proxy): apt-get install -y nodejs npm"; exit 1; }
	npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error
	@touch $@

browser-tools: $(BROWSER_TOOLS)

# SHARDS pytest processes side by side: the hub, and the other tests dealt into the rest
# (SHARDS=1: one process, all tests in order).
test-browser: $(VENV)/.dev $(BROWSER_TOOLS)
	@tools/timed "make test-browser" $(MAKE) --no-print-directory --keep-going -j$(SHARDS) \
		--output-sync=recurse $(BROWSER)

browser-%: $(VENV)/.dev $(BROWSER_TOOLS)
	COURSE_REQUIRE_BROWSER=1 COURSE_BROWSER_SHARD=$*/$(SHARDS) \
		tools/offline $(BIN)/pytest -q tests/browser

no-browser:
	@echo "NOTICE: no Chromium found, so the browser tests did not run (apt-get install -y chromium)."

# Build a fresh venv from binder/ alone, as repo2docker would (offline, from the wheel cache),
# and import the course from it.
binder-check: $(WHEELS)
	tools/binder-check

# The suite N times in a row (not lint, types or the Binder environment, which cannot flake);
# every run's output is kept in test-artifacts/repeat/, and the failed tests are listed by run.
test-repeat: env
	@tools/repeat $(N) $(MAKE) --no-print-directory --keep-going -j$(JOBS) --output-sync=recurse \
		$(filter-out binder-check typecheck lint,$(SUITE))

bench: $(VENV)/.dev
	$(BIN)/python tools/bench.py

screenshots: $(VENV)/.dev
	tools/offline $(BIN)/python tools/screenshots.py --lessons "$(NB)"

lock: $(VENV)/.dev
	$(BIN)/uv pip compile requirements.in --universal --python-version 3.11 --no-header \
		--annotation-style line -o binder/requirements.txt -q
	grep -v '^-e' binder/requirements.txt > $(VENV)/constraints.txt
	$(BIN)/uv pip compile requirements-dev.in -c $(VENV)/constraints.txt --universal \
		--python-version 3.11 --no-header --annotation-style line -o requirements-dev.txt -q
	sed -i.bak 's|$(VENV)/constraints.txt|binder/requirements.txt|' requirements-dev.txt && rm -f requirements-dev.txt.bak

clean:
	rm -rf $(VENV) .bench .cache

# The instructor guide's answer key, computed from the lessons' questions and engines (a unit test
# fails when the guide's copy differs from this).
answer-key: $(VENV)/.runtime
	$(BIN)/python tools/answer_key.py
