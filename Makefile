# Two commands for a newcomer: `make run` (site with demo data) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

.PHONY: run test install install-test lint checks pytest seed worker beat messages clean bench

$(VENV)/bin/python:
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11+ is required")'
	$(PYTHON) -m venv $(VENV) || { echo "Could not create $(VENV): install Python's venv module (Debian/Ubuntu: apt install python3-venv)."; exit 1; }
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.installed: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements.txt requirements-test.txt | $(VENV)/bin/python
	$(PY) -m pip install -q -r requirements-test.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

## run: install, migrate, load demo data (idempotent) and serve on http://127.0.0.1:8000
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo --address http://$(HOST)/
	$(PY) manage.py runserver $(HOST)

## test: lint, migration and deploy checks, then the whole pytest suite.
## Serial on purpose: on 2 cores pytest-xdist's start-up (one test database per worker) costs more
## than it saves; `make test PYTEST_ARGS="-n 2"` runs it in parallel (the worker test is xdist-safe).
test: install-test lint checks pytest

lint:
	$(VENV)/bin/ruff check .

checks:
	$(PY) manage.py makemigrations --check --dry-run
	DEBUG=false SECRET_KEY=ci-check-deploy-$$(date +%s)-a-long-random-looking-secret-value-0123456789 \
		ALLOWED_HOSTS=sleepcall.example $(PY) manage.py check --deploy --fail-level WARNING

pytest:
	$(VENV)/bin/pytest $(PYTEST_ARGS)

seed: install
	$(PY) manage.py seed_demo

worker: install
	$(VENV)/bin/celery -A sleepcall worker -l info

beat: install
	$(VENV)/bin/celery -A sleepcall beat -l info

## messages: refresh the Indonesian catalogue from the code and locale/fragments/, then compile it
## (needs GNU gettext; the compiled .mo files are committed)
messages: install
	bash locale/build_catalogue.sh

clean:
	rm -rf $(VENV) staticfiles

## bench: seed a throwaway PostgreSQL database, serve it under gunicorn, drive every busy page with
## wrk next to two floor views, print the table, drop the database (bench/README.md has the figures)
bench: install
	@command -v wrk >/dev/null 2>&1 || { command -v apt-get >/dev/null 2>&1 \
		&& DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; } \
		|| { echo "make bench needs wrk (Debian/Ubuntu: apt install wrk)"; exit 1; }
	$(PY) bench/run.py
