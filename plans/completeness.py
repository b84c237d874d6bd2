"""What must be filled in before a plan can go forward, each problem said once and linked to its fix.

The path to approval refuses a step while any problem remains; the approval page lists them with links,
and the plan's task list shows a section with a problem as in progress. The apps above ``plans`` add
their own checks (``extensions.register_completeness_check``) returning the same ``Problem``.
"""

from django.urls import reverse

from . import extensions
from .extensions import Problem
from .models import Plan
from .selectors import plan_priorities


def _action_problems(*, plan: Plan) -> list[Problem]:
    problems = []
    priorities = plan_priorities(plan=plan)
    if not priorities:
        href = reverse("plans:section_edit", args=[plan.pk, "priorities"])
        return [Problem("Add at least one priority.", f"{href}#priorities-heading", "priorities")]
    for priority in priorities:
        page = reverse("plans:priority_edit", args=[plan.pk, priority.pk])
        name = f"Priority {priority.number} ({priority.title})"
        if plan.division_id and not priority.top_actions:
            problems.append(Problem(f"{name} has no actions.", f"{page}#actions-heading", "priorities"))
        # The edit page lists each top-level action, then its sub-actions: a row's form index follows that order.
        rows = [row for action in priority.top_actions for row in (action, *action.children)]
        for index, action in enumerate(rows):
            # A top-level action with sub-actions is a heading (as in the seed); its sub-actions carry the officers.
            if getattr(action, "children", None) or action.accountable_officer.strip():
                continue
            problems.append(
                Problem(
                    f"{name}: action {action.number} ({action.title}) is without an accountable officer.",
                    f"{page}#id_actions-{index}-accountable_officer",
                    "priorities",
                )
            )
    return problems


def plan_completeness_problems(*, plan: Plan) -> list[Problem]:
    """Every problem with ``plan``, its own first, then those of every registered check; each once."""
    problems = _action_problems(plan=plan) + extensions.completeness_problems(plan=plan)
    return list(dict.fromkeys(problems))
