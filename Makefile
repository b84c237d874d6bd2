# The README's two commands: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed

.PHONY: run serve test install worker lint check css benchmarks system-deps clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch node_modules/.installed

## Serve the demo on http://127.0.0.1:8000 (SQLite and eager tasks unless DATABASE_URL / REDIS_URL are set).
run: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	DJANGO_DEBUG=$${DJANGO_DEBUG:-true} $(PY) manage.py runserver 127.0.0.1:8000

## The production stack on this machine: gunicorn, a Celery worker and beat, DEBUG off, PostgreSQL and Redis
## (DATABASE_URL / REDIS_URL, defaulting to this machine's). DEMO=1 loads the demo too. See docs/operations.md.
serve: $(STAMP)
	./kcc_planning/serve.sh

## Run the whole test suite (browser tests use Debian's /usr/bin/chromium).
test: $(STAMP) node_modules/.installed system-deps
	$(PY) manage.py makemigrations --check --dry-run
	@# The production settings must pass Django's deployment checks (docs/security.md); the secret is throwaway.
	DJANGO_SETTINGS_MODULE=kcc_planning.settings_production DJANGO_ALLOWED_HOSTS=planning.example.gov.uk \
	  DJANGO_SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	  $(PY) manage.py check --deploy --fail-level WARNING
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@# The layers of ADR 0005 (pyproject.toml [tool.importlinter]).
	$(BIN)/lint-imports --no-cache
	$(BIN)/pytest

system-deps:
	@./.ci/system-deps

## A Celery worker for when REDIS_URL is set.
worker: $(STAMP)
	DJANGO_SETTINGS_MODULE=kcc_planning.settings $(BIN)/celery -A kcc_planning worker --loglevel=INFO --concurrency=2

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

## Rebuild the council stylesheet from GOV.UK Frontend (needs `npm ci`).
css: node_modules/.installed
	npx sass --load-path=node_modules --style=compressed --no-source-map --quiet static/scss/council.scss static/vendor/govuk/council.min.css
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js static/vendor/govuk/

benchmarks: $(STAMP)
	$(PY) benchmarks/run_all.py

clean:
	rm -rf $(VENV) node_modules db.sqlite3 media
