# Set-up is part of each target, so the README's two commands work on a fresh machine.
VENV := .venv
BIN := $(VENV)/bin

.PHONY: serve test test-fast build browser browser-tools

$(BIN)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

# Chromium for the browser tests: Debian's package (a test tool's own browser download does not work here).
# It waits up to ten minutes for the package lock when another program (an upgrade) holds it.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq && \
	  $$SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium >/dev/null; }

# axe-core, for the accessibility tests only (from the npm registry, pinned by its lock file).
browser-tools: tests/browser_tools/node_modules/axe-core/axe.min.js

tests/browser_tools/node_modules/axe-core/axe.min.js: tests/browser_tools/package-lock.json
	npm ci --prefix tests/browser_tools --no-audit --no-fund --silent
	touch $@

serve: $(BIN)/.installed
	$(BIN)/mkdocs serve --livereload

build: $(BIN)/.installed
	$(BIN)/mkdocs build --strict

test: $(BIN)/.installed browser browser-tools
	$(BIN)/ruff check src hooks tests benchmarks
	$(BIN)/pytest -n 2

# The engine's tests without the browser: seconds, for the edit-test loop.
test-fast: $(BIN)/.installed
	$(BIN)/pytest -n 2 -m "not browser"
