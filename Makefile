# Factbrief: `make build` sets up and renders the documents; `make test` sets up and runs the tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
FACTS ?= facts/japan-vietnam.yaml
OUT ?= output

.PHONY: build test check lint docs pictures preview-picture bench clean system-check browser reference-docx bytecode

build: $(STAMP) bytecode
	$(BIN)/factbrief build $(FACTS) --out $(OUT)

test: $(STAMP) bytecode browser
	$(BIN)/python -m pytest -q

check: $(STAMP)
	$(BIN)/factbrief check $(FACTS)

# Style, types (mypy, configured in pyproject.toml), the layers contract between the stages
# (import-linter) and the declared dependencies (deptry).
lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/deptry src

# The template reference, generated from the code (a test fails when it is out of date).
docs: $(STAMP)
	$(BIN)/factbrief templates reference > docs/templates.md.new && mv docs/templates.md.new docs/templates.md

# The built-in Word template, templates/reference.docx: Pandoc's own, restyled like the PDF.
reference-docx: $(STAMP)
	$(BIN)/python tools/reference_docx.py

# Side-by-side timings and ratios, written to bench/results.md (not a test).
bench: $(STAMP) bytecode
	$(BIN)/python bench/run.py

# PNG pictures of every page of the PDFs, for looking at them (needs poppler-utils).
pictures: build
	for pdf in $(OUT)/*.pdf; do pdftoppm -png -r 60 "$$pdf" "$${pdf%.pdf}"; done

# The README's picture of `factbrief preview` (needs Chromium: see browser).
preview-picture: $(STAMP) browser
	FACTBRIEF_PREVIEW_PICTURE=docs/preview.png $(BIN)/python -m pytest -q tests/test_preview_browser.py -k readme_picture

# The browser test drives Debian's Chromium with Playwright (installed from PyPI with the test extras).
# As root with apt-get, install Chromium; otherwise say how (the browser test is skipped until then).
browser:
	@command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Chromium for the browser test: apt-get install chromium"; \
	    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || \
	      echo "Could not install Chromium; the browser test will be skipped."; \
	  else \
	    echo "Hint: install Chromium (Debian: sudo apt-get install chromium) to run the browser test; it is skipped until then."; \
	  fi; }

# Factbrief's own modules compiled to bytecode. An editable install leaves them to Python, which
# compiles them on first import and caches the result, except where PYTHONDONTWRITEBYTECODE is
# set (as on this workplace's machines): then every command compiled them all again, 0.3 s of each. Only
# files changed since are compiled again; Python checks each cached file against its source.
bytecode: $(STAMP)
	@$(BIN)/python -m compileall -q src

# pip quietly: errors still show, but not setuptools' notes on editable installs nor pip's own
# warnings (-qq keeps errors only).
PIP := $(BIN)/pip --quiet --quiet --disable-pip-version-check --no-input

$(STAMP): pyproject.toml | system-check
	@echo "Setting up $(VENV) (Factbrief and its dependencies; a minute the first time)"
	@$(PYTHON) -m venv $(VENV)
	@$(PIP) install --upgrade pip
	@$(PIP) install --no-warn-script-location -e '.[test]'
	@touch $(STAMP)
	@echo "Installed: $(BIN)/factbrief (or: source $(BIN)/activate)"

# WeasyPrint needs Pango, and the PDFs every face the stylesheet uses (DejaVu's condensed and
# italic faces, which cover Vietnamese); stop early and say what to install. Fonts for Chinese,
# Japanese and Korean script (fonts-noto-cjk) are optional: a hint says so.
system-check:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || \
	  { echo "Factbrief needs Python 3.11 or newer ($(PYTHON) is older)."; exit 1; }
	@$(PYTHON) -c 'import ctypes.util, sys; sys.exit(0 if ctypes.util.find_library("pango-1.0") else 1)' || \
	  { echo "Pango is missing; WeasyPrint needs it. Install it: apt-get install libpango-1.0-0 libpangoft2-1.0-0 (Debian/Ubuntu), dnf install pango (Fedora), brew install pango (macOS)."; exit 1; }
	@$(PYTHON) src/factbrief/printing/fonts.py
	@$(PYTHON) -c 'import ctypes.util, sys; sys.exit(0 if ctypes.util.find_library("harfbuzz-subset") else 1)' || \
	  { if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	      echo "Installing HarfBuzz's subsetter for WeasyPrint's font subsetting: apt-get install libharfbuzz-subset0"; \
	      { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libharfbuzz-subset0 >/dev/null; } || \
	        echo "Could not install libharfbuzz-subset0; WeasyPrint falls back to a slower subsetter."; \
	    else \
	      echo "Hint: install libharfbuzz-subset0 (Debian/Ubuntu; harfbuzz on Fedora and macOS): WeasyPrint subsets fonts faster with it, and its next versions require it."; \
	    fi; }

clean:
	rm -rf $(VENV) build *.egg-info
	find $(OUT) -mindepth 1 ! -name .gitignore -delete
