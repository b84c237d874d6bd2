"""Checking rows of actuals against a plan's indicators, periods and units, before anything is written."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from kcc_planning.validation import text_errors
from plans.models import Plan

from .. import periods, schedule
from ..models import ActivityActual, ActivityIndicator, Kpi, KpiActual
from ..values import BadValue, format_value, parse_value
from .files import COMMENTARY_LIMIT, RawRow


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
        # Only the start of a file is checked for binary data, so a NUL further on reaches here.
        row_errors.extend(
            RowError(raw.line, "commentary", message)
            for message in text_errors({"commentary": raw.commentary}).get("commentary", [])
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
