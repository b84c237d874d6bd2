"""Plans of realistic size for the benchmarks, built when the demo data is not loaded.

The HR-sized plan mirrors the Human Resources divisional plan 2013-14 in
seed 001: 6 priorities, 28 top-level actions, 60 sub-actions, milestones
citing actions, one key decision per priority, critical functions and
support requests. The wording is the seed's style, not its exact text (the
demo fixtures carry the real plan; ``find_hr_plan`` uses it when loaded).
"""

from __future__ import annotations

from decimal import Decimal

from plans.models import (
    Action,
    CriticalFunction,
    Directorate,
    Division,
    KeyDecision,
    Milestone,
    NarrativeBlock,
    NarrativeSection,
    Plan,
    PlanKind,
    PlanYear,
    Priority,
    SupportRequest,
)

PRIORITIES = ("Prevention", "Productivity", "Partnerships", "Procurement", "People", "Financial and Policy Challenges")
# Top-level actions per priority (28 in all) and sub-actions under each (60 in all), as in the HR plan.
TOP_ACTIONS = (3, 6, 5, 3, 6, 5)
SUB_ACTIONS = (3, 2, 2, 2, 3, 2, 2, 1, 2, 2, 2, 2, 1, 1, 1, 2, 4, 1, 1, 1, 2, 3, 2, 2, 3, 2, 2, 1)
OFFICERS = ("Paul Royel", "Nigel Fairburn", "Julie Cudmore", "Helen Bale", "Jackie Turner-Robinson", "Karen Ray")
ACTION_TEXT = (
    "Support managers to deliver cultural and organisational change through new ways of working and by "
    "influencing behavioural norms, working through the OD Groups"
)


def find_hr_plan() -> Plan | None:
    """The demo Human Resources 2013-14 plan, when ``load_demo`` has been run."""
    return (
        Plan.objects.filter(
            kind=PlanKind.DIVISIONAL, division__name="Human Resources", directorate__plan_year__start_year=2013
        )
        .order_by("pk")
        .first()
    )


def build_hr_sized_plan(*, division_name: str = "Human Resources (benchmark)") -> Plan:
    year, _ = PlanYear.objects.get_or_create(start_year=2013)
    directorate, _ = Directorate.objects.get_or_create(plan_year=year, name="Business Strategy and Support")
    division = Division.objects.create(directorate=directorate, name=division_name)
    plan = Plan.objects.create(
        kind=PlanKind.DIVISIONAL,
        directorate=directorate,
        division=division,
        summary_portfolio="Roger Gough – Cabinet Member for Business Strategy, Performance & Health Reform",
        summary_corporate_director="Amanda Beer",
        summary_heads_of_service="N/A",
        summary_gross_expenditure="TBC – Feb 2013",
        summary_fte="TBC – Feb 2013",
    )
    paragraph = (
        "The purpose of HR is to enhance KCC's business performance, and support the delivery of service "
        "priorities, through the development and implementation of people focussed policies and strategies."
    )
    for position, (section, heading) in enumerate(
        [
            (NarrativeSection.ROLE_PURPOSE, ""),
            (NarrativeSection.MTP_CONTRIBUTION, "HELP THE ECONOMY GROW"),
            (NarrativeSection.MTP_CONTRIBUTION, "PUT THE CITIZEN IN CONTROL"),
            (NarrativeSection.MTP_CONTRIBUTION, "TACKLE DISADVANTAGE"),
        ]
    ):
        NarrativeBlock.objects.create(
            plan=plan, section=section, heading=heading, body="\n\n".join([paragraph] * 4), position=position
        )
    sub_counts = iter(SUB_ACTIONS)
    officer = 0
    for p_index, (title, top_count) in enumerate(zip(PRIORITIES, TOP_ACTIONS, strict=True)):
        priority = Priority.objects.create(
            plan=plan, title=title, description=f"HR contribution and support to {title.lower()}", position=p_index
        )
        actions = []
        for a_index in range(top_count):
            parent = Action.objects.create(priority=priority, title=ACTION_TEXT[:90], position=len(actions))
            actions.append(parent)
            for s_index in range(next(sub_counts)):
                officer += 1
                actions.append(
                    Action.objects.create(
                        priority=priority,
                        parent=parent,
                        title=f"{ACTION_TEXT} ({a_index + 1}.{s_index + 1})",
                        accountable_officer=OFFICERS[officer % len(OFFICERS)],
                        start_text="April 2013",
                        end_text="March 2014",
                        position=len(actions),
                    )
                )
        for m_index in range(4):
            Milestone.objects.create(
                priority=priority,
                title="Workforce Strategy to build capacity developed and agreed",
                action=actions[(m_index * 2 + 1) % len(actions)],
                due_text="June 2013",
                position=m_index,
            )
        KeyDecision.objects.create(priority=priority, description="N/A", position=0)
    for position, (function, timescale) in enumerate(
        [("Running of all payrolls", "3 days"), ("Health and Safety support to service areas", "4 hours")]
    ):
        CriticalFunction.objects.create(
            plan=plan,
            function=function,
            timescale=timescale,
            minimum_service_level="Payroll can still run but late changes would be adjusted at a later date",
            position=position,
        )
    for position in range(12):
        SupportRequest.objects.create(
            plan=plan,
            activity="Delivery of OD and People Plan",
            expected_impact="All Divisions",
            expected_date="Ongoing through year",
            position=position,
        )
    plan.fte_current = Decimal("463.8")
    plan.fte_estimate = Decimal("463.8")
    plan.save(update_fields=["fte_current", "fte_estimate"])
    return plan


def build_action_heavy_plan(*, actions: int, division_name: str) -> Plan:
    """A divisional plan with ``actions`` actions spread over 6 priorities (for query-count and timing work)."""
    year, _ = PlanYear.objects.get_or_create(start_year=2013)
    directorate, _ = Directorate.objects.get_or_create(plan_year=year, name="Business Strategy and Support")
    division = Division.objects.create(directorate=directorate, name=division_name)
    plan = Plan.objects.create(kind=PlanKind.DIVISIONAL, directorate=directorate, division=division)
    priorities = [
        Priority.objects.create(plan=plan, title=title, description="Description", position=index)
        for index, title in enumerate(PRIORITIES)
    ]
    made: list[Action] = []
    for index in range(actions):
        priority = priorities[index * len(priorities) // actions]
        # Every third action is a sub-action of the previous top-level action of the same priority.
        parent = next((a for a in reversed(made) if a.priority_id == priority.pk and a.parent_id is None), None)
        made.append(
            Action.objects.create(
                priority=priority,
                parent=parent if index % 3 and parent is not None else None,
                title=f"{ACTION_TEXT} {index}",
                accountable_officer=OFFICERS[index % len(OFFICERS)],
                start_text="April 2013",
                end_text="March 2014",
                position=index,
            )
        )
    for priority in priorities:
        Milestone.objects.create(priority=priority, title="Milestone", due_text="June 2013", position=0)
    return plan
