"""Open data: a plan's KPIs, activity indicators and actuals as CSV and JSON."""

import csv

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.utils.text import slugify

from kcc_planning.csv_safety import spreadsheet_safe
from plans.views.access import plan_for

from ..selectors import ACTIVITY_COLUMNS, KPI_COLUMNS, activity_csv_rows, kpi_csv_rows, plan_export


def _safe(value) -> str:
    """The cell as text, neutralised if a spreadsheet would run it as a formula (CSV injection)."""
    return spreadsheet_safe("" if value is None else str(value))


def _filename(plan, suffix: str) -> str:
    return f"{slugify(plan.unit_name)}-{plan.plan_year.label}-{suffix}"


def _csv_response(plan, suffix: str, columns, rows) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(plan, suffix)}"'
    response.write("\ufeff")  # Excel reads UTF-8 (£, –) correctly only with the byte order mark.
    writer = csv.writer(response)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_safe(row.get(column, "")) for column in columns])
    return response


@login_required
def export_kpis_csv(request, plan_id: int):
    plan = plan_for(request, plan_id, "performance.view_indicators")
    return _csv_response(plan, "kpis.csv", KPI_COLUMNS, kpi_csv_rows(export=plan_export(plan=plan)))


@login_required
def export_activity_csv(request, plan_id: int):
    plan = plan_for(request, plan_id, "performance.view_indicators")
    return _csv_response(plan, "activity.csv", ACTIVITY_COLUMNS, activity_csv_rows(export=plan_export(plan=plan)))


@login_required
def export_json(request, plan_id: int):
    plan = plan_for(request, plan_id, "performance.view_indicators")
    response = JsonResponse(plan_export(plan=plan), json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="{_filename(plan, "indicators.json")}"'
    return response
