# Everything a fresh Debian machine needs: `make run` serves the web client with demo data,
# `make test` installs what the tests need and runs the whole suite (SQLite, then PostgreSQL when
# ERP_TEST_PG_URL is set).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
DB ?= sqlite:///var/erp.sqlite
ADDONS ?= crm,sale,stock,account,hr_holidays,hr_attendance
WORKERS ?= 2
PYTEST_ARGS ?=

.PHONY: env run db test test-sqlite test-pg lint browser pdf-libs bench clean

$(STAMP): pyproject.toml | pdf-libs
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]" --config-settings editable_mode=compat
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

env: $(STAMP)

var/erp.sqlite: | $(STAMP)
	$(BIN)/erp init --db $(DB) --addons $(ADDONS) --demo

db: var/erp.sqlite

run: $(STAMP) var/erp.sqlite
	$(BIN)/erp serve --db $(DB) --host 127.0.0.1 --port 8069

# WeasyPrint (printed quotations) draws text with Pango
pdf-libs:
	@ldconfig -p | grep -q libpangoft2-1.0 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 >/dev/null)

browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy

test-sqlite: $(STAMP) browser
	ERP_TEST_BACKEND=sqlite $(BIN)/pytest -n $(WORKERS) -q $(PYTEST_ARGS)

test-pg: $(STAMP) browser
	@if [ -n "$$ERP_TEST_PG_URL" ]; then ERP_TEST_BACKEND=pg $(BIN)/pytest -n $(WORKERS) -q $(PYTEST_ARGS); \
	else echo "ERP_TEST_PG_URL not set: PostgreSQL run skipped"; fi

test: lint test-sqlite test-pg

bench: $(STAMP)
	$(BIN)/erp bench --db $(DB) --size 100000 --json

clean:
	rm -rf var/test-dbs var/test-data tests/artifacts
