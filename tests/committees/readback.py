"""Reading a built pack back: page texts, front sheet ranges, outline titles, every decompressed byte."""

import io
import re
import zlib

from pypdf import PdfReader

RANGE = re.compile(r"\(Pages (\d+) - (\d+)\)")
NUMBER = re.compile(r"\b([A-F]\d{1,2})\b")


def page_texts(pdf: bytes) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def front_sheet_ranges(texts: list[str]) -> dict[str, tuple[int, int]]:
    """The ranges printed on the front sheet (the unnumbered pages before "Page 1")."""
    front = []
    for text in texts:
        if re.search(r"\bPage \d+$", text):
            break
        front.append(text)
    text = " ".join(front)
    ranges = {}
    for match in RANGE.finditer(text):
        # The range belongs to the last item number printed before it.
        number = NUMBER.findall(text[: match.start()])[-1]
        ranges[number] = (int(match.group(1)), int(match.group(2)))
    return ranges


def printed_number(text: str) -> int | None:
    match = re.search(r"\bPage (\d+)$", text)
    return int(match.group(1)) if match else None


def outline_titles(pdf: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    titles = []

    def walk(entries):
        for entry in entries:
            if isinstance(entry, list):
                walk(entry)
            else:
                titles.append(entry.title)

    walk(reader.outline)
    return titles


def all_bytes(pdf: bytes) -> bytes:
    """The file's raw bytes plus every stream decompressed, so nothing hides inside a compressed stream."""
    chunks = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL):
        try:
            chunks.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(chunks)
