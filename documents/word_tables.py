"""Tables for the Word copy: HTML rows with row and column spans laid on a grid, and Word's repeated header rows."""

from __future__ import annotations

from xml.etree.ElementTree import Element

from docx.oxml import OxmlElement
from docx.oxml.ns import qn


def _tag(element: Element) -> str:
    tag = element.tag if isinstance(element.tag, str) else ""
    return tag.rsplit("}", 1)[-1].lower()


def grid(rows: list[tuple[Element, bool]]) -> list[list[tuple[Element, tuple[int, int] | None] | None]]:
    """Rows of (cell, None) where a cell starts and (cell, origin) where a row or column span covers the slot."""
    grid: list[list] = [[] for _ in rows]
    for row_index, (row, _header) in enumerate(rows):
        column = 0
        for cell in (child for child in row if _tag(child) in {"td", "th"}):
            while column < len(grid[row_index]) and grid[row_index][column] is not None:
                column += 1
            colspan = _span(cell, "colspan")
            rowspan = min(_span(cell, "rowspan"), len(rows) - row_index)
            for down in range(rowspan):
                target = grid[row_index + down]
                while len(target) < column + colspan:
                    target.append(None)
                for across in range(colspan):
                    origin = None if (down, across) == (0, 0) else (row_index, column)
                    target[column + across] = (cell, origin)
            column += colspan
    width = max((len(row) for row in grid), default=0)
    for row in grid:
        row.extend([None] * (width - len(row)))
    return grid


def _span(cell: Element, name: str) -> int:
    value = cell.attrib.get(name, "1")
    return max(1, min(int(value), 100)) if value.isdigit() else 1


def span_end(grid, row_index: int, column: int) -> tuple[int, int]:
    cell = grid[row_index][column][0]
    end_row, end_column = row_index, column
    while end_column + 1 < len(grid[row_index]) and _covered_by(grid[row_index][end_column + 1], cell):
        end_column += 1
    while end_row + 1 < len(grid) and _covered_by(grid[end_row + 1][column], cell):
        end_row += 1
    return end_row, end_column


def _covered_by(slot, cell: Element) -> bool:
    return slot is not None and slot[0] is cell and slot[1] is not None


def repeat_header(row) -> None:
    """Word repeats this row at the top of each page the table runs onto, as the PDF's table header does."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
