"""The production stack end to end (issue 14): gunicorn with the production settings and DEBUG off, a separate
Celery worker, PostgreSQL, Redis, and private storage on Azure Blob Storage (Azurite), with no disk shared.

As ``make serve`` runs it, minus honcho: a new PostgreSQL database is migrated and the demo loaded (its papers go
to Azurite), static files are collected, then gunicorn and a worker start, each with a private-storage folder of
its own that must stay unused. Over real HTTP: static files are served with far-future caching, ``/readyz`` is
ready, and a signed-in officer asks for a plan PDF, which the worker renders into Azurite and the web process then
streams back, checked against the checksum the worker recorded.

Needs PostgreSQL, Redis (REDIS_URL, DATABASE_URL), Node and Azurite (npm ci); skipped otherwise.
"""

import hashlib
import http.cookiejar
import json
import re
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

from django.conf import settings

from ..support.azurite import azurite_blob
from ..support.databases import manage, separate_database
from ..support.processes import free_port, stop, wait_until
from ..support.services import REAL_SERVICES
from ..support.worker import forget_queue

pytestmark = REAL_SERVICES

ROOT = Path(settings.BASE_DIR)
BIN = Path(sys.executable).parent
DEMO_PASSWORD = "kent-demo-2013"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Plain HTTP with cookies, as a browser would send it (no redirects followed, so each step is checked)."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect)

    def request(self, path: str, data: dict | None = None, headers: dict | None = None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(
            self.base + path, data=body, headers={"Referer": self.base + "/", **(headers or {})}
        )
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def csrf(self) -> str:
        return next(cookie.value for cookie in self.jar if cookie.name == "csrftoken")


def _start(command: list[str], env: dict) -> subprocess.Popen:
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_gunicorn_worker_postgresql_redis_and_azurite_serve_a_pdf_with_no_shared_disk(tmp_path):
    with azurite_blob() as azurite:
        base_env, drop = separate_database("postgresql", tmp_path / "database", prefix="kcc_stack")
        port = free_port()
        queue = f"test-stack-{uuid.uuid4().hex[:10]}"
        env = {
            **base_env,
            **azurite.env,
            "DJANGO_SETTINGS_MODULE": "kcc_planning.settings_production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_LOOPBACK_HTTP": "true",
            "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
            "REDIS_URL": settings.REDIS_URL,
            "CELERY_QUEUE": queue,
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_WORKERS": "2",
        }
        processes = []
        try:
            for command in (
                ["migrate", "--noinput", "-v", "0"],
                ["load_demo"],
                ["collectstatic", "--noinput", "-v", "0"],
            ):
                manage({**env, "PRIVATE_STORAGE_ROOT": str(tmp_path / "setup-unused")}, *command)
            web_env = {**env, "PRIVATE_STORAGE_ROOT": str(tmp_path / "web-unused")}
            worker_env = {**env, "PRIVATE_STORAGE_ROOT": str(tmp_path / "worker-unused")}
            processes.append(_start([str(BIN / "gunicorn"), "-c", "kcc_planning/gunicorn.conf.py"], web_env))
            worker_command = [str(BIN / "celery"), "-A", "kcc_planning", "worker", "-P", "solo", "-l", "WARNING"]
            processes.append(
                _start([*worker_command, "-n", f"{queue}@%h", "--without-gossip", "--without-mingle"], worker_env)
            )
            browser = Browser(f"http://127.0.0.1:{port}")
            wait_until(lambda: browser.request("/healthz")[0] == 200, process=processes[0], timeout=60, what="gunicorn")
            status, _, body = browser.request("/readyz")
            assert (status, json.loads(body)["checks"]) == (200, {"database": "ok", "broker": "ok", "storage": "ok"})

            status, _, page = browser.request("/accounts/login/")
            assert status == 200
            stylesheet = re.search(rb'href="(/static/vendor/govuk/council\.min\.[0-9a-f]{12}\.css)"', page).group(1)
            status, headers, _ = browser.request(stylesheet.decode())
            assert status == 200
            assert "max-age=315360000" in headers["Cache-Control"]

            status, headers, _ = browser.request(
                "/accounts/login/",
                {"username": "admin", "password": DEMO_PASSWORD, "csrfmiddlewaretoken": browser.csrf()},
            )
            assert status == 302, "signed in"
            _, _, plans = browser.request("/plans/")
            plan_id = re.search(rb'href="/plans/(\d+)/"', plans).group(1).decode()
            status, headers, _ = browser.request(f"/plans/{plan_id}/pdf/", {"csrfmiddlewaretoken": browser.csrf()})
            assert status == 302
            job_page = headers["Location"]
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                state = json.loads(browser.request(job_page + "?format=json")[2])
                if state.get("finished"):
                    break
                time.sleep(0.5)
            assert state.get("status") == "done", state
            status, headers, pdf = browser.request(job_page + "download/")
            assert status == 200
            assert headers["Content-Type"] == "application/pdf"
            assert pdf.startswith(b"%PDF-")
            recorded = manage(
                web_env,
                "shell",
                "-c",
                "from documents.models import RenderJob; print(RenderJob.objects.get().checksum)",
            ).stdout.split()[-1]
            assert hashlib.sha256(pdf).hexdigest() == recorded
        finally:
            for process in processes:
                stop(process)
            forget_queue(queue)
            drop()
        # No process wrote to a disk of its own: everything went to the blob container.
        assert not any((tmp_path / name).exists() for name in ("setup-unused", "web-unused", "worker-unused"))
