"""Shared set-up for the benchmark scripts: Django, and a freshly migrated database of their own."""

from __future__ import annotations

import os
import platform
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kcc_planning.settings")
    # The demo's published 8 January 2013 pack is not what any benchmark measures: loading the demo must not
    # build it (and warm the part cache) first.
    os.environ.setdefault("DJANGO_DEMO_PUBLISH_PACK", "false")
    import django

    django.setup()


@contextmanager
def fresh_database():
    """A freshly migrated database: a temporary SQLite file, or ``test_<name>`` on $DATABASE_URL's server."""
    from django.conf import settings
    from django.db import connection

    folder = tempfile.TemporaryDirectory(prefix="kcc-bench-")
    if connection.vendor == "sqlite":
        # A file rather than SQLite's in-memory test database, so timings match a real deployment.
        settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = str(Path(folder.name) / "bench.sqlite3")
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    settings.PRIVATE_STORAGE_ROOT = Path(folder.name) / "private"
    try:
        yield connection.vendor
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        folder.cleanup()


def machine() -> str:
    return f"{os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.platform()}"
