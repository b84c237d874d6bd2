"""Reading PDFs back in tests: page texts, images, outlines, front-sheet ranges, every decompressed byte;
and a local HTTP server that counts requests (to prove the renderer fetches nothing)."""

import http.server
import io
import re
import subprocess
import tempfile
import threading
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from PIL import Image
from pypdf import PdfReader
from pypdf.generic import ContentStream
from weasyprint import HTML

# "(Pages 5 - 9)", or "(Page 71)" for an item of one page.
RANGE = re.compile(r"\((?:Pages (\d+) - (\d+)|Page (\d+))\)")
NUMBER = re.compile(r"\b([A-F]\d{1,2})\b")


class _CountingHandler(http.server.BaseHTTPRequestHandler):
    """Answers every request with a redirect to file:///etc/passwd, and records it."""

    def do_GET(self):  # noqa: N802 - http.server's naming
        self.server.hits.append(self.path)
        self.send_response(302)
        self.send_header("Location", "file:///etc/passwd")
        self.end_headers()

    def log_message(self, *args):
        pass


@contextmanager
def counting_server():
    """A tiny HTTP server on 127.0.0.1 (random port); ``server.hits`` lists the paths it was asked for."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _CountingHandler)
    server.hits = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def pdf_pages(pdf: bytes) -> list[str]:
    """Each page's text with runs of whitespace collapsed, so table cells and wrapped lines compare simply."""
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def pdf_text(pdf: bytes) -> str:
    return " ".join(pdf_pages(pdf))


def image_count(pdf: bytes) -> int:
    count = 0
    for page in PdfReader(io.BytesIO(pdf)).pages:
        xobjects = page.get("/Resources", {}).get("/XObject", {})
        count += sum(1 for ref in xobjects.values() if ref.get_object().get("/Subtype") == "/Image")
    return count


def front_sheet_ranges(texts: list[str]) -> dict[str, tuple[int, int]]:
    """The ranges printed on a pack's front sheet (the unnumbered pages before "Page 1")."""
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
        first, last = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(3))
        ranges[number] = (int(first), int(last))
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


# --- Reading a PDF as a person sees it: words, where they are printed, and whether they show at all. ---

# The bottom margin every print stylesheet keeps for the page number (print/base.css, the pack's stamp sheet).
FOOTER_BAND = 18 * 72 / 25.4
# Two words overlap when their boxes share more than this share of the smaller box: touching lines and
# kerned neighbours share a sliver, a word printed over another shares much of it.
OVERLAP_SHARE = 0.25
# Words on one line whose boxes share more than this width (points) run into each other; glyphs set side by side
# (a row of leader dots) share a rounding error's worth.
RUN_INTO = 0.25
INK_DPI = 72
PAGE_NUMBER = re.compile(r"^\d+$")
TEMPLATE = re.compile(r"\{[#%{]|[#%}]\}")  # a template comment or tag that reached the page
INVISIBLE_RENDER_MODE = re.compile(rb"(?<![\d.])[37]\s+Tr\b")  # 3: neither filled nor stroked; 7: a clip only


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float  # from the top of the page, as poppler gives it
    x1: float
    y1: float

    def share_with(self, other: "Word") -> float:
        """How much of the smaller of the two boxes the boxes have in common (0 to 1)."""
        width = min(self.x1, other.x1) - max(self.x0, other.x0)
        height = min(self.y1, other.y1) - max(self.y0, other.y0)
        if width <= 0 or height <= 0:
            return 0.0
        smaller = min((self.x1 - self.x0) * (self.y1 - self.y0), (other.x1 - other.x0) * (other.y1 - other.y0))
        return width * height / smaller if smaller > 0 else 1.0

    def runs_into(self, other: "Word") -> bool:
        """On the same line and touching: one word printed on into the next (a heading wider than its column)."""
        height = min(self.y1, other.y1) - max(self.y0, other.y0)
        same_line = height > 0.5 * min(self.y1 - self.y0, other.y1 - other.y0)
        return same_line and min(self.x1, other.x1) - max(self.x0, other.x0) > RUN_INTO


@dataclass
class WordPage:
    width: float
    height: float
    words: list[Word]

    def page_numbers(self) -> list[str]:
        """Every "Page N" printed in the footer band (the page's own number, not a paper's copy of one)."""
        footer = [w for w in self.words if w.y0 >= self.height - FOOTER_BAND]
        return [
            f"{a.text} {b.text}"
            for a, b in zip(footer, footer[1:], strict=False)
            if a.text == "Page" and PAGE_NUMBER.match(b.text)
        ]


def pdf_words(pdf: bytes) -> list[WordPage]:
    """Each page's words with their boxes, read by poppler's ``pdftotext -bbox`` (the text layer a reader copies)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(pdf)
        xhtml = subprocess.run(
            ["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True, timeout=120
        ).stdout
    pages = []
    for page in ElementTree.fromstring(xhtml).iter("{http://www.w3.org/1999/xhtml}page"):
        words = [
            Word(word.text or "", *(float(word.get(key)) for key in ("xMin", "yMin", "xMax", "yMax")))
            for word in page.iter("{http://www.w3.org/1999/xhtml}word")
        ]
        pages.append(WordPage(float(page.get("width")), float(page.get("height")), words))
    return pages


def _page_images(pdf: bytes) -> list[Image.Image]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", str(INK_DPI), "-gray", str(path), str(Path(folder) / "page")], check=True, timeout=300
        )
        images = []
        for image_path in sorted(Path(folder).glob("page-*.pgm"), key=lambda p: int(p.stem.rsplit("-", 1)[1])):
            with Image.open(image_path) as image:
                images.append(image.copy())
        return images


def _content_streams(pdf: bytes) -> list[list[bytes]]:
    """Each page's content and that of every form it draws (an uploaded page is one), decoded."""
    pages = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        streams = [page.get_contents().get_data()] if page.get_contents() is not None else []
        pending, seen = [page.get("/Resources")], set()
        while pending:
            resources = pending.pop()
            resources = resources.get_object() if resources is not None else None
            for ref in (resources or {}).get("/XObject", {}).values():
                form = ref.get_object()
                if id(form) in seen or form.get("/Subtype") != "/Form":
                    continue
                seen.add(id(form))
                streams.append(form.get_data())
                pending.append(form.get("/Resources"))
        pages.append(streams)
    return pages


def _times(m, n):
    """The product of two PDF matrices [a b c d e f] (``m`` applied first)."""
    return [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]


IDENTITY = [1, 0, 0, 1, 0, 0]
SHOW_TEXT = {b"Tj", b"TJ", b"'", b'"'}


def _text_origins(content, resources, ctm, reader, found, depth=0) -> None:
    """Where each text run of ``content`` starts, in page space, forms followed with their placement (pypdf's
    own text visitor loses a form's placement, so an uploaded page's text would seem to be anywhere)."""
    stack, tm, line, leading = [], IDENTITY, IDENTITY, 0.0
    for operands, operator in ContentStream(content, reader).operations:
        if operator == b"q":
            stack.append(ctm)
        elif operator == b"Q" and stack:
            ctm = stack.pop()
        elif operator == b"cm":
            ctm = _times([float(x) for x in operands], ctm)
        elif operator == b"BT":
            tm = line = IDENTITY
        elif operator == b"Tm":
            tm = line = [float(x) for x in operands]
        elif operator in (b"Td", b"TD"):
            tm = line = _times([1, 0, 0, 1, float(operands[0]), float(operands[1])], line)
            leading = -float(operands[1]) if operator == b"TD" else leading
        elif operator == b"TL":
            leading = float(operands[0])
        elif operator in (b"T*", b"'", b'"'):
            tm = line = _times([1, 0, 0, 1, 0, -leading], line)
        if operator in SHOW_TEXT and any(operands):
            origin = _times(tm, ctm)
            found.append((origin[4], origin[5]))
        elif operator == b"Do" and depth < 8:
            form = ((resources or {}).get("/XObject") or {}).get(operands[0])
            form = form.get_object() if form is not None else None
            if form is not None and form.get("/Subtype") == "/Form":
                matrix = [float(x) for x in form.get("/Matrix", IDENTITY)]
                _text_origins(form, form.get("/Resources"), _times(matrix, ctm), reader, found, depth + 1)


def _off_page_runs(pdf: bytes) -> list[int]:
    """How many text runs each page draws outside its box: poppler drops them, copied text keeps them."""
    reader = PdfReader(io.BytesIO(pdf))
    counts = []
    for page in reader.pages:
        box = [float(value) for value in page.mediabox]
        origins = []
        contents = page.get_contents()
        if contents is not None:
            resources = page.get("/Resources")
            _text_origins(contents, resources.get_object() if resources else None, IDENTITY, reader, origins)
        counts.append(
            sum(1 for x, y in origins if not (box[0] - 1 <= x <= box[2] + 1 and box[1] - 1 <= y <= box[3] + 1))
        )
    return counts


def reading_problems(pdf: bytes, *, unnumbered: int = 0, numbered: bool = True) -> list[str]:
    """Everything in ``pdf`` that reads false, one line each (an empty list when it reads true).

    - a word printed over another word (overlapping boxes; two identical runs in one place count too), or run
      on into the next one;
    - template markup ("{#", "{%") that reached the page;
    - a word outside the page's visible box, or drawn with no ink (clipped away, transparent, invisible);
    - text drawn in render mode 3 or 7 (invisible);
    - with ``numbered``, any page after the first ``unnumbered`` without exactly one "Page N" in its footer
      band, or any of the first ``unnumbered`` pages with one.
    """
    problems = []
    pages = pdf_words(pdf)
    images = _page_images(pdf)
    streams_by_page, off_page = _content_streams(pdf), _off_page_runs(pdf)
    for number, (page, image, streams) in enumerate(zip(pages, images, streams_by_page, strict=True), 1):
        scale = image.width / page.width
        if off_page[number - 1]:
            problems.append(f"page {number}: {off_page[number - 1]} runs of text outside the page")
        for stream in streams:
            if INVISIBLE_RENDER_MODE.search(stream):
                problems.append(f"page {number}: text drawn invisible (render mode 3 or 7)")
        problems += [
            f"page {number}: template markup {w.text!r} printed" for w in page.words if TEMPLATE.search(w.text)
        ]
        words = sorted(page.words, key=lambda w: w.y0)
        for index, word in enumerate(words):
            for other in words[index + 1 :]:
                if other.y0 >= word.y1:
                    break
                if word.share_with(other) > OVERLAP_SHARE:
                    problems.append(f"page {number}: {word.text!r} printed over {other.text!r}")
                elif word.runs_into(other):
                    problems.append(f"page {number}: {word.text!r} runs into {other.text!r}")
            if word.x0 < -1 or word.y0 < -1 or word.x1 > page.width + 1 or word.y1 > page.height + 1:
                problems.append(f"page {number}: {word.text!r} is outside the page")
                continue
            box = tuple(round(value * scale) for value in (word.x0, word.y0, word.x1, word.y1))
            region = image.crop((box[0], box[1], max(box[2], box[0] + 1), max(box[3], box[1] + 1)))
            if region.getextrema()[0] > 235:  # nothing darker than the faintest grey: the word does not show
                problems.append(f"page {number}: {word.text!r} is in the text layer but does not show")
        if numbered:
            found = page.page_numbers()
            expected = 0 if number <= unnumbered else 1
            if len(found) != expected:
                problems.append(f"page {number}: {len(found)} page numbers {found}, expected {expected}")
    return problems


def alt_texts(pdf: bytes) -> list[str]:
    """The alternative text of every element of the structure tree (figures, charts, uploaded pages)."""
    found = []
    pending = [PdfReader(io.BytesIO(pdf)).root_object["/StructTreeRoot"]]
    while pending:
        node = pending.pop()
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            pending.extend(node)
        elif hasattr(node, "get"):
            if "/Alt" in node:
                found.append(str(node["/Alt"]))
            if "/K" in node:
                pending.append(node["/K"])
    return found


def paper_with_own_footer(*headings: str, margin: str = "6mm", size: str = "A4") -> bytes:
    """An "uploaded" paper that numbers its own pages: "Page 1", "Page 2"… right at the foot of each page,
    where the pack prints its own numbers, and a line of text right at the top."""
    style = (
        f"@page {{ size: {size}; margin: {margin} 12mm; @bottom-center {{ content: 'Page ' counter(page); "
        "vertical-align: bottom; font: 10pt sans-serif; } @top-right { content: 'Own header'; "
        "vertical-align: top; font: 10pt sans-serif; } }"
    )
    body = "".join(f'<h1 style="break-after: page">{heading}</h1>' for heading in headings)
    return HTML(string=f"<html><head><style>{style}</style></head><body>{body}</body></html>").write_pdf()
