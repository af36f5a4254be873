# Factbrief: `make build` sets up and renders the documents; `make test` sets up and runs the tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
FACTS ?= facts/japan-vietnam.yaml
OUT ?= output

.PHONY: build test check lint docs pictures bench clean system-check

build: $(STAMP)
	$(BIN)/factbrief build $(FACTS) --out $(OUT)

test: $(STAMP)
	$(BIN)/python -m pytest -q

check: $(STAMP)
	$(BIN)/factbrief check $(FACTS)

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

# The template reference, generated from the code (a test fails when it is out of date).
docs: $(STAMP)
	$(BIN)/factbrief templates reference > docs/templates.md.new && mv docs/templates.md.new docs/templates.md

# Side-by-side timings and ratios, written to bench/results.md (not a test).
bench: $(STAMP)
	$(BIN)/python bench/run.py

# PNG pictures of every page of the PDFs, for looking at them (needs poppler-utils).
pictures: build
	for pdf in $(OUT)/*.pdf; do pdftoppm -png -r 60 "$$pdf" "$${pdf%.pdf}"; done

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
	@PYTHONPATH=src $(PYTHON) -m factbrief.fonts
	@$(PYTHON) -c 'import ctypes.util, sys; sys.exit(0 if ctypes.util.find_library("harfbuzz-subset") else 1)' || \
	  echo "Hint: install libharfbuzz-subset0 to make PDF font subsetting faster (optional)."

clean:
	rm -rf $(VENV) build *.egg-info
	find $(OUT) -mindepth 1 ! -name .gitignore -delete
