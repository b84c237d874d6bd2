"""Shared test set-up: browser (Playwright + Debian Chromium), axe-core and the Nu HTML checker."""

import json
import os
import subprocess
from pathlib import Path

import pytest
from django.http import HttpRequest
from django.test.client import ClientMixin

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(autouse=True)
def _private_storage(settings, tmp_path):
    """Generated files go to a throwaway folder in every test."""
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _celery_eager_unless_services(request):
    """Celery tasks run in-process in tests, even when REDIS_URL is set (CI), so no task leaks to a shared
    broker where nothing serves it. Tests marked ``services`` start a real worker and keep the real broker."""
    if request.node.get_closest_marker("services"):
        yield
        return
    from kcc_planning.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _client_login_passes_a_request(monkeypatch):
    """Lets ``client.login(username=..., password=...)`` work under django-axes.

    Django's test client calls authenticate() without a request, which the axes backend
    refuses by design (it throttles by the request's address). The app itself keeps that
    strictness; only the test client gets a blank request (docs/security.md).
    """
    login = ClientMixin.login

    def login_with_request(self, **credentials):
        credentials.setdefault("request", HttpRequest())
        return login(self, **credentials)

    monkeypatch.setattr(ClientMixin, "login", login_with_request)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "accept_downloads": True, "locale": "en-GB"}


class PageChecker:
    """Runs axe-core on each page visited and the Nu HTML checker on all of them at the end."""

    def __init__(self, tmp_path: Path):
        self.folder = tmp_path / "html"
        self.folder.mkdir()
        self.pages: list[tuple[str, Path]] = []

    def check(self, page, label: str = "") -> None:
        # Keep the page as the app made it (before axe is injected) for the Nu checker.
        html = page.content()
        # Evaluated rather than added as a <script> tag: the app's Content-Security-Policy
        # (no 'unsafe-inline') blocks an injected inline script.
        page.evaluate(AXE.read_text(encoding="utf-8"))
        violations = page.evaluate(
            """async () => (await axe.run(document, {
                runOnly: {type: 'tag',
                          values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}
            })).violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                      nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))"""
        )
        assert violations == [], f"axe-core violations on {label or page.url}:\n{json.dumps(violations, indent=2)}"
        path = self.folder / f"page{len(self.pages):03d}.html"
        path.write_text(html, encoding="utf-8")
        self.pages.append((label or page.url, path))

    def validate_html(self) -> None:
        if not self.pages:
            return
        result = subprocess.run(
            ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *[str(p) for _, p in self.pages]],
            capture_output=True,
            text=True,
            timeout=180,
        )
        messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
        names = {str(path): label for label, path in self.pages}
        errors = [
            f"{names.get(m.get('url', '').removeprefix('file:'), m.get('url'))}: {m['message']} "
            f"(line {m.get('lastLine')}) {m.get('extract', '')!r}"
            for m in messages
            if m.get("type") == "error"
        ]
        assert errors == [], "Nu HTML checker errors:\n" + "\n".join(errors)


@pytest.fixture
def page_checker(tmp_path):
    checker = PageChecker(tmp_path)
    yield checker
    checker.validate_html()
