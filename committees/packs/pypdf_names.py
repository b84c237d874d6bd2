"""Writing a pack spends a good part of its time escaping PDF names (pypdf's ``NameObject.renumber`` walks every
name character by character, on each of the half a million names a seed-sized pack writes), though a pack uses a
few hundred distinct names. ``memoise_name_writing`` keeps each name's escaped bytes: the output is the same bytes,
as ``renumber`` depends on the name alone.
"""

from __future__ import annotations

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
