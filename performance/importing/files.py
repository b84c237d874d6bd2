"""Reading CSV and XLSX files of actuals into rows of text, refusing files that cannot be imported at all."""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass
from decimal import Decimal

from django.template.defaultfilters import filesizeformat

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
# An .xlsx file is a zip archive, checked before openpyxl opens it: refuse archives that would unpack to far more
# than any sheet of actuals needs (20,000 rows of four columns is about 5 MB of XML), and members packed so tightly
# they can only be a run of repeated cells (a 123 KB workbook that unpacked to 55 MB held a web worker for 39 s).
MAX_XLSX_UNPACKED_BYTES = 20 * 1024 * 1024
MAX_XLSX_RATIO = 100  # real sheets pack about 5-20 to 1
XLSX_RATIO_FLOOR = 1024 * 1024  # small members (styles, a short sheet) may pack as tightly as they like
# Lines read from the sheet, blank ones included: a sheet padded with empty rows is stopped while it is read.
MAX_XLSX_LINES = MAX_ROWS * 2
COMMENTARY_LIMIT = 2000

HEADINGS = {
    "reference": {"reference", "ref", "kpi ref", "kpi reference", "indicator reference", "indicator ref", "kpi"},
    "period": {"period", "period code", "reporting period"},
    "value": {"value", "actual", "figure", "result"},
    "commentary": {"commentary", "comment", "comments", "note", "notes"},
}
REQUIRED = ("reference", "period", "value")
HEADING_HELP = "The first row must hold the column headings reference, period and value (and, if you like, commentary)."


class ImportFileError(Exception):
    """The file as a whole cannot be read; ``str()`` is a message fit for the user."""


@dataclass(frozen=True)
class RawRow:
    line: int
    reference: str
    period: str
    value: str
    commentary: str = ""

    def as_list(self) -> list:
        return [self.line, self.reference, self.period, self.value, self.commentary]

    @classmethod
    def from_list(cls, items: list) -> RawRow:
        line, reference, period, value, commentary = items
        return cls(int(line), str(reference), str(period), str(value), str(commentary))


def size_error(name: str, size: int) -> str:
    """The message for a file over the limit, or "" when it is small enough."""
    if size <= MAX_UPLOAD_BYTES:
        return ""
    return (
        f"“{name}” is {filesizeformat(size)}: files of actuals must be {filesizeformat(MAX_UPLOAD_BYTES)} or smaller. "
        f"Split it into smaller files, or remove columns and sheets that are not needed."
    )


def _heading_map(row: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(row):
        name = " ".join(str(cell or "").strip().lower().replace("_", " ").split())
        for key, names in HEADINGS.items():
            if name in names and key not in found:
                found[key] = index
    missing = [key for key in REQUIRED if key not in found]
    if missing:
        raise ImportFileError(f"The file has no column headed {' or '.join(missing)}. " + HEADING_HELP)
    return found


def _cell(cells: list, headings: dict[str, int], key: str) -> str:
    index = headings.get(key)
    return str(cells[index]).strip() if index is not None and index < len(cells) else ""


def _rows_from_table(table, name: str) -> list[RawRow]:
    """RawRows from an iterable of (spreadsheet line, list of cell texts), the first non-empty one being headings."""
    headings: dict[str, int] | None = None
    rows: list[RawRow] = []
    for line, cells in table:
        if not any(str(cell).strip() for cell in cells):
            continue
        if headings is None:
            headings = _heading_map(cells)
            continue
        if len(rows) >= MAX_ROWS:
            raise ImportFileError(
                f"“{name}” has more than {MAX_ROWS:,} rows of actuals. Split it into smaller files and import each."
            )

        rows.append(
            RawRow(
                line,
                _cell(cells, headings, "reference"),
                _cell(cells, headings, "period"),
                _cell(cells, headings, "value"),
                _cell(cells, headings, "commentary"),
            )
        )
    if headings is None:
        raise ImportFileError(f"“{name}” is empty: there is nothing to import. " + HEADING_HELP)
    if not rows:
        raise ImportFileError(f"“{name}” has column headings but no rows of actuals.")
    return rows


def _read_csv(data: bytes, name: str) -> list[RawRow]:
    if b"\x00" in data[:4096]:
        raise ImportFileError(f"“{name}” is not a CSV file: it contains binary data. Save it as CSV (comma delimited).")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows saves "CSV (Comma delimited)" in the Windows code page.
        text = data.decode("cp1252", errors="replace")
    try:
        table = [(number, row) for number, row in enumerate(csv.reader(io.StringIO(text, newline="")), start=1)]
    except csv.Error as error:
        raise ImportFileError(f"“{name}” could not be read as CSV: {error}.") from None
    return _rows_from_table(table, name)


def _xlsx_text(cell) -> str:
    """A cell's value as an officer would have typed it: 95% stays "95%", not 0.95."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, int | float):
        number = Decimal(str(value))
        if "%" in (getattr(cell, "number_format", "") or ""):
            return f"{(number * 100).normalize():f}%"
        return f"{number.normalize():f}" if number == number.to_integral_value() else str(number)
    return str(value)


def _read_xlsx(data: bytes, name: str) -> list[RawRow]:
    not_xlsx = (
        f"“{name}” is not an Excel workbook, even though its name ends in .xlsx. Open it in Excel and use "
        f"Save As → Excel Workbook (.xlsx), or save it as CSV."
    )
    if not data.startswith(b"PK\x03\x04"):
        raise ImportFileError(not_xlsx)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ImportFileError(not_xlsx) from None
    if "xl/workbook.xml" not in {info.filename for info in members}:
        raise ImportFileError(not_xlsx)
    too_big = (
        f"“{name}” unpacks to far more data than a file of actuals holds "
        f"(over {filesizeformat(MAX_XLSX_UNPACKED_BYTES)}, or a sheet of repeated empty or identical cells). "
        f"Copy just the rows of actuals into a new workbook, or save them as CSV, and upload that."
    )
    # The sizes the archive declares are what openpyxl would unpack; nothing is decompressed to check them.
    if sum(info.file_size for info in members) > MAX_XLSX_UNPACKED_BYTES:
        raise ImportFileError(too_big)
    for info in members:
        if info.file_size > XLSX_RATIO_FLOOR and info.file_size > MAX_XLSX_RATIO * max(info.compress_size, 1):
            raise ImportFileError(too_big)
    from openpyxl import load_workbook  # Imported here: only imports of .xlsx files need it.

    try:
        # data_only=False: a formula is read as its text (never evaluated, here or anywhere) and refused below.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many types for damaged workbooks; each means the same to the user.
        raise ImportFileError(
            f"“{name}” looks like an Excel workbook but could not be read: it may be damaged."
        ) from None
    try:
        sheet = workbook.worksheets[0]
        return _rows_from_table(_xlsx_lines(sheet, name), name)
    finally:
        workbook.close()


def _xlsx_lines(sheet, name: str):
    """(line, cell texts) of a sheet, read lazily: stops at the line budget and at the first formula."""
    for number, row in enumerate(sheet.iter_rows(), start=1):
        if number > MAX_XLSX_LINES:
            raise ImportFileError(
                f"“{name}” has more than {MAX_XLSX_LINES:,} rows (blank rows included). Copy just the rows of "
                f"actuals into a new workbook, or split them into smaller files, and import each."
            )
        for cell in row:
            if getattr(cell, "data_type", None) == "f":
                where = getattr(cell, "coordinate", f"row {number}")
                raise ImportFileError(
                    f"“{name}” has a formula in cell {where}: formulas are not imported. Copy the sheet and paste "
                    f"it back as values only (Paste Special → Values), or save it as CSV, then upload it again."
                )
        yield number, [_xlsx_text(cell) for cell in row]


def read_file(*, name: str, data: bytes) -> list[RawRow]:
    """The rows of a CSV or XLSX file; raises ``ImportFileError`` for a file that cannot be imported at all."""
    if message := size_error(name, len(data)):
        raise ImportFileError(message)
    if not data.strip():
        raise ImportFileError(f"“{name}” is empty: there is nothing to import. " + HEADING_HELP)
    lowered = name.lower()
    if lowered.endswith(".csv"):
        return _read_csv(data, name)
    if lowered.endswith(".xlsx"):
        return _read_xlsx(data, name)
    raise ImportFileError(
        f"“{name}” is not a CSV or XLSX file. Upload a .csv file, or an Excel workbook saved as .xlsx "
        f"(older .xls workbooks must be saved as .xlsx first)."
    )
