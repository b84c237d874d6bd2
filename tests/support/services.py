"""Marks for tests that need the real PostgreSQL and Redis (``.ci/run`` sets both URLs)."""

import os

import pytest

REAL_SERVICES = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not (os.environ.get("REDIS_URL") and os.environ.get("DATABASE_URL")),
        reason="needs the real Redis and PostgreSQL (REDIS_URL and DATABASE_URL)",
    ),
]
