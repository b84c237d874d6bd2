"""Reading back a Word copy and its PDF twin: the headings and tables of each, in reading order, to compare.

Text is compared without whitespace and case: the PDF breaks lines (and, with ``overflow-wrap: anywhere``, words)
where the page ends and prints some labels in capitals through CSS, which the Word copy leaves to its styles.
"""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.oxml.ns import qn

HEADING = re.compile(r"^H([1-6])$")
# Structure elements that group others without content of their own.
WRAPPERS = {"root", "Document", "Part", "Art", "Sect", "Div", "NonStruct"}


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text).casefold()


@dataclass
class Outline:
    """("h2", text) for each heading and ("table", caption, rows) for each table, in reading order."""

    entries: list[tuple] = field(default_factory=list)

    @property
    def headings(self) -> list[tuple[str, str]]:
        return [entry for entry in self.entries if entry[0] != "table"]

    @property
    def tables(self) -> list[tuple]:
        return [entry for entry in self.entries if entry[0] == "table"]


@dataclass
class _Node:
    tag: str
    children: list = field(default_factory=list)
    text: list[str] = field(default_factory=list)

    def all_text(self) -> str:
        return "".join(self.text) + "".join(child.all_text() for child in self.children)


def pdf_outline(pdf: bytes) -> Outline:
    """Headings (H1-H6) and tables (caption, number of rows) of a tagged PDF, from ``pdfinfo -struct-text``."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(pdf)
        listing = subprocess.run(
            ["pdfinfo", "-struct-text", str(path)], check=True, capture_output=True, text=True
        ).stdout
    root = _Node("root")
    stack: list[tuple[int, _Node]] = [(-1, root)]
    for line in listing.splitlines():
        depth = len(line) - len(line.lstrip(" "))
        content = line.strip()
        while stack[-1][0] >= depth:
            stack.pop()
        if content.startswith('"'):
            stack[-1][1].text.append(content[1:-1] if content.endswith('"') else content[1:])
            continue
        node = _Node(content.split(" ")[0])
        stack[-1][1].children.append(node)
        stack.append((depth, node))
    outline = Outline()
    # (header text, index in entries) of the table just before in reading order, with nothing but wrappers between.
    previous: list[tuple[str, int] | None] = [None]

    def walk(node: _Node) -> None:
        match = HEADING.match(node.tag)
        if match:
            previous[0] = None
            outline.entries.append((f"h{match.group(1)}", squash(node.all_text())))
            return
        if node.tag != "Table":
            if node.tag not in WRAPPERS:
                previous[0] = None
            for child in node.children:
                walk(child)
            return
        caption = next((part for part in node.children if part.tag == "Caption"), None)
        head = next((part for part in node.children if part.tag == "THead"), None)
        head_text = squash(head.all_text()) if head else ""
        head_rows = sum(1 for _ in _descendants(head, "TR")) if head else 0
        rows = sum(1 for _ in _descendants(node, "TR"))
        if previous[0] and caption is None and head_text and previous[0][0] == head_text:
            # A table that runs onto the next page is one Table element per page (in a new Sect and Div), each
            # repeating the header rows: counted as the one table it is, its header once.
            kind, caption_text, count = outline.entries[previous[0][1]]
            outline.entries[previous[0][1]] = (kind, caption_text, count + rows - head_rows)
            return
        outline.entries.append(("table", squash(caption.all_text()) if caption else "", rows))
        index = len(outline.entries)
        for part in node.children:
            walk(part)
        # Headings inside its cells (a cover report's subject) come after it; then it may continue.
        previous[0] = (head_text, index - 1) if len(outline.entries) == index else None

    walk(root)
    return outline


def _descendants(node: _Node, tag: str):
    for child in node.children:
        if child.tag == tag:
            yield child
        if child.tag != "Table":
            yield from _descendants(child, tag)


def docx_outline(data: bytes) -> Outline:
    """Headings (paragraphs in a "Heading N" style) and tables (caption, rows) of a .docx, in reading order;
    a table's caption is the "Caption" paragraph just before it."""
    document = docx.Document(io.BytesIO(data))
    styles = {style.style_id: style.name for style in document.styles}
    outline = Outline()

    def walk(container) -> None:
        caption = ""
        for child in container.iterchildren():
            if child.tag == qn("w:p"):
                style_id = child.pPr.style if child.pPr is not None else None
                name = styles.get(style_id, "")
                text = "".join(node.text or "" for node in child.iter(qn("w:t")))
                if name.startswith("Heading "):
                    outline.entries.append((f"h{name.split(' ')[1]}", squash(text)))
                caption = squash(text) if name == "Caption" else ""
            elif child.tag == qn("w:tbl"):
                rows = child.findall(qn("w:tr"))
                outline.entries.append(("table", caption, len(rows)))
                caption = ""
                for row in rows:
                    for cell in row.findall(qn("w:tc")):
                        walk(cell)

    walk(document.element.body)
    return outline
