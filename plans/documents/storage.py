"""Where finished PDFs live: private storage, served only through permission-checked views."""

from __future__ import annotations

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
