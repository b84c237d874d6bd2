"""Back up, wipe, restore (issue 14, operations): every row, every stored file and every pack comes back intact.

A database with the demo (uploaded papers, a published pack), a finished render job and a second published pack
is backed up with ``manage.py backup``, then restored with ``manage.py restore`` into a new, empty database and
empty private storage: every table's rows (a digest of every column), the content type ids and every stored file's
SHA-256 are the same, and every pack, upload and render job opens through the app's own checked reads. A damaged
backup, or a database that is not empty, is refused before anything is written. Each database is made in a
separate process (tests/support/databases.py), on SQLite and on PostgreSQL where DATABASE_URL names one (CI).
"""

from pathlib import Path

import pytest

from ..support.databases import VERIFY_READS, describe, manage, run, separate_database


@pytest.fixture(params=["sqlite", "postgresql"])
def vendor(request):
    return request.param


def _only_backup(folder: Path) -> Path:
    [backup] = [path for path in folder.iterdir() if path.is_dir()]
    return backup


def test_backup_wipe_restore_gives_back_every_row_and_file(vendor, tmp_path):
    original, drop_original = separate_database(vendor, tmp_path / "original", prefix="kcc_backup")
    restored, drop_restored = separate_database(vendor, tmp_path / "restored", prefix="kcc_restore")
    try:
        manage(original, "migrate", "--noinput", "-v", "0")
        manage(original, "load_demo")
        run(original, "-m", "tests.migrations.state", "seed")
        before = describe(original)
        assert before["files"]
        assert before["tables"]["committees_packfile"]["rows"] >= 2

        output = manage(original, "backup", str(tmp_path / "backups")).stdout
        backup = _only_backup(tmp_path / "backups")
        assert f"Backed up to {backup}" in output
        assert "intact" in manage(restored, "restore", "--check", str(backup)).stdout

        # The original is gone (the database dropped or its file deleted, its storage wiped): restore elsewhere.
        drop_original()
        drop_original = lambda: None  # noqa: E731 - dropped already
        manage(restored, "restore", str(backup))
        after = describe(restored)
        assert after == before
        assert "reads ok" in manage(restored, "shell", "-c", VERIFY_READS).stdout
        # The restored service is at the schema the app expects: nothing left to migrate.
        manage(restored, "migrate", "--check", "--noinput")

        # Restoring again over the restored service is refused: a restore never merges into a running service.
        again = manage(restored, "restore", str(backup), expect_ok=False)
        assert again.returncode != 0
        assert "The database is not empty" in again.stderr
        assert describe(restored) == before
    finally:
        drop_original()
        drop_restored()


def test_a_damaged_backup_is_refused_before_anything_is_restored(tmp_path):
    """One flipped byte in one stored file: ``restore --check`` and ``restore`` name it and write nothing."""
    original, _ = separate_database("sqlite", tmp_path / "original")
    manage(original, "migrate", "--noinput", "-v", "0")
    manage(original, "load_demo")
    manage(original, "backup", str(tmp_path / "backups"))
    backup = _only_backup(tmp_path / "backups")
    damaged = sorted((backup / "files").rglob("*.pdf"))[0]
    data = bytearray(damaged.read_bytes())
    data[len(data) // 2] ^= 0xFF
    damaged.write_bytes(bytes(data))
    name = damaged.relative_to(backup).as_posix()

    target, _ = separate_database("sqlite", tmp_path / "target")
    for arguments in (["restore", "--check", str(backup)], ["restore", str(backup)]):
        result = manage(target, *arguments, expect_ok=False)
        assert result.returncode != 0
        assert f"{name} does not match its checksum" in result.stderr
    assert not (tmp_path / "target" / "database.sqlite3").exists() or not describe(target)["tables"]
    assert not (tmp_path / "target" / "private").exists() or not any((tmp_path / "target" / "private").rglob("*.*"))
