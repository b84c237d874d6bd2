"""Shared test fixtures: seeded factories, private storage, eager Celery, test-client sign-in and the browser
(Playwright + Debian Chromium, axe-core and the Nu HTML checker; their helpers live in tests/support/)."""

import os

import factory.random
import pytest
from django.http import HttpRequest
from django.test.client import ClientMixin

from .support.browser import CHROMIUM, CHROMIUM_ARGS, PageChecker

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

FACTORY_SEED = 20130401  # the start of plan year 2013-14


@pytest.fixture(scope="session", autouse=True)
def _reproducible_factories():
    """factory_boy's (and its Faker's) random values are seeded once per run, so factory-made data repeats."""
    factory.random.reseed_random(FACTORY_SEED)


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
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "accept_downloads": True, "locale": "en-GB"}


@pytest.fixture
def page_checker(tmp_path):
    checker = PageChecker(tmp_path)
    yield checker
    checker.validate_html()
