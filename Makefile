# Set-up is part of each target, so the README's two commands work on a fresh machine.
VENV := .venv
BIN := $(VENV)/bin

.PHONY: serve test test-fast build browser browser-tools java

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

# Java, for the Nu HTML Checker: Debian's headless runtime, when the machine has none.
java:
	@command -v java >/dev/null 2>&1 || { \
	  echo "Installing Debian's Java runtime for the Nu HTML Checker"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq && \
	  $$SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq default-jre-headless >/dev/null; }

# The tests' checkers from the npm registry, pinned by their lock file: axe-core (accessibility), vnu-jar (the Nu
# HTML Checker) and structured-data-testing-tool (previews). No install script runs: vnu-jar's would fetch a Java.
browser-tools: tests/browser_tools/node_modules/.installed

tests/browser_tools/node_modules/.installed: tests/browser_tools/package-lock.json
	npm ci --prefix tests/browser_tools --no-audit --no-fund --silent --ignore-scripts
	touch $@

serve: $(BIN)/.installed
	$(BIN)/mkdocs serve --livereload

build: $(BIN)/.installed
	$(BIN)/mkdocs build --strict

test: $(BIN)/.installed browser browser-tools java
	$(BIN)/ruff check src hooks tests benchmarks
	$(BIN)/pytest -n 2

# The engine's tests without the browser: seconds, for the edit-test loop.
test-fast: $(BIN)/.installed
	$(BIN)/pytest -n 2 -m "not browser"
