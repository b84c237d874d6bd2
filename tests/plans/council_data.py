"""A 2017-18 council for the council-wide view tests: directorates, divisions, approved plans, progress, KPIs, risks."""

import datetime
from dataclasses import dataclass, field

from plans.models import Plan, ProgressStatus

from ..factories import (
    ActionFactory,
    DirectorateFactory,
    DivisionalPlanFactory,
    DivisionFactory,
    MilestoneFactory,
    PersonFactory,
    PlanYearFactory,
    PortfolioFactory,
    PriorityFactory,
)
from ..performance.factories import KpiFactory, record
from ..risks.factories import DivisionRegisterFactory, RiskFactory
from .rollforward_data import approved, quarter, update

# A day in Q3 of 2017-18: Q1 and Q2 have been reported on.
TODAY = datetime.date(2017, 11, 15)


@dataclass
class Council:
    year: object
    plans: list[Plan] = field(default_factory=list)
    portfolios: list = field(default_factory=list)


def unit_plan(division, *, actions: int, statuses: list, milestone_month: datetime.date | None = None) -> Plan:
    """An approved divisional plan with ``actions`` actions; the first ones reported in Q2 with ``statuses``."""
    plan = DivisionalPlanFactory(division=division)
    priority = PriorityFactory(plan=plan, position=1)
    made = [ActionFactory(priority=priority, position=index) for index in range(actions)]
    approved(plan)
    q2 = quarter(plan, 2)
    for action, status in zip(made, statuses, strict=False):
        update(q2, action, status, f"Commentary on {action.title}.")
    if milestone_month is not None:
        MilestoneFactory(priority=priority, title="Policy agreed", due_text="June 2017", due_month=milestone_month)
    return plan


def council(directorates: int = 2, divisions: int = 2, actions: int = 3, name: str = "Directorate") -> Council:
    """``directorates`` × ``divisions`` approved plans; each with one off-track action, one overdue milestone,
    one red KPI and one high risk not reviewed since April, plus a draft plan that is not counted."""
    year = PlanYearFactory(start_year=2017)
    result = Council(year=year)
    for d in range(directorates):
        member = PersonFactory(name=f"Cabinet Member {d}", job_title="Cabinet Member")
        portfolio = PortfolioFactory(plan_year=year, title=f"{name} portfolio {d}", cabinet_member=member)
        result.portfolios.append(portfolio)
        directorate = DirectorateFactory(plan_year=year, name=f"{name} {d}")
        for v in range(divisions):
            division = DivisionFactory(directorate=directorate, name=f"Division {d}.{v}", portfolio=portfolio)
            plan = unit_plan(
                division,
                actions=actions,
                statuses=[ProgressStatus.OFF_TRACK, ProgressStatus.ON_TRACK],
                milestone_month=datetime.date(2017, 6, 1),
            )
            kpi = KpiFactory(plan=plan)
            record(kpi, "2017-Q2", "80")  # floor 90: red
            high = RiskFactory(
                register=DivisionRegisterFactory(division=division), current_likelihood=5, current_impact=4
            )
            high.reviews.update(reviewed_on=datetime.date(2017, 4, 1))
            result.plans.append(plan)
        DivisionalPlanFactory(division=DivisionFactory(directorate=directorate, name=f"Draft division {d}"))
    return result
