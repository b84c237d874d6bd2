"""The register as rows for CSV and XLSX: one row per risk, the same columns in both.

Cells that a spreadsheet would run as a formula (starting with = + - @ or a
control character) are prefixed with an apostrophe, so opening an export
never runs text typed into a risk.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from kcc_planning.csv_safety import spreadsheet_safe

from .models import Register, Risk

COLUMNS = (
    ("Register", 30),
    ("Plan year", 10),
    ("Risk ID", 10),
    ("Risk title", 40),
    ("Source / cause of risk", 50),
    ("Risk event(s)", 50),
    ("Consequence(s)", 50),
    ("Risk owner(s)", 30),
    ("Current likelihood", 18),
    ("Current impact", 18),
    ("Current rating", 10),
    ("Current band", 14),
    ("Target residual likelihood", 18),
    ("Target residual impact", 18),
    ("Target rating", 10),
    ("Target band", 14),
    ("Target above current", 10),
    ("Movement since last review", 30),
    ("Next review date", 14),
    ("Controls (control - owner)", 60),
    ("Actions (action - owner - planned completion - status)", 60),
    ("Plan priorities threatened", 40),
)


def risk_row(register: Register, risk: Risk) -> list:
    """One risk as export cells (the risk must come from ``selectors.register_risks(with_priorities=True)``)."""
    current, target = risk.current_rating, risk.target_rating
    in_progress = "Risk assessment in progress"
    return [
        register.display_title,
        register.plan_year.label,
        risk.reference,
        risk.title,
        risk.source_cause,
        risk.risk_events,
        risk.consequences,
        "\n".join(risk.owner_labels),
        current.likelihood_label if current else in_progress,
        current.impact_label if current else "",
        current.score if current else None,
        current.band.name if current else in_progress,
        target.likelihood_label if target else "",
        target.impact_label if target else "",
        target.score if target else None,
        target.band.name if target else "",
        "Yes" if risk.target_above_current else "No",
        f"{risk.movement.arrow} {risk.movement.text}".strip(),
        risk.next_review_on.isoformat() if risk.next_review_on else "",
        "\n".join(f"{c.title} - {c.owner}" if c.owner else c.title for c in risk.controls.all()),
        "\n".join(
            " - ".join(part for part in (a.title, a.owner, a.due_text, "Done" if a.done else "Not done") if part)
            for a in risk.actions.all()
        ),
        "\n".join(f"{p.plan.unit_name}: {p.title}" for p in risk.priorities.all()),
    ]


def rows(register: Register, risks: Iterable[Risk]) -> list[list]:
    return [[spreadsheet_safe(value) for value in risk_row(register, risk)] for risk in risks]


def to_csv(register: Register, risks: Iterable[Risk]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([name for name, _ in COLUMNS])
    for row in rows(register, risks):
        writer.writerow(["" if value is None else value for value in row])
    # A byte order mark so spreadsheet programs read the £ and dashes as UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(register: Register, risks: Iterable[Risk]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Risk register"
    sheet.append([name for name, _ in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows(register, risks):
        sheet.append(row)
    for index, (_, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(cell.value, str):
                # Force text: openpyxl would otherwise store "=..." as a formula.
                cell.data_type = "s"
    sheet.freeze_panes = "D2"
    workbook.properties.title = register.display_title
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
