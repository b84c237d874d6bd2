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
# An .xlsx file is a zip archive: refuse archives that would unpack to far more than any sheet of actuals needs.
MAX_XLSX_UNPACKED_BYTES = 60 * 1024 * 1024
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
        names = set(archive.namelist())
        unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        raise ImportFileError(not_xlsx) from None
    if "xl/workbook.xml" not in names:
        raise ImportFileError(not_xlsx)
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise ImportFileError(f"“{name}” unpacks to more data than a file of actuals can hold. Save a smaller file.")
    from openpyxl import load_workbook  # Imported here: only imports of .xlsx files need it.

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many types for damaged workbooks; each means the same to the user.
        raise ImportFileError(
            f"“{name}” looks like an Excel workbook but could not be read: it may be damaged."
        ) from None
    try:
        sheet = workbook.worksheets[0]
        table = ((number, [_xlsx_text(cell) for cell in row]) for number, row in enumerate(sheet.iter_rows(), start=1))
        return _rows_from_table(table, name)
    finally:
        workbook.close()


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
