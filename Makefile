# Yuzhong Plan — one entry point. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PORT ?= 8000
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
# The newest Python >= 3.11 on this machine.
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && { echo $$p; break; }; done)

.PHONY: help install run serve audit test test-two-instances test-faults lint format messages check-messages migrations-check publish-scheduled feedback-cron bench bench-import loadtest visit-report readable-report clean

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-20s\033[0m %s\n", $$1, $$2}'

$(PY):
	@test -n "$(PYTHON)" || { echo "Python 3.11 or newer is required (none found on PATH)." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(PY) pyproject.toml
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[test]'
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

install: $(STAMP) ## Create .venv (if missing) and install the project with its test tools

run: install ## Install, migrate, load the demo content and serve on 127.0.0.1:$(PORT)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo_content --with-accounts
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

serve: ## Serve without reinstalling or reloading content
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# Two workers by default (this project's machines have two cores); PYTEST_ARGS replaces that.
PYTEST_ARGS ?= -n 2

test: install ## Install and run the whole test suite on two workers (DATABASE_URL selects PostgreSQL)
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# The audit runs against its own SQLite database under var/ (freshly migrated, demo content)
# unless AUDIT_DATABASE_URL says otherwise. AUDIT_ARGS="--strict" makes warnings fail too.
AUDIT_DATABASE_URL ?= sqlite:///$(CURDIR)/var/audit.sqlite3
AUDIT_ARGS ?=

audit: install ## Self-audit (footer ids, meta tags, empty sections, links, translations, alt text) on the demo content
	@mkdir -p var
	DATABASE_URL=$(AUDIT_DATABASE_URL) $(PY) manage.py migrate --noinput -v0
	DATABASE_URL=$(AUDIT_DATABASE_URL) $(PY) manage.py load_demo_content >/dev/null
	DATABASE_URL=$(AUDIT_DATABASE_URL) $(PY) manage.py site_audit $(AUDIT_ARGS)

# bench/loadtest use their own SQLite database under var/ unless BENCH_DATABASE_URL says otherwise.
BENCH_DATABASE_URL ?= sqlite:///$(CURDIR)/var/bench.sqlite3
BENCH_SECONDS ?= 5
BENCH_CHECK ?= 1
LOADTEST_SECONDS ?= 60

bench: install ## Every page type, page cache on and off, vs a static file under gunicorn (production settings)
	@mkdir -p var
	DATABASE_URL=$(BENCH_DATABASE_URL) BENCH_SECONDS=$(BENCH_SECONDS) BENCH_CHECK=$(BENCH_CHECK) $(PY) -m tests.perf.bench $(BENCH_ARGS)

loadtest: install ## 20 clients of mixed traffic for LOADTEST_SECONDS (60) against gunicorn; errors and memory
	@mkdir -p var
	DATABASE_URL=$(BENCH_DATABASE_URL) LOADTEST_SECONDS=$(LOADTEST_SECONDS) $(PY) -m tests.perf.loadtest $(LOADTEST_ARGS)

# visit-report uses its own SQLite database (and media folder) under var/ unless
# VISIT_REPORT_DATABASE_URL says otherwise: migrated and loaded with the demo content each run.
VISIT_REPORT_DATABASE_URL ?= sqlite:///$(CURDIR)/var/visit-report.sqlite3

visit-report: install ## Places and the facts each page shows, and the search matrix, from the rendered demo pages
	@mkdir -p var
	DATABASE_URL=$(VISIT_REPORT_DATABASE_URL) $(PY) -m tests.perf.visit_report $(VISIT_REPORT_ARGS)

# The reading-mode measures (header, overflow, text size, print, axe) on every page
# type, from Debian's Chromium against gunicorn; its own SQLite database under var/.
READABLE_DATABASE_URL ?= sqlite:///$(CURDIR)/var/readable.sqlite3

readable-report: install ## Header height, title position, overflow, text size, print pages and axe in the four reading modes
	@mkdir -p var
	DATABASE_URL=$(READABLE_DATABASE_URL) $(PY) -m tests.perf.readable_report $(READABLE_ARGS)

test-two-instances: install ## Two gunicorn instances on one PostgreSQL + Redis (TWO_INSTANCE_DATABASE_URL, TWO_INSTANCE_REDIS_URL)
	$(VENV)/bin/pytest -m two_instances tests/test_two_instances.py $(PYTEST_ARGS)

test-faults: install ## Production gunicorn with Redis refusing, Redis silent and the database unreachable
	$(VENV)/bin/pytest -m faults tests/test_faults.py -p no:randomly -n 0 -s $(FAULTS_ARGS)

lint: install ## Ruff: lint and check formatting of imports
	$(VENV)/bin/ruff check .

format: install ## Ruff: fix what can be fixed automatically
	$(VENV)/bin/ruff check --fix .

messages: install ## Update locale/*.po from the code and templates, then compile the .mo files
	$(PY) manage.py makemessages --locale zh_Hans --locale en --no-obsolete --no-location --ignore '.venv/*' --ignore 'staticfiles/*'
	$(PY) manage.py compilemessages --locale zh_Hans --locale en --ignore '.venv/*'

migrations-check: install ## Fail if a model change has no migration
	$(PY) manage.py makemigrations --check --dry-run

publish-scheduled: ## Publish/unpublish pages whose go-live/expiry time has passed (run from cron)
	$(PY) manage.py publish_scheduled

feedback-cron: ## Retry residents' unsent e-mail, erase expired contact details (run from cron)
	$(PY) manage.py feedback_cron

bench-import: install ## Time a 5,000-row CSV import of measurements (prints the seconds)
	$(VENV)/bin/pytest tests/plans/bench_import.py -q -s -p no:randomly

clean: ## Remove the virtualenv, the SQLite database and caches
	rm -rf $(VENV) db.sqlite3 .pytest_cache .ruff_cache staticfiles var/test-cache
