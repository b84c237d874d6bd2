"""What of last year's plan goes into next year's draft: the unfinished work, and words on last year's progress.

Unfinished means the latest progress update of the year (its year-end status, or the last word if the
year-end update is missing) is neither complete nor cancelled, or there is no update at all. Completed
and cancelled actions stay behind; a priority stays behind only when it had actions and all of them are
finished. Carried rows keep their words and accountable officer, lose their dates (each year's dates
are entered afresh) and link to the row they came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from simple_history.utils import bulk_create_with_history

from ..models import Action, Milestone, Plan, Priority, PriorityProgress
from ..models.content import TEXT_LIMIT
from ..models.progress import CLOSED_STATUSES, ProgressStatus, ProgressUpdate
from ..progress.selectors import latest_updates

# Carried rows are new rows of a new plan: their foreign keys are set here, so only their own fields are checked.
_LINKS = ["priority", "plan", "parent", "action", "carried_from"]
TITLE_SHOWN = 120


@dataclass
class YearEnd:
    """The latest progress update of the year for each action and milestone (id → update)."""

    actions: dict[int, ProgressUpdate] = field(default_factory=dict)
    milestones: dict[int, ProgressUpdate] = field(default_factory=dict)

    @classmethod
    def of(cls, plan: Plan) -> YearEnd:
        """Each item's word from the latest period it was reported in (one query)."""
        year_end = cls()
        for (kind, item_id), update in latest_updates(plan_ids=[plan.pk])[plan.pk].items():
            (year_end.actions if kind == "action" else year_end.milestones)[item_id] = update
        return year_end

    def action_finished(self, action: Action) -> bool:
        update = self.actions.get(action.pk)
        return update is not None and update.status in CLOSED_STATUSES

    def milestone_finished(self, milestone: Milestone) -> bool:
        update = self.milestones.get(milestone.pk)
        return update is not None and (update.status in CLOSED_STATUSES or update.achieved_on is not None)


@dataclass
class Carried:
    """What was carried, for the confirmation message and the hooks of other apps (old priority id → new)."""

    priorities: dict[int, Priority] = field(default_factory=dict)
    actions: dict[int, Action] = field(default_factory=dict)
    milestones: dict[int, Milestone] = field(default_factory=dict)
    actions_left: int = 0
    priorities_left: int = 0


def checked(rows: list, *, links=_LINKS) -> list:
    """Rows made by a roll forward, each checked like a form's (``full_clean``) before the bulk insert.

    Their foreign keys (``links``) are set by the roll forward itself, so only the rows' own fields are
    checked; the database's constraints check the rest on insert, inside the roll-forward transaction.
    """
    for row in rows:
        row.full_clean(exclude=links, validate_unique=False, validate_constraints=False)
    return rows


def carry_priorities(*, priorities: list[Priority], target: Plan, year_end: YearEnd, actor=None) -> Carried:
    """Copy the unfinished ones of last year's ``priorities`` (numbered, from ``plan_priorities``) into ``target``."""
    carried = Carried()
    kept: list[tuple[Priority, list[Action], list[Milestone]]] = []
    for priority in priorities:
        actions = [action for action in priority.actions.all() if not year_end.action_finished(action)]
        carried.actions_left += len(priority.actions.all()) - len(actions)
        if priority.actions.all() and not actions:
            carried.priorities_left += 1
            continue
        kept.append((priority, actions, [m for m in priority.milestones.all() if not year_end.milestone_finished(m)]))

    new_priorities = checked(
        [
            Priority(plan=target, title=p.title, description=p.description, position=index, carried_from=p)
            for index, (p, _, _) in enumerate(kept, start=1)
        ]
    )
    bulk_create_with_history(new_priorities, Priority, default_user=actor)
    new_priority_of = {}
    for (old, _, _), new in zip(kept, new_priorities, strict=True):
        carried.priorities[old.pk] = new
        new_priority_of[old.pk] = new

    # Top-level actions first, so sub-actions can point at their carried parent; a sub-action whose
    # parent was finished becomes a top-level action of its own.
    carried_ids = {action.pk for _, actions, _ in kept for action in actions}
    tops = [a for _, actions, _ in kept for a in actions if a.parent_id not in carried_ids]
    subs = [a for _, actions, _ in kept for a in actions if a.parent_id in carried_ids]
    for batch in (tops, subs):
        rows = checked([_carried_action(a, new_priority_of[a.priority_id], carried.actions) for a in batch])
        bulk_create_with_history(rows, Action, default_user=actor)
        carried.actions.update({old.pk: new for old, new in zip(batch, rows, strict=True)})

    milestones = checked(
        [
            Milestone(
                priority=new_priority_of[old.priority_id],
                title=old.title,
                action=carried.actions.get(old.action_id),
                position=old.position,
                carried_from=old,
            )
            for _, _, kept_milestones in kept
            for old in kept_milestones
        ]
    )
    bulk_create_with_history(milestones, Milestone, default_user=actor)
    carried.milestones = {m.carried_from_id: m for m in milestones}
    return carried


def _carried_action(old: Action, priority: Priority, carried: dict[int, Action]) -> Action:
    return Action(
        priority=priority,
        parent=carried.get(old.parent_id),
        title=old.title,
        accountable_officer=old.accountable_officer,
        position=old.position,
        carried_from=old,
    )


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TITLE_SHOWN else text[: TITLE_SHOWN - 1].rstrip() + "…"


def _progress_line(label: str, title: str, update: ProgressUpdate | None) -> str:
    if update is None:
        return f"{label} {_short(title)}: no progress recorded."
    status = ProgressStatus(update.status).label
    line = f"{label} {_short(title)}: {status.lower()}"
    if update.achieved_on:
        line += f" ({update.achieved_on:%B %Y})"
    commentary = " ".join(update.commentary.split())
    return f"{line}. {commentary}" if commentary else f"{line}."


def progress_rows(*, priorities: list[Priority], target: Plan, year_end: YearEnd, actor=None) -> list[PriorityProgress]:
    """Section D, "progress on last year's priorities": one row per priority, one point per action and milestone.

    Each point is the item's latest status and commentary, so the officer starts from what was reported
    and edits it into prose (the rows are ordinary section D rows, editable like any other).
    """
    rows = []
    for position, priority in enumerate(priorities, start=1):
        points = [
            _progress_line(f"Action {action.number}", action.title, year_end.actions.get(action.pk))
            for top in priority.top_actions
            for action in (top, *top.children)
        ]
        points += [
            _progress_line(f"Milestone {milestone.letter}", milestone.title, year_end.milestones.get(milestone.pk))
            for milestone in priority.milestones.all()
        ]
        text = ""
        for point in points:
            if len(text) + len(point) + 1 > TEXT_LIMIT:
                break
            text = f"{text}\n{point}" if text else point
        rows.append(PriorityProgress(plan=target, title=priority.title, progress=text, position=position))
    checked(rows)
    bulk_create_with_history(rows, PriorityProgress, default_user=actor)
    return rows
