# The two commands a newcomer needs (see README): `make demo` and `make test`.
VENV ?= .venv
BIN := $(VENV)/bin
PYTHON ?= python3

$(BIN)/.installed: pyproject.toml setup.py src/basira/model/_compiled.pyx src/basira/recognizers/_compiled.pyx \
		src/basira/normalize/_compiled.pyx
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[all]'
	touch $@

.PHONY: install demo test test-long lint
install: $(BIN)/.installed

# Installs everything, then scans the bundled samples on the embedded default (SQLite, bundled data).
demo: install
	bash scripts/install-ocr-deps.sh
	$(BIN)/basira scan examples/ --format table
	mkdir -p out && $(BIN)/basira scan examples/ --output out/examples.jsonl --db sqlite:///basira.db --quiet
	$(BIN)/basira explain examples/statement.html
	@echo "JSON Lines written to out/examples.jsonl; results stored in basira.db (SQLite)"

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/mypy

# Lint, types, the test suite but its long runs (pytest exit 5 = no tests = failure), and the evaluation gate.
test: lint
	bash scripts/install-browser-deps.sh
	bash scripts/install-ocr-deps.sh
	bash scripts/check-services.sh
	$(BIN)/pytest -q -m "not long"
	$(BIN)/basira eval --gate --real-data none

# The long runs (marker "long"): API load tests, fuzz harnesses, huge and hostile inputs, a store cut off
# mid-scan, the security scanners; and the evaluation gate with the classifier cross-validated on labelled real
# posts (a folder named by BASIRA_REAL_DATA or --real-data; skipped with a message where absent). CI runs them
# after `make test`.
test-long: install
	bash scripts/check-services.sh
	$(BIN)/pytest -q -m long
	$(BIN)/basira eval --gate  # with the cross-validated real-data figures when labelled real posts are present
