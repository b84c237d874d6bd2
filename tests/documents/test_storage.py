"""Every read of a stored file goes through ``verified_path``: inside private storage, there, and unchanged."""

import hashlib

import pytest

from documents import storage


@pytest.fixture
def stored():
    """A file in private storage bigger than one read chunk, so the checksum is taken over several reads."""
    data = b"%PDF-1.7 " + bytes(range(256)) * (storage.CHUNK_BYTES // 256 + 7)
    folder = storage.jobs_folder()
    path = storage.write_atomically(folder, "stored.pdf", data)
    return f"{storage.FOLDER}/{path.name}", hashlib.sha256(data).hexdigest()


def test_a_stored_file_with_its_checksum_is_found(stored):
    name, checksum = stored
    path = storage.verified_path(name=name, checksum=checksum)
    assert path == storage.root().resolve() / name


def test_a_changed_file_is_not_found(stored):
    """Damaged or swapped since it was stored: never read."""
    name, checksum = stored
    (storage.root() / name).write_bytes(b"%PDF-1.7 swapped")
    assert storage.verified_path(name=name, checksum=checksum) is None


@pytest.mark.parametrize(
    "name",
    ["", "../outside.pdf", "/etc/passwd", f"{storage.FOLDER}/missing.pdf", storage.FOLDER],
    ids=["empty", "parent", "absolute", "missing", "folder"],
)
def test_names_outside_storage_missing_or_not_files_are_not_found(stored, name):
    assert storage.verified_path(name=name, checksum=stored[1]) is None


def test_a_file_without_a_recorded_checksum_is_not_found(stored):
    """Nothing to check it against, so it cannot be trusted."""
    assert storage.verified_path(name=stored[0], checksum="") is None
