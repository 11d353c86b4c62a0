# The two commands a fresh machine needs: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PORT ?= 8000
# Links in e-mails (sent by tasks, without a request) point at the portal `make run` serves.
PUBLIC_BASE_URL ?= http://127.0.0.1:$(PORT)
VENV := .venv
PY := $(VENV)/bin/python
# Django 6 needs Python 3.12+. Use $(PYTHON) if given, else the first 3.12+ found.
PYTHON ?= $(shell for c in python3.13 python3.12 python3 $$HOME/.pyenv/versions/3.1[2-9]*/bin/python3; do \
	p=$$(command -v $$c 2>/dev/null) || continue; \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$p; break; }; done)

.PHONY: help venv run test test-unit test-clock-ahead test-browser test-services lint catalogues messages ci clean

help:
	@echo "make run            set up and serve the portal on http://127.0.0.1:$(PORT) (SQLite, demo data)"
	@echo "make test           set up and run the whole test suite (embedded tier + browser tier)"
	@echo "make test-services  the suite against PostgreSQL, Redis and a live Celery worker"
	@echo "make lint           ruff, migrations check, translation catalogue check"

$(VENV)/.installed: pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is required (set PYTHON=/path/to/python3.12)"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $@

venv: $(VENV)/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

run: venv
	PUBLIC_BASE_URL=$(PUBLIC_BASE_URL) $(PY) manage.py migrate --noinput
	PUBLIC_BASE_URL=$(PUBLIC_BASE_URL) $(PY) manage.py seed_demo
	PUBLIC_BASE_URL=$(PUBLIC_BASE_URL) $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: venv test-unit test-browser

test-unit: venv
	$(PY) -m pytest -m "not browser and not services" $(PYTEST_ARGS)

# The fast tier again with the whole session's clock 400 days ahead: no test may
# depend on the day it runs.
test-clock-ahead: venv
	TEST_CLOCK_OFFSET_DAYS=400 $(PY) -m pytest -m "not browser and not services" $(PYTEST_ARGS)

test-browser: venv node_modules/.installed
	@bash scripts/ensure-chromium
	$(PY) -m pytest -m browser $(PYTEST_ARGS)

test-services: venv
	bash scripts/test-services $(PYTEST_ARGS)

# Type hints on every app's services, selectors and tasks are checked (mypy, django-stubs).
APPS := portal guides enquiries events notifications ambassadors employers welcome hires markets insights
MYPY_PATHS := $(wildcard $(foreach a,$(APPS),$(a)/services.py $(a)/services $(a)/selectors.py $(a)/selectors $(a)/tasks.py))

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy $(MYPY_PATHS)
	DJANGO_ENV=test $(PY) manage.py makemigrations --check --dry-run
	$(PY) scripts/check_catalogues.py

messages: venv
	$(PY) manage.py makemessages --all --no-obsolete --add-location file -i ".venv/*" -i "node_modules/*"
	$(PY) manage.py compilemessages --ignore ".venv" --ignore "node_modules"

ci:
	bash .ci/run

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3
