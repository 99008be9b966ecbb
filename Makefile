# The two commands in the README: `make run` and `make test`. Everything else helps them.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py
# Placeholders for a local run and the test run only; production sets its own (see README).
LOCAL_ENV := DJANGO_DEBUG=1 DJANGO_SITE_URL=http://127.0.0.1:$(PORT)

.PHONY: run test lint install install-dev static clean bench messages

$(BIN)/python:
	@python=$$(scripts/find-python) || exit 1; \
	echo "Creating $(VENV) with $$python"; \
	"$$python" -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet --editable .
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install --quiet --editable ".[dev]"
	@touch $@

# The HTML checker (vnu.jar) and Lighthouse for the tests (package.json); they run on the system's
# Java and Chromium, so no install script is needed (vnu-jar's would download a JDK).
node_modules/.installed: package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev node_modules/.installed

run: install
	@mkdir -p var
	$(LOCAL_ENV) $(MANAGE) migrate --noinput
	$(LOCAL_ENV) $(MANAGE) load_demo_content
	$(LOCAL_ENV) $(MANAGE) create_demo_superuser
	@echo "Serving the site on http://127.0.0.1:$(PORT) (Ctrl-C stops it)"
	$(LOCAL_ENV) $(MANAGE) runserver 127.0.0.1:$(PORT)

# Same step as the Dockerfile's build stage, so the tests exercise it.
static: install
	DJANGO_SECRET_KEY=collectstatic-only $(MANAGE) collectstatic --noinput --verbosity 0

# The interface catalogues (README "Languages"): updates locale/<language>/LC_MESSAGES/django.po
# from the code for every language there, then compiles them into the django.mo files the site
# reads (committed: running the site needs no gettext). Needs GNU gettext: apt-get install gettext.
messages: install
	DJANGO_SECRET_KEY=messages-only $(MANAGE) makemessages --all --no-obsolete --add-location=file \
		--ignore=.venv --ignore=bench --ignore=tests --ignore=var --ignore=node_modules
	DJANGO_SECRET_KEY=messages-only $(MANAGE) compilemessages --ignore=.venv

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

test: install-dev lint static
	@mkdir -p var
	@command -v chromium >/dev/null || { echo "Browser tests need Debian's Chromium: apt-get install chromium" >&2; exit 1; }
	@command -v xgettext >/dev/null || { echo "The catalogue tests need GNU gettext: apt-get install gettext" >&2; exit 1; }
	DJANGO_SECRET_KEY=check-only $(MANAGE) makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

# Loads the site with wrk through the Varnish front (deploy/varnish/default.vcl) and straight from
# gunicorn, beside a one-view Django app, counts the renders after one content save, and prints
# the figures (bench/run.py). SQLite under var/bench/ unless DATABASE_URL is set. Not part of
# `make test`. bench/ is a Django app installed only with DJANGO_BENCH_TOOLS=1, which run.py sets
# for its own commands (load_bench_data, bench_save_settings).
bench: install
	@command -v wrk >/dev/null || { echo "make bench needs wrk, which it does not install: apt-get install wrk" >&2; exit 1; }
	@{ command -v varnishd >/dev/null || [ -x /usr/sbin/varnishd ]; } && [ -n "$$(find /usr/lib -name libvmod_xkey.so -print -quit 2>/dev/null)" ] || { echo "make bench needs Varnish and its xkey module, which it does not install: apt-get install varnish varnish-modules" >&2; exit 1; }
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) var/static
