"""Sections F / L frozen into a plan's snapshot (plain JSON, see ``plans.extensions``): every cell kept as the
text shown, so later edits, units or precision do not alter what was sent; thawed back into ``PlanIndicators``."""

from __future__ import annotations

from types import SimpleNamespace

from .models import ActivityIndicator, Kpi
from .selectors.tables import ActivityBand, ActivityTableRow, KpiTable, KpiTableRow, PlanIndicators

_SHOWN = ("reference", "priority_refs", "description", "previous", "benchmark", "floor", "target", "target_next")
_KPI_CELLS = (*_SHOWN, "previous_is_forecast")
_ACTIVITY_CELLS = ("reference", "description", "previous", "benchmark", "note_marker", "note")
_HEADINGS = ("layout", "year", "next_year", "previous_year", "previous_heading", "forecast_marker")


def _kpi(row: KpiTableRow) -> dict:
    return {
        "key": f"kpi:{row.kpi.pk}",
        "id": row.kpi.pk,
        **{name: getattr(row, name) for name in _KPI_CELLS},
        "quarter_targets": list(row.quarter_targets),
        "has_quarter_targets": row.kpi.has_quarter_targets,
    }


def _activity(row: ActivityTableRow) -> dict:
    return {
        "key": f"activity:{row.indicator.pk}",
        "id": row.indicator.pk,
        **{name: getattr(row, name) for name in _ACTIVITY_CELLS},
        "bands": [{"name": band.name, "quarters": list(band.quarters), "total": band.total} for band in row.bands],
    }


def indicators_freeze(indicators: PlanIndicators) -> dict:
    """``plan_indicators``' tables as JSON-able dicts, every cell as shown."""
    return {
        **{name: getattr(indicators, name) for name in _HEADINGS},
        "kpi_tables": [
            {
                **{name: getattr(table, name) for name in ("caption", "first_heading", "quarterly")},
                "frequency": str(table.frequency),
                "rows": [_kpi(row) for row in table.rows],
            }
            for table in indicators.kpi_tables
        ],
        "activity_rows": [_activity(row) for row in indicators.activity_rows],
        "footnotes": [[marker, text] for marker, text in indicators.footnotes],
    }


def _kpi_row(row: dict) -> KpiTableRow:
    kpi = SimpleNamespace(pk=row["id"], has_quarter_targets=row["has_quarter_targets"])
    shown = {name: row[name] for name in (*_KPI_CELLS, "quarter_targets")}
    return KpiTableRow(kpi=kpi, **shown)


def _activity_row(row: dict) -> ActivityTableRow:
    bands = [ActivityBand(**band) for band in row["bands"]]
    return ActivityTableRow(
        indicator=SimpleNamespace(pk=row["id"]), bands=bands, **{n: row[n] for n in _ACTIVITY_CELLS}
    )


def indicators_thaw(frozen: dict) -> PlanIndicators:
    """Frozen tables back as ``PlanIndicators``; each row's ``kpi`` / ``indicator`` keeps only what is shown."""
    tables = [
        KpiTable(t["frequency"], t["caption"], t["first_heading"], t["quarterly"], [_kpi_row(r) for r in t["rows"]])
        for t in frozen["kpi_tables"]
    ]
    return PlanIndicators(
        plan=None,
        kpi_tables=tables,
        activity_rows=[_activity_row(row) for row in frozen["activity_rows"]],
        footnotes=[(marker, text) for marker, text in frozen["footnotes"]],
        **{name: frozen[name] for name in _HEADINGS},
    )


def indicators_count(*, plan) -> int:
    """How many KPIs and activity indicators the plan has (the plan's task list: 0 is "not started")."""
    return Kpi.objects.filter(plan=plan).count() + ActivityIndicator.objects.filter(plan=plan).count()
