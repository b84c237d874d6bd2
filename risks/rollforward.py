"""Carrying a unit's risks into its register for next year, when its plan is rolled forward (issue 12).

Registered from ``RisksConfig.ready()`` as a ``plans.extensions`` roll-forward hook: ``plans`` never
imports this app. The risk keeps its reference, words, owners, controls, ratings and the actions not
yet done, and links to last year's risk (``carried_from``); the next review date is cleared, because a
new year's register is reviewed afresh, and last year's reviews stay with last year's risk. The
priorities it threatens follow to the carried priorities of the new plan.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from plans.models import Plan, Priority
from plans.rollforward.carry import checked as check_rows

from .models import Control, Register, RegisterLevel, Risk, RiskAction, RiskOwner
from .selectors.registers import plan_register
from .services import register_create

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# Set here on new rows: only each row's own fields are checked.
_LINKS = ["register", "risk", "person", "carried_from"]
_checked = partial(check_rows, links=_LINKS)


def _target_register(target: Plan) -> tuple[Register, bool]:
    register = plan_register(plan=target)
    if register is not None:
        return register, False
    if target.division_id:
        return register_create(level=RegisterLevel.DIVISION, division=target.division), True
    return register_create(level=RegisterLevel.DIRECTORATE, directorate=target.directorate), True


def risks_roll_forward(
    *, source: Plan, target: Plan, priorities: dict[int, Priority], actor: User | None = None
) -> list[str]:
    """Copy the risks of ``source``'s unit register into ``target``'s (made if missing); sentences for the officer."""
    register = plan_register(plan=source)
    if register is None:
        return []
    old_risks = list(register.risks.order_by("position", "id").prefetch_related("ownerships", "controls", "actions"))
    if not old_risks:
        return []
    new_register, made = _target_register(target)
    taken = set(new_register.risks.values_list("reference", flat=True))
    kept = [risk for risk in old_risks if risk.reference not in taken]
    skipped = [risk.reference for risk in old_risks if risk.reference in taken]
    start = max(new_register.risks.values_list("position", flat=True), default=0)
    new_risks = _checked(
        [
            Risk(
                register=new_register,
                reference=old.reference,
                position=start + index,
                title=old.title,
                source_cause=old.source_cause,
                risk_events=old.risk_events,
                consequences=old.consequences,
                current_likelihood=old.current_likelihood,
                current_impact=old.current_impact,
                target_likelihood=old.target_likelihood,
                target_impact=old.target_impact,
                next_review_on=None,
                carried_from=old,
            )
            for index, old in enumerate(kept, start=1)
        ]
    )
    Risk.objects.bulk_create(new_risks)
    pairs = list(zip(kept, new_risks, strict=True))
    RiskOwner.objects.bulk_create(
        _checked(
            [
                RiskOwner(risk=new, person_id=o.person_id, role=o.role, position=o.position)
                for old, new in pairs
                for o in old.ownerships.all()
            ]
        )
    )
    Control.objects.bulk_create(
        _checked(
            [
                Control(risk=new, title=c.title, owner=c.owner, position=c.position)
                for old, new in pairs
                for c in old.controls.all()
            ]
        )
    )
    RiskAction.objects.bulk_create(
        _checked(
            [
                RiskAction(
                    risk=new, title=a.title, owner=a.owner, due_text=a.due_text, due_on=a.due_on, position=a.position
                )
                for old, new in pairs
                for a in old.actions.all()
                if not a.done
            ]
        )
    )
    threatened = Risk.priorities.through
    links = threatened.objects.filter(risk__in=kept, priority_id__in=priorities).values_list("risk_id", "priority_id")
    new_of = {old.pk: new for old, new in pairs}
    threatened.objects.bulk_create(
        [threatened(risk=new_of[risk_id], priority=priorities[priority_id]) for risk_id, priority_id in links]
    )
    where = f"{'a new register, ' if made else ''}{new_register.display_title}"
    notes = [f"{len(new_risks)} risks carried into {where}, with their next review dates cleared."]
    if skipped:
        notes.append(f"Not carried, because {new_register.display_title} already has them: {', '.join(skipped)}.")
    return notes
