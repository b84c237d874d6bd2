"""Writes for indicators and periods."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max

from kcc_planning.locking import lock_bump
from plans.models import Plan, Priority

from .. import periods
from ..models import KPI_SLOTS, ActivityIndicator, Kpi, Period

KPI_FIELDS = frozenset(
    {
        "reference",
        "description",
        "business_as_usual",
        "unit",
        "scale_labels",
        "polarity",
        "frequency",
        "decimal_places",
        "owner",
        "previous_basis",
        "previous_as_at",
        *(f"{slot}{suffix}" for slot in KPI_SLOTS for suffix in ("", "_status")),
    }
)
ACTIVITY_FIELDS = frozenset(
    {
        "reference",
        "description",
        "unit",
        "decimal_places",
        "owner",
        "year_total",
        "tracking_note",
        "previous",
        "previous_status",
        "benchmark",
        "benchmark_status",
        *(f"{band}_{edge}" for band in ("q1", "q2", "q3", "q4") for edge in ("lower", "upper")),
    }
)


def period_get_or_create(*, code: str) -> Period:
    """The stored period for ``code`` (``2017-Q2``); raises ``periods.PeriodError`` for a code that names none."""
    spec = periods.parse(code)
    found = Period.objects.filter(code=spec.code).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return Period.objects.create(code=spec.code, kind=spec.kind, starts_on=spec.starts_on, ends_on=spec.ends_on)
    except IntegrityError:
        # Another request stored it between our read and write.
        return Period.objects.get(code=spec.code)


def _reference_taken(plan: Plan, reference: str, *, exclude: Kpi | ActivityIndicator | None) -> bool:
    """References are unique across a plan's KPIs and activity indicators, so an import row names one indicator."""
    if not reference:
        return False
    kpis = Kpi.objects.filter(plan=plan, reference__iexact=reference)
    activity = ActivityIndicator.objects.filter(plan=plan, reference__iexact=reference)
    if isinstance(exclude, Kpi) and exclude.pk:
        kpis = kpis.exclude(pk=exclude.pk)
    if isinstance(exclude, ActivityIndicator) and exclude.pk:
        activity = activity.exclude(pk=exclude.pk)
    return kpis.exists() or activity.exists()


def _next_position(queryset) -> int:
    return (queryset.aggregate(top=Max("position"))["top"] or 0) + 1


def _apply(instance, values: dict, allowed: frozenset[str]) -> None:
    unknown = set(values) - allowed
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    for name, value in values.items():
        setattr(instance, name, value)
    if isinstance(instance.reference, str):
        instance.reference = instance.reference.strip()


@transaction.atomic
def kpi_save(
    *,
    plan: Plan,
    values: dict,
    priorities: Iterable[Priority] = (),
    kpi: Kpi | None = None,
    lock_version: int | None = None,
) -> Kpi:
    """Create or update a KPI of ``plan``; raises ``ValidationError`` (by field) and saves nothing on bad input.

    ``lock_version``: the version the edit page was loaded with; ``EditConflict`` if the KPI was saved since.
    """
    if kpi is not None and kpi.plan_id != plan.pk:
        raise ValidationError("This indicator belongs to another plan.")
    if kpi is None:
        kpi = Kpi(plan=plan, position=_next_position(Kpi.objects.filter(plan=plan)))
    else:
        lock_bump(instance=kpi, submitted=lock_version)
    _apply(kpi, values, KPI_FIELDS)
    priorities = list(priorities)
    errors: dict[str, list[str]] = {}
    if any(priority.plan_id != plan.pk for priority in priorities):
        errors["priorities"] = ["Choose priorities of this plan only."]
    if kpi.business_as_usual and priorities:
        errors["priorities"] = ["An indicator is either business as usual or linked to priorities, not both."]
    if _reference_taken(plan, kpi.reference, exclude=kpi):
        errors["reference"] = [f"Another indicator of this plan already has the reference {kpi.reference}."]
    try:
        # Model.clean() checks every rule the CheckConstraints hold, with explanations; validating the
        # constraints again would cost a query each (two dozen per KPI), and the database enforces them anyway.
        kpi.full_clean(validate_constraints=False)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    kpi.save()
    kpi.priorities.set(priorities)
    return kpi


@transaction.atomic
def activity_indicator_save(
    *, plan: Plan, values: dict, indicator: ActivityIndicator | None = None, lock_version: int | None = None
) -> ActivityIndicator:
    """Create or update an activity indicator of ``plan``; raises ``ValidationError`` and saves nothing on bad input.

    ``lock_version`` as for ``kpi_save``.
    """
    if indicator is not None and indicator.plan_id != plan.pk:
        raise ValidationError("This indicator belongs to another plan.")
    if indicator is None:
        indicator = ActivityIndicator(plan=plan, position=_next_position(ActivityIndicator.objects.filter(plan=plan)))
    else:
        lock_bump(instance=indicator, submitted=lock_version)
    _apply(indicator, values, ACTIVITY_FIELDS)
    errors: dict[str, list[str]] = {}
    if _reference_taken(plan, indicator.reference, exclude=indicator):
        errors["reference"] = [f"Another indicator of this plan already has the reference {indicator.reference}."]
    try:
        indicator.full_clean(validate_constraints=False)  # as for KPIs: clean() covers the constraints
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    indicator.save()
    return indicator
