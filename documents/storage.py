"""Where finished PDFs live: private storage, served only through permission-checked views."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from django.conf import settings

FOLDER = "render_jobs"


def root() -> Path:
    return Path(settings.PRIVATE_STORAGE_ROOT)


def jobs_folder() -> Path:
    folder = root() / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def resolve(file_name: str) -> Path | None:
    """The absolute path of a stored file, or None if the name would leave private storage."""
    if not file_name:
        return None
    base = root().resolve()
    path = (base / file_name).resolve()
    return path if path.is_relative_to(base) else None


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
