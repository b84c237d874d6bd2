"""Private storage: finished PDFs, packs and uploaded papers, read only through ``verified_path``."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from django.conf import settings

FOLDER = "render_jobs"
CHUNK_BYTES = 1024 * 1024  # checksums are streamed, so a 50 MB pack is never read into memory to be checked


def root() -> Path:
    return Path(settings.PRIVATE_STORAGE_ROOT)


def jobs_folder() -> Path:
    folder = root() / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _resolve(file_name: str) -> Path | None:
    """The absolute path of a stored file, or None if the name would leave private storage."""
    if not file_name:
        return None
    base = root().resolve()
    path = (base / file_name).resolve()
    return path if path.is_relative_to(base) else None


def verified_path(*, name: str, checksum: str) -> Path | None:
    """The stored file, only if it is inside private storage, exists and still has the SHA-256 it was stored with.

    Every read of a stored file goes through here, so a missing, damaged or swapped file is never served or used.
    """
    path = _resolve(name)
    if path is None or not checksum or not path.is_file():
        return None
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK_BYTES), b""):
            digest.update(chunk)
    return path if digest.hexdigest() == checksum else None


def write_atomically(folder: Path, final_name: str, data: bytes) -> Path:
    """Write ``data`` to a temporary file in ``folder`` and move it to ``final_name`` in one step."""
    temporary: Path | None = None
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=f".{final_name}.", suffix=".part", delete=False) as handle:
            temporary = Path(handle.name)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        final = folder / final_name
        os.replace(temporary, final)
        return final
    except BaseException:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        raise


def remove(file_name: str) -> int:
    """Delete a stored file by its name relative to private storage; the bytes freed (0 if it was not there).

    A name that would leave private storage is never touched.
    """
    path = _resolve(file_name)
    if path is None or not path.is_file():
        return 0
    size = path.stat().st_size
    path.unlink(missing_ok=True)
    return size
