"""The council-wide view as CSV and XLSX: the counts table (both), and the exceptions (a second XLSX sheet).

Every text cell goes through ``kcc_planning.csv_safety.spreadsheet_safe``, so a title typed as ``=HYPERLINK(…)``
opens as text, never as a formula.
"""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from kcc_planning.csv_safety import spreadsheet_safe

from .selectors import STATUS_COLUMNS, CouncilView

__all__ = ["STATUS_COLUMNS", "to_csv", "to_xlsx"]

COUNT_HEADINGS = (
    "Directorate",
    "Unit",
    *(label for _, label in STATUS_COLUMNS),
    "Actions",
    "Overdue milestones",
    "Exceptions",
)
EXCEPTION_HEADINGS = ("Directorate", "Unit", "Exception", "Reference", "Title", "Detail", "Link")


def count_rows(view: CouncilView) -> list[list]:
    """One row per plan's unit, then each directorate's total, then the council's (the page's table)."""
    rows = []
    for group in view.groups:
        for row in [*group.rows, group.total]:
            rows.append([group.name, row.label, *row.cells, row.total, row.overdue_milestones, row.exceptions])
    total = view.total
    rows.append(["", total.label, *total.cells, total.total, total.overdue_milestones, total.exceptions])
    return [[spreadsheet_safe(cell) for cell in row] for row in rows]


def exception_rows(view: CouncilView, *, site: str = "") -> list[list]:
    plans = {row.plan.pk: row.plan for group in view.groups for row in group.rows}
    return [
        [
            spreadsheet_safe(cell)
            for cell in (
                plans[item.plan_id].directorate.name,
                view.units[item.plan_id],
                item.kind_label,
                item.reference,
                item.title,
                item.detail,
                f"{site}{item.url}",
            )
        ]
        for item in view.exceptions
    ]


def to_csv(view: CouncilView) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COUNT_HEADINGS)
    writer.writerows(count_rows(view))
    # A byte order mark so spreadsheet programs read the dashes and £ signs as UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(view: CouncilView, *, site: str = "") -> bytes:
    workbook = Workbook()
    counts = workbook.active
    counts.title = "Actions by status"
    exceptions = workbook.create_sheet("Exceptions")
    for sheet, headings, rows in (
        (counts, COUNT_HEADINGS, count_rows(view)),
        (exceptions, EXCEPTION_HEADINGS, exception_rows(view, site=site)),
    ):
        sheet.append(list(headings))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(row)
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text stays text: openpyxl would store "=…" as a formula
        sheet.freeze_panes = "C2"
    workbook.properties.title = f"Council-wide view {view.plan_year.label if view.plan_year else ''}".strip()
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
