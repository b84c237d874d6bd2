"""Making pypdf cheaper where the packs still use it (placing uploads, cutting an item's pages from a pack).

Writing a PDF spends a good part of its time escaping PDF names (pypdf's ``NameObject.renumber`` walks every
name character by character, on each of the hundreds of thousands of names a long document writes), though it uses
a few hundred distinct names. ``memoise_name_writing`` keeps each name's escaped bytes: the output is the same bytes,
as ``renumber`` depends on the name alone.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from pypdf.generic import NameObject

MAX_NAMES = 100_000  # names are a small vocabulary; a bound all the same, for a worker that lives for weeks
_written: dict[str, bytes] = {}
_original_renumber = NameObject.renumber


def _write_to_stream(self: NameObject, stream) -> None:
    encoded = _written.get(self)
    if encoded is None:
        if len(_written) >= MAX_NAMES:
            _written.clear()
        encoded = _written[str(self)] = _original_renumber(self)
    stream.write(encoded)


def memoise_name_writing() -> None:
    """Install the memo on pypdf's ``NameObject`` (once; calling again changes nothing)."""
    NameObject.write_to_stream = _write_to_stream


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector around pypdf's parsing, cloning and writing.

    pypdf makes millions of small objects that stay alive until the document is written, so each full collection
    walks all of them again, for nothing (a third of the time of a pack's merge, when pypdf made it). Memory is
    still freed by reference counting; cycles made meanwhile are collected once the collector runs again.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
