"""Writes for actuals: the period entry page and file imports share ``actuals_write``."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kcc_planning.locking import EditConflict, stale_versions
from plans.models import Plan

from .. import periods, schedule
from ..models import ActivityActual, ActivityIndicator, EntrySource, Kpi, KpiActual, Period
from .indicators import period_get_or_create

if TYPE_CHECKING:
    from django.contrib.auth.models import User

BATCH_SIZE = 1000


@dataclass(frozen=True)
class ActualEntry:
    """One figure to record; ``value`` None clears an actual entered in error."""

    indicator: Kpi | ActivityIndicator
    period: Period
    value: Decimal | None
    commentary: str = ""


@dataclass
class WriteResult:
    created: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0

    @property
    def changed(self) -> int:
        return self.created + self.updated + self.removed

    def summary(self) -> str:
        parts = [
            f"{count} {word}"
            for count, word in (
                (self.created, "added"),
                (self.updated, "changed"),
                (self.removed, "removed"),
                (self.unchanged, "unchanged"),
            )
            if count
        ]
        return ", ".join(parts) if parts else "nothing to record"


def _existing(entries: list[ActualEntry]) -> tuple[dict, dict]:
    """Stored actuals for the entries' indicators and periods, keyed by (indicator id, period id): two queries.

    The entries' indicators are locked first (in id order, so two writers never deadlock): a second writer of
    the same indicators waits for this transaction, then sees its figures, rather than both adding one.
    """
    kpi_ids = sorted({e.indicator.pk for e in entries if isinstance(e.indicator, Kpi)})
    activity_ids = sorted({e.indicator.pk for e in entries if isinstance(e.indicator, ActivityIndicator)})
    period_ids = {e.period.pk for e in entries}
    list(Kpi.objects.select_for_update().filter(pk__in=kpi_ids).order_by("pk").values_list("pk", flat=True))
    list(
        ActivityIndicator.objects.select_for_update()
        .filter(pk__in=activity_ids)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    kpi_actuals = (
        {(a.kpi_id, a.period_id): a for a in KpiActual.objects.filter(kpi_id__in=kpi_ids, period_id__in=period_ids)}
        if kpi_ids
        else {}
    )
    activity_actuals = (
        {
            (a.indicator_id, a.period_id): a
            for a in ActivityActual.objects.filter(indicator_id__in=activity_ids, period_id__in=period_ids)
        }
        if activity_ids
        else {}
    )
    return kpi_actuals, activity_actuals


@transaction.atomic
def actuals_write(*, entries: list[ActualEntry], user: User | None, source: str) -> WriteResult:
    """Record ``entries`` in one transaction, in bulk: new rows created, changed rows updated, cleared rows removed.

    Callers have checked the entries (indicator of the plan, period due, value
    in the unit): this only writes. Unchanged figures keep who entered them.
    """
    now = timezone.now()
    entered_by = user if getattr(user, "is_authenticated", False) else None
    kpi_actuals, activity_actuals = _existing(entries)
    result = WriteResult()
    new_kpi, new_activity, changed_kpi, changed_activity, gone_kpi, gone_activity = [], [], [], [], [], []
    for entry in entries:
        is_kpi = isinstance(entry.indicator, Kpi)
        stored = (kpi_actuals if is_kpi else activity_actuals).get((entry.indicator.pk, entry.period.pk))
        commentary = (entry.commentary or "").strip()  # over-long is refused by the callers and full_clean
        if entry.value is None:
            if stored is not None:
                (gone_kpi if is_kpi else gone_activity).append(stored.pk)
                result.removed += 1
            continue
        if stored is None:
            model, link = (KpiActual, "kpi") if is_kpi else (ActivityActual, "indicator")
            row = model(
                **{link: entry.indicator},
                period=entry.period,
                value=entry.value,
                commentary=commentary,
                entered_by=entered_by,
                entered_at=now,
                source=source,
            )
            row.full_clean(exclude=[link, "period", "entered_by"], validate_unique=False, validate_constraints=False)
            (new_kpi if is_kpi else new_activity).append(row)
            result.created += 1
        elif stored.value != entry.value or stored.commentary != commentary:
            stored.value, stored.commentary = entry.value, commentary
            stored.entered_by, stored.entered_at, stored.source = entered_by, now, source
            stored.lock_version += 1
            stored.full_clean(
                exclude=["kpi", "indicator", "period", "entered_by"], validate_unique=False, validate_constraints=False
            )
            (changed_kpi if is_kpi else changed_activity).append(stored)
            (gone_kpi if is_kpi else gone_activity).append(stored.pk)
            result.updated += 1
        else:
            result.unchanged += 1
    # A changed figure is replaced (deleted and inserted again, inside this transaction) rather than
    # updated: bulk_update builds one CASE expression per field and row, ten times slower for a
    # 10,000-row import. Nothing refers to an actual's id, and it keeps its indicator and period.
    for model, gone in ((KpiActual, gone_kpi), (ActivityActual, gone_activity)):
        for start in range(0, len(gone), BATCH_SIZE):
            model.objects.filter(pk__in=gone[start : start + BATCH_SIZE]).delete()
    for row in (*changed_kpi, *changed_activity):
        row.pk = None
    KpiActual.objects.bulk_create([*new_kpi, *changed_kpi], batch_size=BATCH_SIZE)
    ActivityActual.objects.bulk_create([*new_activity, *changed_activity], batch_size=BATCH_SIZE)
    return result


@dataclass(frozen=True)
class PeriodFigure:
    """A figure typed on the period entry page (already parsed in the indicator's unit).

    ``version`` is the stored actual's version when the page was loaded (``locking.ABSENT`` if there was none),
    or None to skip the check.
    """

    indicator: Kpi | ActivityIndicator
    value: Decimal | None
    commentary: str = ""
    version: int | None = None


class ActualsConflict(EditConflict):
    """Someone else entered, changed or removed figures on the page after it was loaded; nothing was saved.

    ``changed`` lists (indicator, its actual as now stored, or None if there is none now).
    """

    def __init__(self, changed: list[tuple[Kpi | ActivityIndicator, KpiActual | ActivityActual | None]]):
        Exception.__init__(self, "Figures on this page were changed by someone else since you opened it.")
        self.saved = None
        self.changed = changed


@transaction.atomic
def period_actuals_record(
    *, plan: Plan, period_code: str, figures: list[PeriodFigure], user: User | None, source: str = EntrySource.FORM
) -> WriteResult:
    """Record the period entry page: every figure is for ``plan`` and due in the period, or nothing is saved."""
    spec = periods.parse(period_code)
    start_year = plan.plan_year.start_year
    errors = []
    for figure in figures:
        if figure.indicator.plan_id != plan.pk:
            errors.append(f"{figure.indicator} is not an indicator of this plan.")
        elif message := schedule.wrong_period_message(figure.indicator, spec, start_year):
            errors.append(message)
    if errors:
        raise ValidationError(errors)
    period = period_get_or_create(code=spec.code)
    entries = [ActualEntry(f.indicator, period, f.value, f.commentary) for f in figures]
    kpi_actuals, activity_actuals = _existing(entries)  # locks the indicators until this transaction ends

    def stored(indicator):
        actuals = kpi_actuals if isinstance(indicator, Kpi) else activity_actuals
        return actuals.get((indicator.pk, period.pk))

    keys = {(type(f.indicator), f.indicator.pk): f for f in figures}
    stale = stale_versions(
        stored={key: actual.lock_version for key, f in keys.items() if (actual := stored(f.indicator))},
        submitted={key: f.version for key, f in keys.items()},
    )
    if stale:
        raise ActualsConflict([(keys[key].indicator, stored(keys[key].indicator)) for key in stale])
    return actuals_write(entries=entries, user=user, source=source)
