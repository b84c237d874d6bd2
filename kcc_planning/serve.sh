#!/usr/bin/env bash
# `make serve`: the production stack on this machine (web by gunicorn, a Celery worker and beat, supervised by
# honcho) with DEBUG off, against PostgreSQL and Redis. Settings come from the environment (docs/operations.md);
# unset ones get this machine's defaults. Set DEMO=1 to load the demo council as well (safe to repeat).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin

export DJANGO_SETTINGS_MODULE=kcc_planning.settings_production
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/kcc_planning}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
export DJANGO_ALLOWED_HOSTS="${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}"
export GUNICORN_BIND="${GUNICORN_BIND:-127.0.0.1:8000}"
export GUNICORN_WORKERS="${GUNICORN_WORKERS:-2}"
if [[ "$DJANGO_ALLOWED_HOSTS" == "127.0.0.1,localhost" ]]; then
  # Served over plain HTTP on the loopback address only (settings_production refuses this for other hosts).
  export DJANGO_LOOPBACK_HTTP="${DJANGO_LOOPBACK_HTTP:-true}"
fi
mkdir -p var
if [[ -z "${DJANGO_SECRET_KEY:-}" ]]; then
  # One key for this machine, made once and kept out of git (var/ is ignored); a council sets its own.
  if [[ ! -s var/secret_key ]]; then
    (umask 077 && "$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(64))' > var/secret_key)
  fi
  DJANGO_SECRET_KEY="$(cat var/secret_key)"
  export DJANGO_SECRET_KEY
fi

# A fresh PostgreSQL server has no database for the app yet: make it (the server's own "postgres" database is
# there to connect to). Nothing happens when it exists or when DATABASE_URL names another engine.
"$BIN/python" - <<'PY'
import os

import dj_database_url
import psycopg2
from psycopg2 import sql

config = dj_database_url.parse(os.environ["DATABASE_URL"])
if config["ENGINE"].endswith("postgresql"):
    options = {"user": config["USER"], "password": config["PASSWORD"], "host": config["HOST"], "port": config["PORT"]}
    connection = psycopg2.connect(dbname="postgres", **{k: v for k, v in options.items() if v})
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]])
        if cursor.fetchone() is None:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))
            print(f"Created the database {config['NAME']}")
    connection.close()
PY
"$BIN/python" manage.py migrate --noinput
"$BIN/python" manage.py collectstatic --noinput --verbosity 0
if [[ -n "${DEMO:-}" ]]; then
  "$BIN/python" manage.py load_demo
fi
echo "Serving on http://${GUNICORN_BIND} (web, worker and beat; Ctrl+C stops all three)"
PATH="$PWD/$BIN:$PATH" exec "$BIN/honcho" --procfile Procfile start
