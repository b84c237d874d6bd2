"""Demo data: the seeds' KPI and activity tables, loaded into the demo plans by ``load_demo``.

``fixtures/performance_*.json`` hold the tables as printed (figures as text:
"98%", "£6.5m", "NEW", "Achieve"). ``load`` finds each plan by year,
directorate and division name, then writes every indicator through the
services, so fixtures obey the same rules as officers (a floor better than its
target is refused). Running it again changes nothing: an indicator already
there (same plan and reference, or description where there is no reference)
is kept with whatever officers have entered since, as ``load_demo`` promises
(``make run`` loads the demo every time). A plan the demo has not created is
skipped with a note. A plan's ``actuals`` (figures officers reported, e.g. the 2017-18 Q1 and Q2 ones the demo's
mid-year report shows) go through the spreadsheet import's checks, once: a plan with any actual keeps them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from plans.models import Plan, PlanKind
from plans.months import parse_month

from .importing.files import RawRow
from .models import KPI_SLOTS, QUARTERS, ActivityIndicator, EntrySource, Kpi, KpiActual
from .services import activity_indicator_save, kpi_save
from .services.imports import ImportRejected, import_rows_commit
from .values import BadValue, parse_stated, parse_value

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"


class PerformanceDemoError(Exception):
    """A fixture that cannot be loaded as written; nothing of its plan was changed."""


@dataclass
class PlanLoad:
    label: str
    plan: Plan | None = None
    kpis: int = 0
    activity: int = 0
    kept: int = 0
    actuals: int = 0
    notes: list[str] = field(default_factory=list)


def _normal(name: str) -> str:
    return re.sub(r"\s+", " ", name.replace("&", "and")).strip().casefold()


def _find_plan(spec: dict) -> Plan | None:
    start_year = int(str(spec["plan_year"])[:4])
    candidates = Plan.objects.filter(directorate__plan_year__start_year=start_year).select_related(
        "directorate__plan_year", "division"
    )
    directorate = _normal(spec["directorate"])
    division = _normal(spec["division"]) if spec.get("division") else None
    for plan in candidates:
        if _normal(plan.directorate.name) != directorate:
            continue
        if division is None and plan.kind == PlanKind.DIRECTORATE:
            return plan
        if division is not None and plan.division_id and _normal(plan.division.name) == division:
            return plan
    return None


def _cells(spec: dict, slots, unit: str, scale_labels: list[str], places: int, where: str) -> dict:
    values = {}
    for slot in slots:
        try:
            status, value = parse_stated(spec.get(slot, ""), unit=unit, scale_labels=scale_labels, places=places)
        except BadValue as error:
            raise PerformanceDemoError(f"{where}, {slot}: {error}") from None
        values[f"{slot}_status"], values[slot] = status, value
    return values


def _kpi_values(spec: dict, where: str) -> dict:
    unit = spec.get("unit", "percentage")
    scale_labels = list(spec.get("scale_labels", []))
    places = int(spec.get("decimal_places", 0))
    as_at = parse_month(spec["previous_as_at"]) if spec.get("previous_as_at") else None
    return {
        "reference": spec.get("reference", ""),
        "description": spec["description"],
        "business_as_usual": str(spec.get("priorities", "")).strip().upper() == "BAU",
        "unit": unit,
        "scale_labels": scale_labels,
        "polarity": spec.get("polarity", "higher"),
        "frequency": spec.get("frequency", "quarterly"),
        "decimal_places": places,
        "previous_basis": spec.get("previous_basis", "outturn"),
        "previous_as_at": as_at,
        **_cells(spec, KPI_SLOTS, unit, scale_labels, places, where),
    }


def _priorities(plan: Plan, text: str, where: str) -> list:
    if not text or text.strip().upper() == "BAU":
        return []
    ordered = list(plan.priorities.order_by("position", "id"))
    chosen = []
    for number in (int(part) for part in re.findall(r"\d+", text)):
        if not 1 <= number <= len(ordered):
            raise PerformanceDemoError(f"{where}: the plan has no priority {number}")
        chosen.append(ordered[number - 1])
    return chosen


def _activity_values(spec: dict, where: str) -> dict:
    unit = spec.get("unit", "count")
    places = int(spec.get("decimal_places", 0))
    values = {
        "reference": spec.get("reference", ""),
        "description": spec["description"],
        "unit": unit,
        "decimal_places": places,
        "year_total": spec.get("year_total", "sum"),
        "tracking_note": spec.get("tracking_note", ""),
        **_cells(spec, ("previous", "benchmark"), unit, [], places, where),
    }
    for edge in ("upper", "lower"):
        texts = spec.get(edge) or [""] * 4
        for quarter, text in zip(QUARTERS, texts, strict=True):
            try:
                values[f"q{quarter}_{edge}"] = parse_value(text, unit=unit, places=places) if text else None
            except BadValue as error:
                raise PerformanceDemoError(f"{where}, Q{quarter} {edge}: {error}") from None
    return values


def _existing(model, plan: Plan, spec: dict):
    reference = spec.get("reference", "")
    if reference:
        return model.objects.filter(plan=plan, reference=reference).first()
    return model.objects.filter(plan=plan, reference="", description=spec["description"]).first()


@transaction.atomic
def _load_plan(plan: Plan, spec: dict, result: PlanLoad) -> None:
    for kpi_spec in spec.get("kpis", []):
        where = f"{result.label} KPI {kpi_spec.get('reference') or kpi_spec['description'][:40]}"
        if _existing(Kpi, plan, kpi_spec) is not None:
            result.kept += 1
            continue
        try:
            kpi_save(
                plan=plan,
                kpi=None,
                values=_kpi_values(kpi_spec, where),
                priorities=_priorities(plan, str(kpi_spec.get("priorities", "")), where),
            )
        except ValidationError as error:
            raise PerformanceDemoError(f"{where}: {'; '.join(error.messages)}") from None
        result.kpis += 1
    for activity_spec in spec.get("activity_indicators", []):
        where = (
            f"{result.label} activity indicator {activity_spec.get('reference') or activity_spec['description'][:40]}"
        )
        if _existing(ActivityIndicator, plan, activity_spec) is not None:
            result.kept += 1
            continue
        try:
            activity_indicator_save(
                plan=plan,
                indicator=None,
                values=_activity_values(activity_spec, where),
            )
        except ValidationError as error:
            raise PerformanceDemoError(f"{where}: {'; '.join(error.messages)}") from None
        result.activity += 1
    rows = spec.get("actuals", [])
    if rows and not KpiActual.objects.filter(kpi__plan=plan).exists():
        raw = [
            RawRow(line, row["reference"], row["period"], row["value"], row.get("commentary", ""))
            for line, row in enumerate(rows, start=1)
        ]
        try:
            result.actuals = import_rows_commit(plan=plan, raw_rows=raw, user=None, source=EntrySource.COMMAND).created
        except ImportRejected as error:
            problems = "; ".join(f"row {e.line} {e.column}: {e.message}" for e in error.check.errors[:3])
            raise PerformanceDemoError(f"{result.label} actuals: {problems}") from None


def approval_edit(*, plan: Plan, spec: dict) -> int:
    """The officers' edits to indicators before a demo plan goes for approval (``fixtures/approval_*.json``,
    ``indicator_edits``): e.g. a floor the draft left blank, now stated. Returns how many were saved."""
    count = 0
    for edit in spec.get("indicator_edits", []):
        where = f"{plan.unit_name} KPI {edit.get('reference') or edit['description'][:40]}"
        kpi = Kpi.objects.filter(
            plan=plan, reference=edit.get("reference", ""), description=edit["description"]
        ).first()
        if kpi is None:
            raise PerformanceDemoError(f"{where}: the plan has no such KPI")
        slots = [slot for slot in KPI_SLOTS if slot in edit]
        values = _cells(edit, slots, kpi.unit, list(kpi.scale_labels), kpi.decimal_places, where)
        try:
            kpi_save(plan=plan, kpi=kpi, values=values, priorities=list(kpi.priorities.all()))
        except ValidationError as error:
            raise PerformanceDemoError(f"{where}: {'; '.join(error.messages)}") from None
        count += 1
    return count


def load(*, stdout=None, fixtures_dir: Path | None = None) -> list[PlanLoad]:
    """Load every ``performance_*.json`` fixture into the demo plans that exist; safe to run again."""
    results = []
    for path in sorted((fixtures_dir or FIXTURES_DIR).glob("performance_*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        for spec in document.get("plans", []):
            label = f"{spec.get('division') or spec['directorate']} {spec['plan_year']}"
            result = PlanLoad(label)
            result.plan = _find_plan(spec)
            if result.plan is None:
                result.notes.append(f"no {label} plan in the database, so its indicators were not loaded")
            else:
                _load_plan(result.plan, spec, result)
            results.append(result)
    if stdout is not None:
        for result in results:
            if result.plan is not None:
                kept = f" ({result.kept} already there, kept as they are)" if result.kept else ""
                stdout.write(
                    f"Performance: {result.kpis} KPIs and {result.activity} activity indicators loaded into "
                    f"{result.label}{kept}" + (f", with {result.actuals} actuals." if result.actuals else ".")
                )
            for note in result.notes:
                stdout.write(f"  Note: {note}.")
    return results
