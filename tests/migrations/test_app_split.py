"""Moving committees and render jobs out of ``plans`` (ADR 0005) keeps every table, row and file.

A database at the schema main had before the split (every app's migrations up to then) with the demo
loaded, a finished render job and a published pack is migrated forward: each moved table has the same
rows (compared by a digest of every column), every other table is untouched, the moved models keep
their content type ids (so permissions and generic links hold), and every stored file is unchanged and
still opens through the app's own checked reads. Run on SQLite, and on PostgreSQL when
``DATABASE_URL`` names one (as in CI). Each database is made in a separate process, so the test
database of the rest of the suite is never migrated backwards.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings

from .state import MOVED

BASE_DIR = Path(settings.BASE_DIR)
# The first migrations of the new apps: going back past them gives the schema from before the split.
BEFORE_SPLIT = [["committees", "zero"], ["documents", "zero"]]
# The split itself. Later migrations may add columns (which change every row's digest), so rows are compared here.
AFTER_SPLIT = [["committees", "0002_own_tables"], ["documents", "0002_own_table"]]

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


def _run(env: dict, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=900, check=False
    )
    assert result.returncode == 0, f"{' '.join(args)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-5000:]}"
    return result.stdout


def _manage(env: dict, *args: str) -> str:
    return _run(env, "manage.py", *args)


def _describe(env: dict) -> dict:
    return json.loads(_run(env, "-m", "tests.migrations.state", "describe"))


def _postgres_database():
    """A new, empty PostgreSQL database on the server DATABASE_URL names (dropped afterwards)."""
    import psycopg2

    url = urlsplit(os.environ["DATABASE_URL"])
    name = f"kcc_split_{uuid.uuid4().hex[:12]}"
    admin = psycopg2.connect(urlunsplit(url._replace(path="/postgres")))
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(url._replace(path=f"/{name}")), lambda: _drop(admin, name)


def _drop(admin, name: str) -> None:
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_env(request, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DJANGO_SETTINGS_MODULE"}}
    env["PRIVATE_STORAGE_ROOT"] = str(tmp_path / "private")
    env["DJANGO_SETTINGS_MODULE"] = "kcc_planning.settings"
    cleanup = None
    if request.param == "sqlite":
        env.pop("DATABASE_URL", None)
        env["SQLITE_PATH"] = str(tmp_path / "split.sqlite3")
    else:
        if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
            pytest.skip("DATABASE_URL names no PostgreSQL server (CI sets one)")
        env["DATABASE_URL"], cleanup = _postgres_database()
    yield env
    if cleanup is not None:
        cleanup()


def _old_table(table: str) -> str:
    """The name a table had before the split (committees_meeting → plans_meeting)."""
    app, _, model = table.partition("_")
    return f"plans_{model}" if MOVED.get(model) == app else table


def test_split_migration_keeps_every_row_file_and_content_type(database_env):
    """Tables, rows, content type ids and stored files are the same after the split as before it."""
    env = database_env
    _manage(env, "migrate", "--noinput", "-v", "0")
    _manage(env, "load_demo")
    _run(env, "-m", "tests.migrations.state", "seed")
    for app, target in BEFORE_SPLIT:
        _manage(env, "migrate", app, target, "--noinput", "-v", "0")
    _run(env, "-m", "tests.migrations.state", "forget-new-apps")
    before = _describe(env)
    assert not any(label.startswith(("committees.", "documents.")) for label in before["content_types"])
    assert "plans_meeting" in before["tables"] and "plans_renderjob" in before["tables"]
    assert not any(t.startswith(("committees_", "documents_")) for t in before["tables"])
    assert before["tables"]["plans_packfile"]["rows"] == 2 and before["tables"]["plans_renderjob"]["rows"] == 1
    assert before["tables"]["plans_paper"]["rows"] > 0 and before["files"]

    for app, target in AFTER_SPLIT:
        _manage(env, "migrate", app, target, "--noinput", "-v", "0")
    after = _describe(env)

    moved_tables = {f"{app}_{model}" for model, app in MOVED.items()}
    assert moved_tables <= set(after["tables"])
    assert {_old_table(table): value for table, value in after["tables"].items()} == before["tables"]
    for model, app in MOVED.items():
        assert after["content_types"][f"{app}.{model}"] == before["content_types"][f"plans.{model}"]
        assert f"plans.{model}" not in after["content_types"]
    assert after["files"] == before["files"]
    # Then to the latest schema: every file still opens through the app's own reads.
    _manage(env, "migrate", "--noinput", "-v", "0")
    assert "reads ok" in _manage(env, "shell", "-c", VERIFY_READS)
