"""Production entry points (WSGI, the Celery app) default to the production settings (issue 11 item 11)."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_python(code: str, **env: str) -> subprocess.CompletedProcess:
    """Runs Python in a fresh process with no DJANGO_* variables but those given."""
    environ = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    environ.update(env)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environ, capture_output=True, text=True, timeout=120
    )


def test_wsgi_refuses_to_start_without_settings_or_a_secret():
    """No DJANGO_SETTINGS_MODULE and no secret: the production settings refuse, never the public dev key."""
    result = run_python("import kcc_planning.wsgi")

    assert result.returncode != 0
    assert "django.core.exceptions.ImproperlyConfigured" in result.stderr
    assert "Set DJANGO_SECRET_KEY" in result.stderr


def test_wsgi_refuses_to_start_without_allowed_hosts():
    result = run_python("import kcc_planning.wsgi", DJANGO_SECRET_KEY=secrets.token_urlsafe(50))

    assert result.returncode != 0
    assert "Set DJANGO_ALLOWED_HOSTS" in result.stderr


def test_wsgi_starts_with_the_production_settings_when_they_are_given():
    result = run_python(
        "import kcc_planning.wsgi\n"
        "from django.conf import settings\n"
        "print(settings.SETTINGS_MODULE, settings.DEBUG, settings.SECURE_SSL_REDIRECT)",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="planning.example.gov.uk",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["kcc_planning.settings_production", "False", "True"]


def test_the_celery_app_defaults_to_the_production_settings():
    result = run_python("from kcc_planning.celery import app\napp.loader.import_default_modules()")

    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in result.stderr


def test_named_development_settings_still_work_for_manage_py_and_make_worker():
    """manage.py keeps the development default; `make worker` names kcc_planning.settings explicitly."""
    manage = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", "from django.conf import settings; "
         "print(settings.SETTINGS_MODULE)"],
        cwd=ROOT,
        env={key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")},
        capture_output=True,
        text=True,
        timeout=120,
    )  # fmt: skip
    assert manage.returncode == 0, manage.stderr
    assert manage.stdout.split()[-1] == "kcc_planning.settings"

    worker = run_python(
        "from kcc_planning.celery import app\n"
        "app.loader.import_default_modules()\n"
        "from django.conf import settings\n"
        "print(settings.SETTINGS_MODULE, 'plans.send_transition_email' in app.tasks)",
        DJANGO_SETTINGS_MODULE="kcc_planning.settings",
    )
    assert worker.returncode == 0, worker.stderr
    assert worker.stdout.split()[-2:] == ["kcc_planning.settings", "True"]
    assert "DJANGO_SETTINGS_MODULE=kcc_planning.settings " in (ROOT / "Makefile").read_text()
