"""KPIs, activity indicators and their actuals as flat rows and nested data for open data exports."""

from __future__ import annotations

from plans.models import Plan

from ..display import stated
from ..models import ActivityActual, KpiActual
from ..rating import in_range, rate
from ..values import plain
from .common import activity_of, kpis_of, priority_numbers, priority_refs

KPI_COLUMNS = (
    "plan_year",
    "directorate",
    "division",
    "reference",
    "description",
    "priority_refs",
    "unit",
    "polarity",
    "frequency",
    "floor",
    "floor_status",
    "target",
    "target_status",
    "period",
    "period_start",
    "period_end",
    "value",
    "shown_as",
    "rag",
    "commentary",
    "entered_at",
)
ACTIVITY_COLUMNS = (
    "plan_year",
    "directorate",
    "division",
    "reference",
    "description",
    "unit",
    "period",
    "period_start",
    "period_end",
    "value",
    "lower_threshold",
    "upper_threshold",
    "range",
    "commentary",
    "entered_at",
)


def _plan_fields(plan: Plan) -> dict:
    return {
        "plan_year": plan.plan_year.label,
        "directorate": plan.directorate.name,
        "division": plan.division.name if plan.division_id else "",
    }


def _stated_json(indicator, slot: str) -> dict:
    cell = indicator.stated(slot)
    return {"status": cell.status, "value": plain(cell.value) or None, "shown_as": stated(indicator, slot)}


def plan_export(*, plan: Plan) -> dict:
    """Everything published about a plan's indicators: definitions and every actual (five queries)."""
    from ..display import figure

    kpis = list(kpis_of(plans=[plan]))
    numbers = priority_numbers(plans=[plan]) if kpis else {}
    kpi_actuals: dict[int, list[KpiActual]] = {}
    for actual in KpiActual.objects.filter(kpi__plan=plan).select_related("period").order_by("period__starts_on"):
        kpi_actuals.setdefault(actual.kpi_id, []).append(actual)
    indicators = list(activity_of(plans=[plan]))
    activity_actuals: dict[int, list[ActivityActual]] = {}
    for actual in (
        ActivityActual.objects.filter(indicator__plan=plan).select_related("period").order_by("period__starts_on")
    ):
        activity_actuals.setdefault(actual.indicator_id, []).append(actual)

    kpi_data = []
    for kpi in kpis:
        actuals = []
        for actual in kpi_actuals.get(kpi.pk, []):
            spec = actual.period.spec
            target = kpi.target_for_quarter(spec.quarter if spec.kind == "quarter" else None)
            rating = rate(
                actual=actual.value,
                floor=kpi.floor,
                target=target.value,
                polarity=kpi.polarity,
                places=kpi.decimal_places,
            )
            actuals.append(
                {
                    "period": spec.code,
                    "period_label": spec.label,
                    "period_start": spec.starts_on.isoformat(),
                    "period_end": spec.ends_on.isoformat(),
                    "value": plain(actual.value),
                    "shown_as": figure(kpi, actual.value),
                    "rag": rating.label,
                    "commentary": actual.commentary,
                    "entered_at": actual.entered_at.isoformat(),
                }
            )
        kpi_data.append(
            {
                "reference": kpi.reference,
                "description": kpi.description,
                "priority_refs": priority_refs(kpi=kpi, numbers=numbers),
                "unit": kpi.unit,
                "decimal_places": kpi.decimal_places,
                "scale_levels": kpi.scale_labels,
                "polarity": kpi.polarity,
                "frequency": kpi.frequency,
                "previous_basis": kpi.previous_basis,
                **{
                    slot: _stated_json(kpi, slot)
                    for slot in (
                        "previous",
                        "benchmark",
                        "floor",
                        "target",
                        "target_q1",
                        "target_q2",
                        "target_q3",
                        "target_q4",
                        "target_next",
                    )
                },
                "actuals": actuals,
            }
        )
    activity_data = []
    for indicator in indicators:
        actuals = []
        for actual in activity_actuals.get(indicator.pk, []):
            spec = actual.period.spec
            lower, upper = indicator.band(spec.quarter) if spec.quarter else (None, None)
            actuals.append(
                {
                    "period": spec.code,
                    "period_label": spec.label,
                    "period_start": spec.starts_on.isoformat(),
                    "period_end": spec.ends_on.isoformat(),
                    "value": plain(actual.value),
                    "shown_as": figure(indicator, actual.value),
                    "range": str(in_range(actual=actual.value, lower=lower, upper=upper)),
                    "commentary": actual.commentary,
                    "entered_at": actual.entered_at.isoformat(),
                }
            )
        activity_data.append(
            {
                "reference": indicator.reference,
                "description": indicator.description,
                "unit": indicator.unit,
                "year_total": indicator.year_total,
                "tracking_note": indicator.tracking_note,
                "thresholds": {
                    f"q{q}": {
                        "lower": plain(indicator.band(q)[0]) or None,
                        "upper": plain(indicator.band(q)[1]) or None,
                    }
                    for q in (1, 2, 3, 4)
                },
                "expected_total": {
                    "lower": plain(indicator.expected_total[0]) or None,
                    "upper": plain(indicator.expected_total[1]) or None,
                },
                "actuals": actuals,
            }
        )
    return {"plan": _plan_fields(plan), "kpis": kpi_data, "activity_indicators": activity_data}


def kpi_csv_rows(*, export: dict) -> list[dict]:
    """One row per KPI actual (a KPI with no actuals yet has one row with the period left blank)."""
    rows = []
    for kpi in export["kpis"]:
        base = {
            **export["plan"],
            "reference": kpi["reference"],
            "description": kpi["description"],
            "priority_refs": kpi["priority_refs"],
            "unit": kpi["unit"],
            "polarity": kpi["polarity"],
            "frequency": kpi["frequency"],
            "floor": kpi["floor"]["value"] or "",
            "floor_status": kpi["floor"]["status"],
            "target": kpi["target"]["value"] or "",
            "target_status": kpi["target"]["status"],
        }
        if not kpi["actuals"]:
            rows.append({**base, **dict.fromkeys(KPI_COLUMNS[13:], "")})
        for actual in kpi["actuals"]:
            rows.append(
                {
                    **base,
                    "period": actual["period"],
                    "period_start": actual["period_start"],
                    "period_end": actual["period_end"],
                    "value": actual["value"],
                    "shown_as": actual["shown_as"],
                    "rag": actual["rag"],
                    "commentary": actual["commentary"],
                    "entered_at": actual["entered_at"],
                }
            )
    return rows


def activity_csv_rows(*, export: dict) -> list[dict]:
    rows = []
    for indicator in export["activity_indicators"]:
        base = {
            **export["plan"],
            "reference": indicator["reference"],
            "description": indicator["description"],
            "unit": indicator["unit"],
        }
        if not indicator["actuals"]:
            rows.append({**base, **dict.fromkeys(ACTIVITY_COLUMNS[6:], "")})
        for actual in indicator["actuals"]:
            quarter = actual["period"][-1]
            band = indicator["thresholds"].get(f"q{quarter}", {})
            rows.append(
                {
                    **base,
                    "period": actual["period"],
                    "period_start": actual["period_start"],
                    "period_end": actual["period_end"],
                    "value": actual["value"],
                    "lower_threshold": band.get("lower") or "",
                    "upper_threshold": band.get("upper") or "",
                    "range": actual["range"],
                    "commentary": actual["commentary"],
                    "entered_at": actual["entered_at"],
                }
            )
    return rows
