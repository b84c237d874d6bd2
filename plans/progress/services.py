"""Writing progress on an approved plan. Nothing of the plan itself is touched: not its text, numbering,
version or snapshots; each update is a row of its own beside the action or milestone it reports on."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from kcc_planning.locking import ABSENT, EditConflict, stale_versions
from kcc_planning.validation import text_errors

from .. import periods
from ..models import PROGRESS_STATUSES, Action, Milestone, Plan, ProgressStatus, ProgressUpdate, ReportingPeriod
from .selectors import ItemKey, plan_period_get

# What a row carries besides its item; compared to tell a real change from a resubmission.
VALUE_FIELDS = ("status", "commentary", "revised_date", "revised_reason", "achieved_on")


@dataclass(frozen=True)
class RowInput:
    """One action's or milestone's progress as typed. ``version`` is the stored update's ``lock_version`` when
    the page was loaded (``locking.ABSENT`` if there was none), or None to skip the check (scripts, the demo)."""

    item: Action | Milestone
    status: str
    commentary: str = ""
    revised_date: datetime.date | None = None
    revised_reason: str = ""
    achieved_on: datetime.date | None = None
    version: int | None = None

    @property
    def key(self) -> ItemKey:
        return ("action" if isinstance(self.item, Action) else "milestone", self.item.pk)


class ProgressRefused(ValidationError):
    """The plan or period does not take progress now (not approved, period not open yet)."""


class ProgressConflict(EditConflict):
    """Someone else saved some of these rows after the page was loaded; nothing was saved.
    ``changed`` lists (item, its update as now stored, or None)."""

    def __init__(self, changed: list[tuple[Action | Milestone, ProgressUpdate | None]]):
        Exception.__init__(self, "Progress on this page was changed by someone else since you opened it.")
        self.saved = None
        self.changed = changed


class ProgressRowErrors(Exception):
    """Field errors per row (``{item key: {field: [messages]}}``); nothing was saved."""

    def __init__(self, errors: dict[ItemKey, dict[str, list[str]]]):
        super().__init__(f"{len(errors)} row(s) could not be saved.")
        self.errors = errors


def period_refusal(*, plan: Plan, period: ReportingPeriod, today: datetime.date) -> str:
    """Why progress cannot be recorded for this plan and period today, or "" if it can."""
    if plan.status not in PROGRESS_STATUSES:
        return f"Progress can only be recorded on an approved plan. This plan is {plan.get_status_display().lower()}."
    if not periods.is_open(period, today):
        return f"{periods.period_label(period.code)} opens for progress updates on {period.opens_on:%-d %B %Y}."
    return ""


def period_store(period: ReportingPeriod) -> ReportingPeriod:
    """The period as stored, storing it first if it was only computed (the first update or reminder in it)."""
    if period.pk is not None:
        return period
    stored, _created = ReportingPeriod.objects.get_or_create(
        plan=period.plan,
        code=period.code,
        defaults={
            "kind": period.kind,
            "starts_on": period.starts_on,
            "ends_on": period.ends_on,
            "opens_on": period.opens_on,
            "closes_on": period.closes_on,
        },
    )
    return stored


def _row_errors(row: RowInput) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = dict(
        text_errors({"commentary": row.commentary, "revised_reason": row.revised_reason})
    )
    if row.revised_date is not None and not row.revised_reason.strip():
        errors.setdefault("revised_reason", []).append("Enter the reason the date has changed")
    if row.achieved_on is not None and row.key[0] == "action":
        errors.setdefault("achieved_on", []).append("Only a milestone has a date achieved")
    elif row.achieved_on is not None and row.status != ProgressStatus.COMPLETE:
        errors.setdefault("status", []).append("Select Complete for a milestone that has been achieved")
    elif row.key[0] == "milestone" and row.status == ProgressStatus.COMPLETE and row.achieved_on is None:
        errors.setdefault("achieved_on", []).append("Enter the date the milestone was achieved")
    return errors


@transaction.atomic
def progress_save(
    *,
    plan: Plan,
    period_code: str,
    rows: list[RowInput],
    user: User | None,
    today: datetime.date | None = None,
) -> list[ProgressUpdate]:
    """Record progress on some of a plan's actions and milestones for one period; all of them or none.

    Refused (``ProgressRefused``) on a plan that is not approved or a period not yet open; rows someone else
    saved since the page was loaded raise ``ProgressConflict``; bad rows raise ``ProgressRowErrors``. A row
    that is exactly as stored is left alone (no new history). Returns the updates written.
    """
    today = today or timezone.localdate()
    period = plan_period_get(plan=plan, code=period_code)
    if message := period_refusal(plan=plan, period=period, today=today):
        raise ProgressRefused(message)
    _check_items(plan=plan, rows=rows)
    period = period_store(period)
    # Locking the period's updates for these items makes read-compare-write safe against a second save.
    action_ids = [row.item.pk for row in rows if row.key[0] == "action"]
    milestone_ids = [row.item.pk for row in rows if row.key[0] == "milestone"]
    existing = {
        (("action", u.action_id) if u.action_id else ("milestone", u.milestone_id)): u
        for u in ProgressUpdate.objects.select_for_update(of=("self",))  # updated_by is an outer join
        .filter(period=period)
        .filter(_item_filter(action_ids, milestone_ids))
        .select_related("updated_by")
    }
    by_key = {row.key: row for row in rows}
    stale = stale_versions(
        stored={key: update.lock_version for key, update in existing.items()},
        submitted={key: row.version for key, row in by_key.items()},
    )
    if stale:
        raise ProgressConflict([(by_key[key].item, existing.get(key)) for key in stale])
    errors: dict[ItemKey, dict[str, list[str]]] = {}
    written = []
    for key, row in by_key.items():
        update = existing.get(key) or ProgressUpdate(period=period, **{key[0]: row.item})
        values = {name: getattr(row, name) for name in VALUE_FIELDS}
        if update.pk is not None and all(getattr(update, name) == value for name, value in values.items()):
            continue
        for name, value in values.items():
            setattr(update, name, value)
        update.updated_by = user
        update.lock_version = (update.lock_version + 1) if update.pk is not None else ABSENT + 1
        row_errors = _row_errors(row)
        if not row_errors:
            try:
                # The constraints are checked by _row_errors (with messages for people) and the rows are locked
                # above, so no query per row here.
                update.full_clean(validate_unique=False, validate_constraints=False)
            except ValidationError as error:
                row_errors = error.message_dict
        if row_errors:
            errors[key] = row_errors
            continue
        written.append(update)
    if errors:
        raise ProgressRowErrors(errors)
    for update in written:
        # The history row names who saved it outside a request too (a script, the demo, a task).
        update._history_user = user
        update.save()
    return written


def _item_filter(action_ids: list[int], milestone_ids: list[int]) -> Q:
    return Q(action_id__in=action_ids) | Q(milestone_id__in=milestone_ids)


def _check_items(*, plan: Plan, rows: list[RowInput]) -> None:
    """Every row is an action or milestone of this plan (a tampered form names another plan's)."""
    action_ids = {row.item.pk for row in rows if row.key[0] == "action"}
    milestone_ids = {row.item.pk for row in rows if row.key[0] == "milestone"}
    own_actions = set(Action.objects.filter(priority__plan=plan, pk__in=action_ids).values_list("pk", flat=True))
    own_milestones = set(
        Milestone.objects.filter(priority__plan=plan, pk__in=milestone_ids).values_list("pk", flat=True)
    )
    if action_ids - own_actions or milestone_ids - own_milestones:
        raise ProgressRefused("Some of these rows are not actions or milestones of this plan.")
