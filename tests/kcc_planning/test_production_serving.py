"""The production web process as a council runs it (issue 14, production serving and health checks).

gunicorn with ``kcc_planning/gunicorn.conf.py`` and the production settings, DEBUG off, static files collected
and served by WhiteNoise, on a database of its own (SQLite in a temporary folder, tasks in-process): the same
start as ``make serve`` without the worker and beat. One server is started for the module.
"""

import json
import os
import secrets
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from ..support.processes import free_port, stop, wait_until

ROOT = Path(settings.BASE_DIR)
BIN = Path(sys.executable).parent


def _production_env(folder: Path, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in {"REDIS_URL", "DJANGO_DEBUG"}}
    env.update(
        DJANGO_SETTINGS_MODULE="kcc_planning.settings_production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_LOOPBACK_HTTP="true",
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        DJANGO_STATIC_ROOT=str(folder / "static"),
        PRIVATE_STORAGE_ROOT=str(folder / "private"),
    )
    env.update(extra)
    return env


def _get(url: str, headers: dict[str, str] | None = None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback only
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("production")
    port = free_port()
    env = _production_env(folder, GUNICORN_BIND=f"127.0.0.1:{port}", GUNICORN_WORKERS="1")
    python = str(BIN / "python")
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput", "--verbosity", "0"]):
        subprocess.run([python, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True)
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "-c", "kcc_planning/gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: _get(f"{base}/healthz")[0] == 200, process=process, timeout=60, what="gunicorn")
        yield base, folder
    finally:
        stop(process)


def test_health_and_readiness_answer_with_no_store(server):
    """/healthz says the process is alive; /readyz checked the database, the broker (none: tasks run in-process)
    and private storage. Neither may be cached."""
    base, _ = server
    status, headers, body = _get(f"{base}/healthz")
    assert (status, json.loads(body)) == (200, {"status": "alive"})
    assert headers["Cache-Control"] == "no-store"
    status, headers, body = _get(f"{base}/readyz")
    assert status == 200
    assert json.loads(body) == {"status": "ready", "checks": {"database": "ok", "broker": "not used", "storage": "ok"}}


def test_a_balancer_probing_by_address_gets_the_answer_not_a_bad_host_error(server):
    """Balancers probe by the machine's address: /readyz answers for any Host, while pages refuse a host that
    is not the site's with the council's own 400 page."""
    base, _ = server
    assert _get(f"{base}/readyz", {"Host": "10.20.30.40"})[0] == 200
    status, _, body = _get(f"{base}/accounts/login/", {"Host": "10.20.30.40"})
    assert status == 400
    assert "Sorry, the request could not be understood" in body.decode()


def test_static_files_have_hashed_names_cached_for_a_year_and_compressed(server):
    """Pages link hashed file names; WhiteNoise serves them immutable for a year, gzip when asked."""
    base, folder = server
    status, _, body = _get(f"{base}/accounts/login/")
    assert status == 200
    manifest = json.loads((folder / "static" / "staticfiles.json").read_text())["paths"]
    hashed = manifest["vendor/govuk/council.min.css"]
    assert hashed != "vendor/govuk/council.min.css"
    assert f'href="/static/{hashed}"' in body.decode()
    status, headers, body = _get(f"{base}/static/{hashed}", {"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert "max-age=315360000" in headers["Cache-Control"]
    assert "immutable" in headers["Cache-Control"]


def test_debug_is_off_errors_show_the_council_s_pages(server):
    """An unknown address gives the council's 404 page, never Django's technical page."""
    base, _ = server
    status, _, body = _get(f"{base}/no-such-page/")
    page = body.decode()
    assert status == 404
    assert "Page not found" in page
    assert "URLconf" not in page


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"DJANGO_ALLOWED_HOSTS": "planning.example.gov.uk"}, "DJANGO_LOOPBACK_HTTP is only for"),
        ({"DJANGO_SECRET_KEY": ""}, "Set DJANGO_SECRET_KEY"),
        ({"DJANGO_ALLOWED_HOSTS": ""}, "Set DJANGO_ALLOWED_HOSTS"),
    ],
    ids=["plain-http-for-a-public-host", "no-secret", "no-hosts"],
)
def test_production_settings_refuse_to_start_when_unsafe(tmp_path, extra, message):
    """Plain HTTP only on the loopback address; no start without a secret key or the site's host names."""
    result = subprocess.run(
        [str(BIN / "python"), "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=_production_env(tmp_path, **extra),
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert message in result.stderr
