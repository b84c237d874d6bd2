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

from pathlib import Path

import pytest
from django.conf import settings

from ..support.databases import VERIFY_READS, describe, manage, run, separate_database
from .state import MOVED

BASE_DIR = Path(settings.BASE_DIR)
# The first migrations of the new apps: going back past them gives the schema from before the split.
BEFORE_SPLIT = [["committees", "zero"], ["documents", "zero"]]
# The split itself. Later migrations may add columns (which change every row's digest), so rows are compared here.
AFTER_SPLIT = [["committees", "0002_own_tables"], ["documents", "0002_own_table"]]


@pytest.fixture(params=["sqlite", "postgresql"])
def database_env(request, tmp_path):
    env, cleanup = separate_database(request.param, tmp_path, prefix="kcc_split")
    yield env
    cleanup()


def _old_table(table: str) -> str:
    """The name a table had before the split (committees_meeting → plans_meeting)."""
    app, _, model = table.partition("_")
    return f"plans_{model}" if MOVED.get(model) == app else table


def test_split_migration_keeps_every_row_file_and_content_type(database_env):
    """Tables, rows, content type ids and stored files are the same after the split as before it."""
    env = database_env
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "load_demo")
    run(env, "-m", "tests.migrations.state", "seed")
    for app, target in BEFORE_SPLIT:
        manage(env, "migrate", app, target, "--noinput", "-v", "0")
    run(env, "-m", "tests.migrations.state", "forget-new-apps")
    before = describe(env)
    assert not any(label.startswith(("committees.", "documents.")) for label in before["content_types"])
    assert "plans_meeting" in before["tables"]
    assert "plans_renderjob" in before["tables"]
    assert not any(t.startswith(("committees_", "documents_")) for t in before["tables"])
    assert before["tables"]["plans_packfile"]["rows"] == 2
    assert before["tables"]["plans_renderjob"]["rows"] == 1
    assert before["tables"]["plans_paper"]["rows"] > 0
    assert before["files"]

    for app, target in AFTER_SPLIT:
        manage(env, "migrate", app, target, "--noinput", "-v", "0")
    after = describe(env)

    moved_tables = {f"{app}_{model}" for model, app in MOVED.items()}
    assert moved_tables <= set(after["tables"])
    assert {_old_table(table): value for table, value in after["tables"].items()} == before["tables"]
    for model, app in MOVED.items():
        assert after["content_types"][f"{app}.{model}"] == before["content_types"][f"plans.{model}"]
        assert f"plans.{model}" not in after["content_types"]
    assert after["files"] == before["files"]
    # Then to the latest schema: every file still opens through the app's own reads.
    manage(env, "migrate", "--noinput", "-v", "0")
    assert "reads ok" in manage(env, "shell", "-c", VERIFY_READS).stdout
