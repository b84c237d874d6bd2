"""Server errors are logged with their traceback and the reference the 500 page gives (issue 11 item 6)."""

import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kcc_planning.logs import JsonFormatter, RequestContextFilter

from ..factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def broken_site(settings, client):
    settings.ROOT_URLCONF = "tests.security.error_urls"
    settings.DEBUG = False
    client.raise_request_exception = False
    return client


def reference_on_page(response) -> str:
    return re.search(r'id="error-reference">([^<]+)<', response.content.decode()).group(1)


def as_json(record: logging.LogRecord) -> dict:
    RequestContextFilter().filter(record)
    return json.loads(JsonFormatter().format(record))


@pytest.mark.django_db
def test_a_server_error_is_logged_with_its_traceback_and_the_reference_on_the_page(broken_site, caplog):
    user = UserFactory(username="officer")
    broken_site.force_login(user)

    with caplog.at_level(logging.INFO):
        response = broken_site.get("/test-only/broken/?q=secret")

    assert response.status_code == 500
    reference = reference_on_page(response)
    assert "quote reference" in response.content.decode()
    assert response["X-Request-ID"] == reference
    [record] = [r for r in caplog.records if r.name == "django.request" and r.levelno == logging.ERROR]
    assert record.exc_info[0].__name__ == "DeliberateFailure"
    assert record.request_id == reference
    entry = as_json(record)
    assert entry["level"] == "ERROR"
    assert entry["logger"] == "django.request"
    assert entry["request_id"] == reference
    assert entry["user_id"] == user.pk
    assert entry["path"] == "/test-only/broken/"  # never the query string
    assert entry["method"] == "GET"
    assert entry["status_code"] == 500
    assert entry["exc_type"] == "tests.security.error_urls.DeliberateFailure"
    assert "Traceback (most recent call last)" in entry["traceback"]
    assert 'raise DeliberateFailure("the database fell over")' in entry["traceback"]


@pytest.mark.django_db
def test_a_safe_request_id_from_the_proxy_is_kept_and_an_unsafe_one_replaced(broken_site):
    kept = broken_site.get("/test-only/broken/", headers={"X-Request-ID": "5f0c6c1e-2b1a-4c3d-9e8f-0a1b2c3d4e5f"})
    assert reference_on_page(kept) == "5f0c6c1e-2b1a-4c3d-9e8f-0a1b2c3d4e5f"

    for unsafe in ("<script>alert(1)</script>", "short", "a" * 65, "abc def ghi"):
        response = broken_site.get("/test-only/broken/", headers={"X-Request-ID": unsafe})
        assert re.fullmatch(r"[0-9a-f]{12}", reference_on_page(response))
        assert unsafe not in response.content.decode()


@pytest.mark.django_db
def test_every_response_carries_a_request_id(client):
    first = client.get("/accounts/login/")["X-Request-ID"]
    second = client.get("/accounts/login/")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{12}", first)
    assert first != second


def test_a_reference_passed_with_extra_is_in_the_log_line():
    """Render jobs and pack builds quote their id as the reference; passed with ``extra`` it is a field."""
    logger = logging.getLogger("documents.services")
    record = logger.makeRecord(
        logger.name, logging.ERROR, __file__, 1, "Render job %s failed", ("abc",), None, extra={"reference": "abc"}
    )
    entry = as_json(record)
    assert entry["reference"] == "abc"
    assert entry["message"] == "Render job abc failed"
    assert "request_id" not in entry


def test_logs_go_to_stderr_as_json_lines():
    """The app's LOGGING, as a deployment loads it, writes one JSON object per line on stderr."""
    environ = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    environ["DJANGO_SETTINGS_MODULE"] = "kcc_planning.settings"
    script = (
        "import logging\n"
        "try:\n"
        "    1 / 0\n"
        "except ZeroDivisionError:\n"
        "    logging.getLogger('committees.services.packs').exception('Pack build %s failed', 7, "
        "extra={'reference': 7})\n"
        "logging.getLogger('django.request').error('Internal Server Error: /x')\n"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", script],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    entries = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    pack, server = entries[-2:]
    assert pack["logger"] == "committees.services.packs"
    assert pack["reference"] == 7
    assert pack["exc_type"] == "builtins.ZeroDivisionError"
    assert "ZeroDivisionError: division by zero" in pack["traceback"]
    assert server == {key: server[key] for key in ("time", "level", "logger", "message")}
    assert server["level"] == "ERROR"
