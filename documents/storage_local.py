"""The local-disk backend of private storage: Django's ``FileSystemStorage`` rooted at ``PRIVATE_STORAGE_ROOT``.

The root is read from settings on every use rather than once, so a change of ``PRIVATE_STORAGE_ROOT`` (each test
has its own folder) takes effect without rebuilding the storage. Chosen by ``STORAGES["private"]`` in settings.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateFileSystemStorage(FileSystemStorage):
    """Private files on the local disk; never served by URL (``base_url`` is None, ``url()`` refuses)."""

    @property
    def base_location(self):  # type: ignore[override]
        return self._value_or_setting(self._location, str(settings.PRIVATE_STORAGE_ROOT))

    @property
    def location(self):  # type: ignore[override]
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no URL: they are streamed through permission-checked views.")


def iterate_disk(base: Path, folder: str, stored: Callable) -> Iterator:
    """``stored(name, size, mtime)`` for each file under ``folder`` of ``base``, by name; links are never listed."""
    top = base / folder
    if not top.is_dir() or top.is_symlink():
        return
    found = []
    for directory, subfolders, files in os.walk(top):
        subfolders[:] = [name for name in subfolders if not os.path.islink(os.path.join(directory, name))]
        for file_name in files:
            path = os.path.join(directory, file_name)
            try:
                stat = os.lstat(path)
            except OSError:
                continue  # gone meanwhile
            if os.path.islink(path):
                continue  # never followed: deleting it would delete whatever it points at
            found.append(stored(os.path.relpath(path, base).replace(os.sep, "/"), stat.st_size, stat.st_mtime))
    yield from sorted(found, key=lambda entry: entry.name)
