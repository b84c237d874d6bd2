"""Backing up and restoring the whole service: the database and every file in private storage, with a manifest.

A backup is a folder: ``database.dump`` (PostgreSQL's ``pg_dump`` custom format) or ``database.sqlite3``, the
stored files under ``files/`` as they are in private storage, and ``manifest.json`` with the SHA-256 and size of
each, the database's engine and the migrations it had. The manifest is written last: a folder without one is an
unfinished backup and is never restored.

A restore checks every checksum in the backup before it touches anything, and only goes into an empty database
and empty private storage (a restore never merges into a running service). The files are checked again once
in place. docs/operations.md, "Backup and restore", says when and how to run them.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.db import connection, connections
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from . import storage

FORMAT = 1
MANIFEST = "manifest.json"
FILES = "files"
DATABASE_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
# Files a write in progress leaves for a moment (write_atomically) and the readiness probe's: never data.
SKIPPED_PREFIXES = (".",)


class BackupError(Exception):
    """A backup or restore that cannot be done; ``str()`` says why, for the operator."""


@dataclass(frozen=True)
class BackupSummary:
    folder: Path
    files: int
    bytes: int


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(storage.CHUNK_BYTES), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _entry(path: Path) -> dict:
    return {"sha256": _sha256(path), "size": path.stat().st_size}


def _stored_files() -> list[str]:
    """The names of every stored file (through the storage API, so a blob container is backed up as a disk is)."""
    return [
        stored.name
        for stored in storage.iterate()
        if not any(part.startswith(SKIPPED_PREFIXES) for part in stored.name.split("/"))
    ]


def _postgres_env() -> tuple[list[str], dict[str, str]]:
    """Connection arguments for pg_dump/pg_restore (the password through the environment, never argv)."""
    config = connection.settings_dict
    arguments = ["--dbname", config["NAME"]]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if config.get(key):
            arguments += [flag, str(config[key])]
    env = {**os.environ}
    if config.get("PASSWORD"):
        env["PGPASSWORD"] = config["PASSWORD"]
    return arguments, env


def _run(command: list[str], env: dict[str, str] | None = None) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[-2000:]}")


def _dump_database(target: Path) -> None:
    if connection.vendor == "postgresql":
        arguments, env = _postgres_env()
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(target), *arguments], env)
    elif connection.vendor == "sqlite":
        # SQLite's online backup: a consistent copy even while the service writes.
        source = sqlite3.connect(connection.settings_dict["NAME"])
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
            source.close()
    else:
        raise BackupError(f"Backing up a {connection.vendor} database is not supported.")


def _migrations() -> dict[str, str]:
    applied: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        applied[app] = max(applied.get(app, ""), name)
    return dict(sorted(applied.items()))


def backup_create(*, destination: Path, now: datetime.datetime | None = None) -> BackupSummary:
    """Back up the database, then every stored file, into a new folder under ``destination``.

    Files are copied after the database is dumped, so every file a row of the dump names is there (a file
    written meanwhile is an orphan the restored service's retention sweep removes).
    """
    if connection.vendor not in DATABASE_FILES:
        raise BackupError(f"Backing up a {connection.vendor} database is not supported.")
    stamp = (now or timezone.now()).strftime("%Y%m%dT%H%M%SZ")
    folder = Path(destination) / f"kcc-planning-{stamp}"
    folder.mkdir(parents=True, exist_ok=False)
    database_file = folder / DATABASE_FILES[connection.vendor]
    _dump_database(database_file)
    files: dict[str, dict] = {}
    for name in _stored_files():
        source = storage.open_unverified(name)  # copied as it is: the manifest records the copy's checksum
        if source is None:
            continue  # deleted since it was listed: a row naming it would be gone too
        target = folder / FILES / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with source, target.open("wb") as copy:
            shutil.copyfileobj(source, copy, storage.CHUNK_BYTES)
        files[name] = _entry(target)  # the copy's checksum: what the backup holds
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "database": {"vendor": connection.vendor, "file": database_file.name, **_entry(database_file)},
        "migrations": _migrations(),
        "files": files,
    }
    storage.write_atomically(folder, MANIFEST, json.dumps(manifest, indent=1).encode())
    return BackupSummary(folder=folder, files=len(files), bytes=sum(entry["size"] for entry in files.values()))


def _read_manifest(folder: Path) -> dict:
    path = folder / MANIFEST
    if not path.is_file():
        raise BackupError(f"{folder} has no {MANIFEST}: it is not a finished backup.")
    manifest = json.loads(path.read_text())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{folder} is a backup of format {manifest.get('format')!r}; this version reads {FORMAT}.")
    return manifest


def backup_verify(*, source: Path) -> dict:
    """Check every file of the backup against its manifest; the manifest, or ``BackupError`` naming what differs."""
    folder = Path(source)
    manifest = _read_manifest(folder)
    expected = {manifest["database"]["file"]: manifest["database"]}
    expected |= {f"{FILES}/{name}": entry for name, entry in manifest["files"].items()}
    problems = []
    for name, entry in expected.items():
        path = folder / name
        if not path.is_file():
            problems.append(f"{name} is missing")
        elif _entry(path) != {"sha256": entry["sha256"], "size": entry["size"]}:
            problems.append(f"{name} does not match its checksum")
    if problems:
        raise BackupError("The backup is damaged: " + "; ".join(problems[:20]))
    return manifest


def _database_is_empty() -> bool:
    with connection.cursor() as cursor:
        return not connection.introspection.table_names(cursor)


def _restore_database(manifest: dict, folder: Path) -> None:
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(f"The backup is of a {vendor} database; this service uses {connection.vendor}.")
    dump = folder / manifest["database"]["file"]
    if vendor == "postgresql":
        arguments, env = _postgres_env()
        command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
        _run([*command, *arguments, str(dump)], env)
    else:
        connections.close_all()
        target = Path(connection.settings_dict["NAME"])
        temporary = target.with_name(f".{target.name}.restore")
        shutil.copyfile(dump, temporary)
        os.replace(temporary, target)


def backup_restore(*, source: Path) -> BackupSummary:
    """Restore a verified backup into an empty database and empty private storage; files checked once in place."""
    folder = Path(source)
    manifest = backup_verify(source=folder)
    if not _database_is_empty():
        raise BackupError("The database is not empty: restore only into a new, empty database.")
    if _stored_files():
        raise BackupError("Private storage is not empty: restore only into empty storage.")
    _restore_database(manifest, folder)
    for name, entry in manifest["files"].items():
        with (folder / FILES / name).open("rb") as source:
            storage.save(name, source)
        if storage.checksum(name) != (entry["sha256"], entry["size"]):
            raise BackupError(f"{name} did not arrive intact in private storage.")
    return BackupSummary(
        folder=folder, files=len(manifest["files"]), bytes=sum(e["size"] for e in manifest["files"].values())
    )
