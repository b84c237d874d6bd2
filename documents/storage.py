"""Private storage: finished PDFs, packs, uploaded papers and the part cache, through Django's storage API.

The one way in and out of ``STORAGES["private"]``: the local disk (the embedded default) or an Azure Blob Storage
container (docs/operations.md, "Storage"). Every read of a stored file for use or download goes through
``verified_open``: the name stays inside private storage and the bytes still have the SHA-256 recorded when they
were written, so a missing, damaged or swapped file is never served or used. Files have no public URL: downloads
are streamed from the file object by permission-checked views.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage, storages

from .storage_local import iterate_disk

FOLDER = "render_jobs"
CHUNK_BYTES = 1024 * 1024  # checksums are streamed, so a 50 MB pack is never read into memory to be checked
# A blob is fetched in ranges of this size into a temporary file (in memory up to SPOOL_BYTES, then on disk):
# the SDK holds each response several times over while reading it, so peak memory is about ten ranges.
BLOB_RANGE_BYTES = CHUNK_BYTES
SPOOL_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class Stored:
    """A stored file as a listing sees it: its name relative to private storage, size and last write (epoch)."""

    name: str
    size: int
    modified: float


def private_storage() -> Storage:
    return storages["private"]


def is_local() -> bool:
    """Whether private storage is the local disk (where a write goes through a temporary file, see ``save``)."""
    return isinstance(private_storage(), FileSystemStorage)


def root() -> Path:
    """The local folder of private storage: for tools and tests that look at the disk, never for the app's reads."""
    return Path(settings.PRIVATE_STORAGE_ROOT)


def jobs_folder() -> Path:
    folder = root() / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _clean(name: str) -> str | None:
    """``name`` if it is a plain relative name that stays inside private storage, else None."""
    if not name or "\\" in name or "\x00" in name or name.startswith("/"):
        return None
    if any(part in ("", ".", "..") for part in name.split("/")):
        return None
    return name


def _resolve(file_name: str) -> Path | None:
    """The absolute local path of a stored file, or None if the name (or a link on the way) would leave storage."""
    if _clean(file_name) is None:
        return None
    base = Path(private_storage().location).resolve()
    path = (base / file_name).resolve()
    return path if path.is_relative_to(base) else None


def _digest(handle) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: handle.read(CHUNK_BYTES), b""):
        digest.update(chunk)
    return digest.hexdigest()


def open_unverified(name: str) -> File | None:
    """The stored file opened for reading, unchecked (backups copy files as they are).

    None if the name is unsafe or nothing is stored there.
    """
    if _clean(name) is None:
        return None
    store = private_storage()
    if isinstance(store, FileSystemStorage):
        path = _resolve(name)
        if path is None or not path.is_file():
            return None
        return File(path.open("rb"), name=name)
    if hasattr(store, "client") and hasattr(store.client, "get_blob_client"):
        return _download_blob(store.client.get_blob_client(name), name)
    if not store.exists(name):
        return None
    return store.open(name, "rb")


def _download_blob(blob, name: str) -> File | None:
    """A blob copied into a temporary file range by range, so memory stays small whatever its size.

    (The backend's own ``open`` fetches the first 32 MB in one response held in memory, several times over.)
    """
    from azure.core.exceptions import ResourceNotFoundError

    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 - returned open, to be streamed
    try:
        total = blob.get_blob_properties().size
        for offset in range(0, total, BLOB_RANGE_BYTES):
            blob.download_blob(offset=offset, length=min(BLOB_RANGE_BYTES, total - offset)).readinto(spool)
    except ResourceNotFoundError:
        spool.close()
        return None  # not there (or deleted meanwhile)
    except BaseException:
        spool.close()
        raise
    spool.seek(0)
    return File(spool, name=name)


def verified_open(*, name: str, checksum: str) -> File | None:
    """The stored file, open and rewound, only if it is inside private storage and still has its SHA-256; else None.

    The hash is taken over the very handle returned, so the bytes checked are the bytes served (a file replaced
    between check and read cannot slip through). The caller closes it (``FileResponse`` does).
    """
    if not checksum:
        return None
    handle = open_unverified(name)
    if handle is None:
        return None
    try:
        matches = _digest(handle) == checksum
        handle.seek(0)
    except BaseException:
        handle.close()
        raise
    if not matches:
        handle.close()
        return None
    return handle


def verified_bytes(*, name: str, checksum: str) -> bytes | None:
    """The stored file's bytes if ``verified_open`` would give it (for size-limited files: uploads, cached parts)."""
    handle = verified_open(name=name, checksum=checksum)
    if handle is None:
        return None
    with handle:
        return handle.read()


def verified_path(*, name: str, checksum: str) -> Path | None:
    """Local disk only: the checked file's path, for tools and tests that look at the disk (None elsewhere)."""
    if not is_local():
        return None
    handle = verified_open(name=name, checksum=checksum)
    if handle is None:
        return None
    handle.close()
    return _resolve(name)


def read(name: str) -> bytes | None:
    """An unchecked stored file's bytes, for the part cache (keyed by what it prints, not by a recorded checksum)."""
    handle = open_unverified(name)
    if handle is None:
        return None
    with handle:
        return handle.read()


def checksum(name: str) -> tuple[str, int] | None:
    """(SHA-256, size) of a stored file, streamed; None if it is not there."""
    handle = open_unverified(name)
    if handle is None:
        return None
    with handle:
        digest = _digest(handle)
        return digest, handle.tell()


def write_atomically(folder: Path, final_name: str, data: bytes | BinaryIO) -> Path:
    """Write ``data`` to a temporary file in ``folder`` and move it to ``final_name`` in one step (local disk)."""
    temporary: Path | None = None
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=f".{final_name}.", suffix=".part", delete=False) as handle:
            temporary = Path(handle.name)
            if isinstance(data, bytes | bytearray):
                handle.write(data)
            else:
                shutil.copyfileobj(data, handle, CHUNK_BYTES)
            handle.flush()
            os.fsync(handle.fileno())
        final = folder / final_name
        os.replace(temporary, final)
        return final
    except BaseException:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        raise


def save(name: str, data: bytes | BinaryIO) -> str:
    """Store ``data`` (bytes or a binary file object, copied in chunks) under ``name``, replacing any file there.

    Readers never see half a file: on the local disk it is written to a temporary file and moved into place; a
    blob upload is only visible once complete. Returns the name it was stored under.
    """
    if _clean(name) is None:
        raise ValueError(f"Not a name inside private storage: {name!r}")
    store = private_storage()
    if isinstance(store, FileSystemStorage):
        target = Path(store.location) / name
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target.parent, target.name, data)
        return name
    content = ContentFile(data, name=posixpath.basename(name)) if isinstance(data, bytes) else File(data)
    return store.save(name, content)


def exists(name: str) -> bool:
    if _clean(name) is None:
        return False
    store = private_storage()
    if isinstance(store, FileSystemStorage):
        path = _resolve(name)
        return path is not None and path.is_file()
    return store.exists(name)


def size(name: str) -> int | None:
    """The stored file's size in bytes, or None if it is not there."""
    if not exists(name):
        return None
    try:
        return private_storage().size(name)
    except (OSError, LookupError):
        return None


def modified_time(name: str) -> float | None:
    """When the stored file was last written (seconds since the epoch), or None if it is not there."""
    if not exists(name):
        return None
    return private_storage().get_modified_time(name).timestamp()


def delete(name: str) -> int:
    """Delete a stored file; the bytes freed (0 if it was not there). A name that would leave storage is untouched."""
    store = private_storage()
    if isinstance(store, FileSystemStorage):
        path = _resolve(name)
        if path is None or not path.is_file():
            return 0
        freed = path.stat().st_size
        path.unlink(missing_ok=True)
        return freed
    freed = size(name)
    if freed is None:
        return 0
    store.delete(name)
    return freed


remove = delete  # the name retention and older callers know it by


def protect(name: str) -> None:
    """Make a stored file read-only where the backend can (the local disk); published packs are never rewritten."""
    path = _resolve(name) if is_local() else None
    if path is not None and path.is_file():
        path.chmod(0o444)


def iterate(prefix: str = "") -> Iterator[Stored]:
    """Every stored file under the folder ``prefix`` ("" for all), sorted by name; links on disk are never listed.

    Temporary files of writes in progress (local disk: ``.name.part``) are listed, so a sweep can clear old ones.
    """
    folder = prefix.strip("/")
    if folder and _clean(folder) is None:
        return
    store = private_storage()
    if isinstance(store, FileSystemStorage):
        yield from iterate_disk(Path(store.location), folder, Stored)
    elif hasattr(store, "client") and hasattr(store.client, "list_blobs"):
        # Azure: one listing call per 5,000 blobs gives name, size and time (no request per file).
        start = f"{folder}/" if folder else None
        for blob in store.client.list_blobs(name_starts_with=start):
            yield Stored(blob.name, blob.size, blob.last_modified.timestamp())
    else:
        yield from _iterate_generic(store, folder)


def _iterate_generic(store: Storage, folder: str) -> Iterator[Stored]:
    subfolders, files = store.listdir(folder)
    for file_name in sorted(files):
        name = f"{folder}/{file_name}" if folder else file_name
        yield Stored(name, store.size(name), store.get_modified_time(name).timestamp())
    for subfolder in sorted(subfolders):
        yield from _iterate_generic(store, f"{folder}/{subfolder}" if folder else subfolder)
