"""Print HTML to a Word document: the same headings, paragraphs, lists and tables as the PDF.

Every app already builds one print HTML per document for WeasyPrint; the Word copy is drawn from that same HTML,
so a heading or table added to a print template appears in both. Only structure and simple emphasis are carried
over (headings, paragraphs, lists, tables with header rows and merged cells, bold, italic, inserted and deleted
words); the look comes from the council's Word template (its styles, letterhead, headers and footers), not from
the print CSS. Pictures (the heat map drawings) are left out: each has a table beside it saying the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.etree.ElementTree import Element

import tinyhtml5
from docx.document import Document
from docx.enum.text import WD_BREAK
from docx.table import _Cell

from .word_tables import grid as grid_of
from .word_tables import repeat_header, span_end

XHTML = "{http://www.w3.org/1999/xhtml}"
BLOCKS = {
    "address", "article", "aside", "blockquote", "body", "dd", "div", "dl", "dt", "figcaption", "figure", "footer",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table",
    "ul",
}  # fmt: skip
SKIPPED = {"script", "style", "svg", "img", "template", "head", "noscript", "object", "iframe"}
HEADINGS = {f"h{level}": level for level in range(1, 7)}
SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Mark:
    """The emphasis of a run of text."""

    bold: bool = False
    italic: bool = False
    underline: bool = False
    strike: bool = False


def _tag(element: Element) -> str:
    tag = element.tag if isinstance(element.tag, str) else ""
    return tag.rsplit("}", 1)[-1].lower()  # without its namespace (XHTML, or SVG and MathML inside HTML)


def _hidden(element: Element) -> bool:
    return "hidden" in element.attrib or _tag(element) in SKIPPED


def _mark(mark: Mark, tag: str) -> Mark:
    if tag in {"b", "strong", "th"}:
        return Mark(True, mark.italic, mark.underline, mark.strike)
    if tag in {"i", "em", "cite"}:
        return Mark(mark.bold, True, mark.underline, mark.strike)
    if tag in {"ins", "u"}:
        return Mark(mark.bold, mark.italic, True, mark.strike)
    if tag in {"del", "s", "strike"}:
        return Mark(mark.bold, mark.italic, mark.underline, True)
    return mark


def text_of(element: Element) -> str:
    """The element's visible text, whitespace collapsed as a browser would."""
    parts: list[str] = []

    def walk(node: Element) -> None:
        if _hidden(node):
            return
        parts.append(node.text or "")
        for child in node:
            walk(child)
            parts.append(child.tail or "")

    walk(element)
    return SPACE.sub(" ", "".join(parts)).strip()


class Writer:
    """Appends the blocks of an HTML element to a python-docx document, or to a table cell inside it."""

    def __init__(self, document: Document):
        self.document = document
        # Style ids by name, looked up once: python-docx's own lookup by name scans every style each time.
        self.style_ids = {style.name: style.style_id for style in document.styles}

    def style(self, *names: str) -> str | None:
        """The id of the first of ``names`` the template defines (a council's template may lack some of Word's)."""
        return next((self.style_ids[name] for name in names if name in self.style_ids), None)

    def write_html(self, html: str) -> None:
        root = tinyhtml5.parse(html)
        title = root.find(f"{XHTML}head/{XHTML}title")
        if title is not None:
            self.document.core_properties.title = text_of(title)[:250]
        body = root.find(f"{XHTML}body")
        if body is not None:
            self.blocks(self.document, body, Mark())

    # Blocks --------------------------------------------------------------------------------------------------

    def blocks(self, container, element: Element, mark: Mark, list_style: str | None = None) -> None:
        """Each child block of ``element`` in turn; loose text and inline elements between blocks form paragraphs."""
        pending: list[tuple[Element | str, Mark]] = []
        if element.text:
            pending.append((element.text, mark))
        for child in element:
            tag = _tag(child)
            if _hidden(child):
                pass
            elif tag in BLOCKS:
                self.paragraph(container, pending, None)
                pending = []
                self.block(container, child, mark, list_style)
            else:
                pending.append((child, mark))
            if child.tail:
                pending.append((child.tail, mark))
        self.paragraph(container, pending, None)

    def block(self, container, element: Element, mark: Mark, list_style: str | None) -> None:
        tag = _tag(element)
        if tag in HEADINGS:
            style = self.style(f"Heading {HEADINGS[tag]}", "Heading 1")
            self.paragraph(container, [(element, mark)], style)
        elif tag == "table":
            self.table(container, element, mark)
        elif tag in {"ul", "ol"}:
            style = self.style("List Number" if tag == "ol" else "List Bullet", "List Paragraph")
            self.blocks(container, element, mark, style)
        elif tag == "li":
            self.item(container, element, mark, list_style)
        elif tag == "hr":
            return
        elif tag in {"dt"}:
            self.blocks(container, element, _mark(mark, "b"))
        else:
            self.blocks(container, element, mark, list_style)

    def item(self, container, element: Element, mark: Mark, list_style: str | None) -> None:
        """A list item: its first paragraph carries the bullet; nested lists follow it."""
        inline = [child for child in element if _tag(child) not in BLOCKS and not _hidden(child)]
        if len(inline) == len([child for child in element if not _hidden(child)]):
            self.paragraph(container, [(element, mark)], list_style)
            return
        self.blocks(container, element, mark, list_style)

    def paragraph(self, container, content: list[tuple[Element | str, Mark]], style: str | None) -> None:
        """One paragraph of ``content`` (strings and inline elements), unless it holds no text at all."""
        runs: list[tuple[str, Mark]] = []
        for piece, mark in content:
            if isinstance(piece, str):
                runs.append((_flat(piece), mark))
            else:
                self.inline(piece, mark, runs)
        if not "".join(text for text, _ in runs).strip():
            return
        paragraph = container.add_paragraph()
        if style:
            paragraph._p.get_or_add_pPr().style = style
        self.runs(paragraph, runs)

    def inline(self, element: Element, mark: Mark, runs: list[tuple[str, Mark]]) -> None:
        if _hidden(element):
            return
        tag = _tag(element)
        if tag == "br":
            runs.append(("\n", mark))
            return
        inner = _mark(mark, tag)
        if element.text:
            runs.append((_flat(element.text), inner))
        for child in element:
            self.inline(child, inner, runs)
            if child.tail:
                runs.append((_flat(child.tail), inner))

    def runs(self, paragraph, runs: list[tuple[str, Mark]]) -> None:
        """Whitespace collapsed across runs (as HTML does), <br> kept as line breaks, empty runs dropped."""
        previous_space = True
        for index, (text, mark) in enumerate(runs):
            for number, line in enumerate(text.split("\n")):
                if number:
                    paragraph.add_run().add_break(WD_BREAK.LINE)
                    previous_space = True
                collapsed = SPACE.sub(" ", line)
                if previous_space:
                    collapsed = collapsed.lstrip(" ")
                if index == len(runs) - 1:
                    collapsed = collapsed.rstrip(" ")
                if not collapsed:
                    continue
                run = paragraph.add_run(collapsed)
                if mark.bold:
                    run.bold = True
                if mark.italic:
                    run.italic = True
                if mark.underline:
                    run.underline = True
                if mark.strike:
                    run.font.strike = True
                previous_space = collapsed.endswith(" ")

    # Tables --------------------------------------------------------------------------------------------------

    def table(self, container, element: Element, mark: Mark) -> None:
        caption = next((child for child in element if _tag(child) == "caption" and not _hidden(child)), None)
        if caption is not None:
            self.paragraph(container, [(caption, _mark(mark, "b"))], self.style("Caption"))
        rows: list[tuple[Element, bool]] = []
        for child in element:
            tag = _tag(child)
            if tag == "tr":
                rows.append((child, False))
            elif tag in {"thead", "tbody", "tfoot"}:
                rows.extend((row, tag == "thead") for row in child if _tag(row) == "tr")
        grid = grid_of(rows)
        if not grid:
            return
        columns = max(len(row) for row in grid)
        table = container.add_table(rows=0, cols=columns)
        style = self.style("Table Grid")
        if style:
            table._tbl.tblPr.style = style
        placed: dict[int, tuple[int, int]] = {}
        for row_index, cells in enumerate(grid):
            row = table.add_row()
            if rows[row_index][1]:
                repeat_header(row)
            for column, cell in enumerate(cells):
                if cell is None:
                    continue
                html_cell, origin = cell
                if origin is not None:
                    placed.setdefault(id(html_cell), origin)
                    continue
                placed[id(html_cell)] = (row_index, column)
                self.cell(row.cells[column], html_cell, mark)
        # Merge spanned cells once every row exists.
        for row_index, cells in enumerate(grid):
            for column, cell in enumerate(cells):
                if cell is None or cell[1] is not None:
                    continue
                end_row, end_column = span_end(grid, row_index, column)
                if (end_row, end_column) != (row_index, column):
                    table.cell(row_index, column).merge(table.cell(end_row, end_column))

    def cell(self, cell: _Cell, element: Element, mark: Mark) -> None:
        cell_mark = _mark(mark, "b") if _tag(element) == "th" else mark
        first = cell.paragraphs[0]
        self.blocks(cell, element, cell_mark)
        if len(cell.paragraphs) > 1 and not first.text:
            first._element.getparent().remove(first._element)


def _flat(text: str) -> str:
    """Source line breaks are spaces in HTML; only <br> (a "\n" run) breaks a line."""
    return text.replace("\r", " ").replace("\n", " ")
