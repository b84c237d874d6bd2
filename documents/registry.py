"""The kinds of document the PDF pipeline can render, one ``DocumentRenderer`` each.

Each app registers its renderers from ``AppConfig.ready()``. A render job
stores its renderer's key, so the worker and the download view look the
renderer (and the permission it requires) up here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import models


@dataclass(frozen=True)
class DocumentRenderer:
    """How to render one kind of subject.

    ``build_html(subject, options)`` returns the complete print HTML (with
    ``<title>`` and ``<html lang>``); ``filename(subject, options)`` the name
    offered for download; ``permission`` is the django-rules permission a
    user needs on the subject to request, follow or download a render.
    ``subject_url`` (optional) links the job page back to the subject.
    """

    key: str
    model: type[models.Model]
    build_html: Callable[[Any, dict], str]
    filename: Callable[[Any, dict], str]
    permission: str
    subject_url: Callable[[Any], str] | None = None


_renderers: dict[str, DocumentRenderer] = {}


class UnknownRenderer(LookupError):
    pass


def register(renderer: DocumentRenderer) -> DocumentRenderer:
    """Add ``renderer``; registering the same renderer twice is harmless, a clash of keys is not."""
    existing = _renderers.get(renderer.key)
    if existing is not None and existing != renderer:
        raise ImproperlyConfigured(f"Two document renderers use the key {renderer.key!r}.")
    _renderers[renderer.key] = renderer
    return renderer


def get(key: str) -> DocumentRenderer:
    try:
        return _renderers[key]
    except KeyError:
        raise UnknownRenderer(f"No document renderer is registered as {key!r}.") from None


def keys() -> list[str]:
    return sorted(_renderers)
