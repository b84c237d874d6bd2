"""Azurite, Microsoft's Azure Storage emulator (npm ``azurite``), for tests of private storage on Azure Blob Storage.

``azurite_blob()`` starts the blob service on a free loopback port with its data in a temporary folder, creates a
container, and kills it when the test ends. ``azure_private_storage()`` points ``STORAGES["private"]`` at it, as
``PRIVATE_STORAGE_BACKEND=azure`` does in settings. The fixtures ``azurite`` (one emulator per test module) and
``on_azure`` (this test's private storage in its container) are imported by the tests that use them.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

from .processes import free_port, stop, wait_until

AZURITE = Path(settings.BASE_DIR) / "node_modules" / ".bin" / "azurite-blob"
# Azurite's well-known development account: published by Microsoft, it opens nothing but a local emulator.
ACCOUNT = "devstoreaccount1"
KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
START_SECONDS = 30


@dataclass(frozen=True)
class Azurite:
    endpoint: str
    container: str

    @property
    def connection_string(self) -> str:
        return f"DefaultEndpointsProtocol=http;AccountName={ACCOUNT};AccountKey={KEY};BlobEndpoint={self.endpoint};"

    @property
    def env(self) -> dict[str, str]:
        """The environment that makes a process of the app keep private files in this container."""
        return {
            "PRIVATE_STORAGE_BACKEND": "azure",
            "AZURE_CONNECTION_STRING": self.connection_string,
            "AZURE_CONTAINER": self.container,
        }


def _listening(port: int) -> bool:
    with socket.create_connection(("127.0.0.1", port), timeout=0.5):
        return True


@contextlib.contextmanager
def azurite_blob():
    """A running Azurite blob service with an empty container of its own; always killed afterwards."""
    if not AZURITE.exists() or shutil.which("node") is None:
        pytest.skip("needs Azurite (npm ci installs it) and Node.js")
    from azure.storage.blob import BlobServiceClient

    folder = Path(tempfile.mkdtemp(prefix="azurite-"))
    port = free_port()
    command = [str(AZURITE), "--blobHost", "127.0.0.1", "--blobPort", str(port), "--location", str(folder)]
    # --disableTelemetry: otherwise it tries to send telemetry off the machine. --skipApiVersionCheck: the Python
    # SDK may speak a newer API version than this emulator knows; the calls the app makes are unchanged.
    command += ["--silent", "--disableTelemetry", "--skipApiVersionCheck"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until(lambda: _listening(port), process=process, timeout=START_SECONDS, what="Azurite")
        azurite = Azurite(endpoint=f"http://127.0.0.1:{port}/{ACCOUNT}", container=f"private-{uuid.uuid4().hex[:8]}")
        BlobServiceClient.from_connection_string(azurite.connection_string).create_container(azurite.container)
        yield azurite
    finally:
        stop(process, timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


def azure_private_storage(azurite: Azurite):
    """Settings that keep this process's private files in the Azurite container (as ``settings.py`` would)."""
    return override_settings(
        STORAGES={
            **settings.STORAGES,
            "private": {
                "BACKEND": "storages.backends.azure_storage.AzureStorage",
                "OPTIONS": {
                    "connection_string": azurite.connection_string,
                    "azure_container": azurite.container,
                    "overwrite_files": True,
                },
            },
        }
    )


@pytest.fixture(scope="module")
def azurite():
    with azurite_blob() as running:
        yield running


@pytest.fixture
def on_azure(azurite, settings, tmp_path):
    """This test's private storage is the Azurite container (the container client is the fixture's value); the
    local folder must stay unused, and is checked so after the test. The container is emptied afterwards."""
    from azure.storage.blob import BlobServiceClient

    from documents import storage

    settings.PRIVATE_STORAGE_ROOT = tmp_path / "unused"
    container = BlobServiceClient.from_connection_string(azurite.connection_string).get_container_client(
        azurite.container
    )
    with azure_private_storage(azurite):
        assert not storage.is_local()
        yield container
    for blob in container.list_blobs():
        container.delete_blob(blob.name)
    assert not (tmp_path / "unused").exists()
