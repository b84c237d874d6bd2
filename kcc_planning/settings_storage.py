"""Storage settings, imported by ``settings.py``: kept apart because they depend on nothing else there."""

import os

from django.core.exceptions import ImproperlyConfigured

# Where private files live (docs/operations.md, "Storage"): the local disk at PRIVATE_STORAGE_ROOT by default, or an
# Azure Blob Storage container so the web and worker processes can run on machines that share no disk. Every read
# and write goes through documents.storage; files are streamed through permission-checked views, never by URL.
PRIVATE_STORAGE_BACKEND = os.environ.get("PRIVATE_STORAGE_BACKEND", "local")
if PRIVATE_STORAGE_BACKEND == "azure":
    _PRIVATE_STORAGE = {
        "BACKEND": "storages.backends.azure_storage.AzureStorage",
        "OPTIONS": {
            "account_name": os.environ.get("AZURE_ACCOUNT_NAME"),
            "account_key": os.environ.get("AZURE_ACCOUNT_KEY"),
            "connection_string": os.environ.get("AZURE_CONNECTION_STRING"),
            "azure_container": os.environ.get("AZURE_CONTAINER", "private"),
            "custom_domain": os.environ.get("AZURE_CUSTOM_DOMAIN"),
            # Names are chosen by the app (checksums, job ids): a write replaces, as os.replace does on disk.
            "overwrite_files": True,
            "timeout": int(os.environ.get("AZURE_TIMEOUT_SECONDS", "20")),
        },
    }
elif PRIVATE_STORAGE_BACKEND == "local":
    _PRIVATE_STORAGE = {"BACKEND": "documents.storage_local.PrivateFileSystemStorage"}
else:
    raise ImproperlyConfigured("PRIVATE_STORAGE_BACKEND must be 'local' or 'azure'.")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "private": _PRIVATE_STORAGE,
}
