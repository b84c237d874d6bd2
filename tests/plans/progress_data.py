"""An approved 2017-18 divisional plan with actions and milestones, for the progress tests."""

import datetime
from dataclasses import dataclass

from plans.models import Directorate, PlanStatus

from ..factories import (
    ActionFactory,
    DirectorateFactory,
    DivisionalPlanFactory,
    DivisionFactory,
    MilestoneFactory,
    PlanYearFactory,
    PriorityFactory,
    officer_for,
)


@dataclass
class ApprovedPlan:
    plan: object
    officer: object
    actions: list
    milestones: list


def approved_plan(
    *,
    status: str = PlanStatus.APPROVED,
    officer_name: str = "hr_officer",
    priorities: int = 1,
    division: str = "Human Resources",
):
    """Human Resources 2017-18: per priority two actions (the second a sub-action) and two milestones, the first
    due June 2017, the second "Quarterly" (words, so never overdue)."""
    year = PlanYearFactory(start_year=2017)
    directorate = Directorate.objects.filter(plan_year=year, name="Strategic and Corporate Services").first()
    directorate = directorate or DirectorateFactory(plan_year=year, name="Strategic and Corporate Services")
    plan = DivisionalPlanFactory(division=DivisionFactory(directorate=directorate, name=division), status=status)
    actions, milestones = [], []
    for number in range(priorities):
        priority = PriorityFactory(plan=plan, title=f"Deliver the workforce strategy {number + 1}")
        top = ActionFactory(priority=priority, title="Refresh the workforce strategy", end_text="March 2018")
        actions += [top, ActionFactory(priority=priority, parent=top, title="Consult the trade unions")]
        milestones += [
            MilestoneFactory(
                priority=priority,
                action=top,
                title="Strategy agreed by CMT",
                due_text="June 2017",
                due_month=datetime.date(2017, 6, 1),
            ),
            MilestoneFactory(priority=priority, title="Workforce profile reported", due_text="Quarterly"),
        ]
    return ApprovedPlan(plan, officer_for(plan.division, officer_name), actions, milestones)
