"""Whole databases made in separate processes, for tests that migrate, back up or restore one without touching
the suite's own test database: a new PostgreSQL database on the server ``DATABASE_URL`` names, or an SQLite file,
with its own private storage; and running ``manage.py`` (or a module) against it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings

from .postgres import new_database

BASE_DIR = Path(settings.BASE_DIR)

# Every stored file opens through the app's own checked reads (run with ``manage.py shell -c``).
VERIFY_READS = """
from committees.models import PackFile, Paper
from committees import selectors
from documents.models import RenderJob
from documents.selectors import job_file
jobs = list(RenderJob.objects.all())
assert jobs and all(job_file(job=job) is not None for job in jobs), "a render job's file no longer opens"
packs = list(PackFile.objects.all())
assert packs and all(selectors.pack_file_path(record=record) is not None for record in packs), "a pack no longer opens"
papers = [p for p in Paper.objects.all() if p.file_name]
assert papers and all(selectors.paper_file_path(paper=p) for p in papers), "an uploaded paper no longer opens"
print("reads ok", len(jobs), len(packs), len(papers))
"""


def run(env: dict, *args: str, expect_ok: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=900, check=False
    )
    if expect_ok:
        assert result.returncode == 0, f"{' '.join(args)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-5000:]}"
    return result


def manage(env: dict, *args: str, expect_ok: bool = True) -> subprocess.CompletedProcess:
    return run(env, "manage.py", *args, expect_ok=expect_ok)


def describe(env: dict) -> dict:
    """Every table's rows (digest), content type ids and stored files' checksums (tests/migrations/state.py)."""
    return json.loads(run(env, "-m", "tests.migrations.state", "describe").stdout)


def separate_database(vendor: str, folder: Path, *, prefix: str = "kcc_test") -> tuple[dict, Callable[[], None]]:
    """The environment of a process using a new, empty database of ``vendor`` and storage under ``folder``, and
    the clean-up. PostgreSQL is skipped where DATABASE_URL names no server (CI sets one)."""
    folder.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DJANGO_SETTINGS_MODULE"}}
    env["PRIVATE_STORAGE_ROOT"] = str(folder / "private")
    env["DJANGO_SETTINGS_MODULE"] = "kcc_planning.settings"
    # load_demo would render and publish the seed's whole agenda pack in every such database (minutes each); the
    # tests seed a published build of their own (tests/migrations/state.py).
    env["DJANGO_DEMO_PUBLISH_PACK"] = "false"
    if vendor == "sqlite":
        env.pop("DATABASE_URL", None)
        env["SQLITE_PATH"] = str(folder / "database.sqlite3")
        return env, lambda: None
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pytest.skip("DATABASE_URL names no PostgreSQL server (CI sets one)")
    env["DATABASE_URL"], drop = new_database(os.environ["DATABASE_URL"], prefix=prefix)
    return env, drop
