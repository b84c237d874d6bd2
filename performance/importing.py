"""Reading and checking files of actuals (CSV or XLSX) before anything is written.

A file is a table with a heading row: ``reference``, ``period``, ``value`` and
optionally ``commentary`` (other columns are ignored, in any order). Every
problem is reported with its row number as the spreadsheet shows it, so an
officer can fix the file and upload it again; ``services.imports`` writes a
file only when it has no problems at all.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal

from django.template.defaultfilters import filesizeformat

from plans.models import Plan

from . import periods, schedule
from .models import ActivityActual, ActivityIndicator, Kpi, KpiActual
from .values import BadValue, format_value, parse_value

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


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    message: str


@dataclass
class CheckedRow:
    raw: RawRow
    indicator: Kpi | ActivityIndicator
    spec: periods.PeriodSpec
    value: Decimal
    shown: str
    replaces: str = ""


@dataclass
class ImportCheck:
    rows: list[CheckedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    row_count: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)

    @property
    def new_count(self) -> int:
        return sum(1 for row in self.rows if not row.replaces)

    @property
    def replace_count(self) -> int:
        return sum(1 for row in self.rows if row.replaces)


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


def _looks_like_date(text: str) -> bool:
    try:
        datetime.date.fromisoformat(text[:10])
    except ValueError:
        return False
    return True


def check_rows(*, plan: Plan, raw_rows: list[RawRow]) -> ImportCheck:
    """Check every row against the plan's indicators, periods and units; a fixed number of queries."""
    start_year = plan.plan_year.start_year
    indicators: dict[str, Kpi | ActivityIndicator] = {}
    for indicator in [*Kpi.objects.filter(plan=plan), *ActivityIndicator.objects.filter(plan=plan)]:
        if indicator.reference:
            indicators[indicator.reference.upper()] = indicator
    check = ImportCheck(row_count=len(raw_rows))
    spec_cache: dict[str, periods.PeriodSpec | str] = {}
    first_seen: dict[tuple[str, int, str], int] = {}
    for raw in raw_rows:
        row_errors: list[RowError] = []
        indicator = indicators.get(raw.reference.upper()) if raw.reference else None
        if not raw.reference:
            row_errors.append(RowError(raw.line, "reference", "Enter the indicator's reference, for example CS01."))
        elif indicator is None:
            row_errors.append(
                RowError(raw.line, "reference", f"No indicator of this plan has the reference “{raw.reference[:20]}”.")
            )
        key = raw.period.strip().upper()
        if key not in spec_cache:
            try:
                spec_cache[key] = periods.parse(raw.period)
            except periods.PeriodError as error:
                hint = (
                    " Excel may have turned it into a date: format the column as Text." if _looks_like_date(key) else ""
                )
                spec_cache[key] = str(error) + hint
        spec = spec_cache[key]
        if isinstance(spec, str):
            row_errors.append(RowError(raw.line, "period", spec))
            spec = None
        elif indicator is not None and (message := schedule.wrong_period_message(indicator, spec, start_year)):
            row_errors.append(RowError(raw.line, "period", message))
        value = None
        if indicator is not None:
            if not raw.value:
                row_errors.append(
                    RowError(
                        raw.line,
                        "value",
                        "Enter a value. To remove an actual entered in error, clear it on the period entry page.",
                    )
                )
            else:
                try:
                    value = parse_value(
                        raw.value,
                        unit=indicator.unit,
                        scale_labels=getattr(indicator, "scale_labels", None),
                        places=indicator.decimal_places,
                    )
                except BadValue as error:
                    row_errors.append(RowError(raw.line, "value", str(error)))
        if len(raw.commentary) > COMMENTARY_LIMIT:
            row_errors.append(
                RowError(raw.line, "commentary", f"The commentary is longer than {COMMENTARY_LIMIT:,} characters.")
            )
        if indicator is not None and spec is not None:
            duplicate_key = (type(indicator).__name__, indicator.pk, spec.code)
            if duplicate_key in first_seen:
                row_errors.append(
                    RowError(
                        raw.line,
                        "reference",
                        f"{indicator.reference} for {spec.code} is already on row {first_seen[duplicate_key]}: "
                        f"give each indicator one figure per period.",
                    )
                )
            else:
                first_seen[duplicate_key] = raw.line
        if row_errors:
            check.errors.extend(row_errors)
        elif indicator is not None and spec is not None and value is not None:
            shown = format_value(
                value,
                unit=indicator.unit,
                places=indicator.decimal_places,
                scale_labels=getattr(indicator, "scale_labels", None),
                as_result=True,
            )
            check.rows.append(CheckedRow(raw, indicator, spec, value, shown))
    _mark_replacements(check)
    return check


def _mark_replacements(check: ImportCheck) -> None:
    """Note the figure each row would replace, for the preview (two queries)."""
    codes = {row.spec.code for row in check.rows}
    kpi_rows = [row for row in check.rows if isinstance(row.indicator, Kpi)]
    activity_rows = [row for row in check.rows if isinstance(row.indicator, ActivityIndicator)]
    if kpi_rows:
        stored = {
            (a.kpi_id, a.period.code): a.value
            for a in KpiActual.objects.filter(
                kpi_id__in={r.indicator.pk for r in kpi_rows}, period__code__in=codes
            ).select_related("period")
        }
        for row in kpi_rows:
            _note(row, stored.get((row.indicator.pk, row.spec.code)))
    if activity_rows:
        stored = {
            (a.indicator_id, a.period.code): a.value
            for a in ActivityActual.objects.filter(
                indicator_id__in={r.indicator.pk for r in activity_rows}, period__code__in=codes
            ).select_related("period")
        }
        for row in activity_rows:
            _note(row, stored.get((row.indicator.pk, row.spec.code)))


def _note(row: CheckedRow, previous: Decimal | None) -> None:
    if previous is not None:
        row.replaces = format_value(
            previous,
            unit=row.indicator.unit,
            places=row.indicator.decimal_places,
            scale_labels=getattr(row.indicator, "scale_labels", None),
            as_result=True,
        )
