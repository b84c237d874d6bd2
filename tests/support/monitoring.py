"""A 2017-18 divisional plan with Q1 and Q2 progress, KPIs and risks, for the monitoring report's tests.

Rows are stored directly (reads are tested here; the progress services are tested on their own).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from performance.models import Kpi
from plans.models import (
    Action,
    Milestone,
    Plan,
    PlanStatus,
    ProgressStatus,
    ProgressUpdate,
    ReportingPeriod,
)
from plans.periods import parse_code, unsaved_period
from plans.progress.services import period_store
from risks.models import Review, Risk

from ..factories import ActionFactory, MilestoneFactory, PriorityFactory
from ..performance.factories import KpiFactory, divisional_plan_2017, record
from ..risks.factories import DivisionRegisterFactory, RiskFactory


def approve(plan: Plan) -> Plan:
    """Mark a plan approved without walking the whole path (the workflow is tested elsewhere)."""
    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.APPROVED)
    plan.refresh_from_db()
    return plan


def period_for(plan: Plan, code: str) -> ReportingPeriod:
    return period_store(unsaved_period(plan=plan, dates=parse_code(code)))


def report(plan: Plan, code: str, item: Action | Milestone, status: str, **fields) -> ProgressUpdate:
    link = {"action": item} if isinstance(item, Action) else {"milestone": item}
    return ProgressUpdate.objects.create(period=period_for(plan, code), status=status, **link, **fields)


def review(risk: Risk, on: datetime.date, likelihood: int, impact: int) -> Review:
    Risk.objects.filter(pk=risk.pk).update(current_likelihood=likelihood, current_impact=impact)
    return Review.objects.create(
        risk=risk,
        reviewed_on=on,
        current_likelihood=likelihood,
        current_impact=impact,
        target_likelihood=2,
        target_impact=2,
        note="Reviewed.",
    )


@dataclass
class Monitored:
    plan: Plan
    actions: list[Action] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)
    kpis: list[Kpi] = field(default_factory=list)
    risks: list[Risk] = field(default_factory=list)


def monitored_plan(*, extra_actions: int = 0) -> Monitored:
    """Two priorities: five actions (one slipped), four milestones (one overdue, one met, one slipped), three
    KPIs (Green, Amber, Red at Q2) and three risks (up, down and new since the last review by 30 September).

    Q2 2017-18 expected: actions on track 2 (one carried from Q1), at risk 1, off track 1, complete 1;
    milestones complete 1, on track 1, at risk 1, not reported 1; due by 30 September 3, achieved 1,
    overdue 1 (B, due July 2017, at risk), slipped 1 (C, revised to December 2017).
    """
    plan = approve(divisional_plan_2017())
    first = PriorityFactory(plan=plan, title="Deliver the new operating model", position=1)
    second = PriorityFactory(plan=plan, title="Strengthen corporate assurance", position=2)
    actions = [
        ActionFactory(priority=first, title="Design the operating model", end_text="March 2018"),
        ActionFactory(priority=first, title="Consult staff on the model", end_text="June 2017"),
        ActionFactory(priority=first, title="Launch the traded services offer", end_text="September 2017"),
        ActionFactory(priority=second, title="Refresh the risk management strategy", end_text="December 2017"),
        ActionFactory(priority=second, title="Report the Annual Governance Statement", end_text="July 2017"),
    ]
    for index in range(extra_actions):
        actions.append(ActionFactory(priority=second, title=f"Further action {index + 1}"))
    milestones = [
        MilestoneFactory(
            priority=first, title="Model agreed", due_text="June 2017", due_month=datetime.date(2017, 6, 1)
        ),
        MilestoneFactory(
            priority=first, title="Offer launched", due_text="July 2017", due_month=datetime.date(2017, 7, 1)
        ),
        MilestoneFactory(
            priority=second, title="Strategy approved", due_text="September 2017", due_month=datetime.date(2017, 9, 1)
        ),
        MilestoneFactory(
            priority=second, title="Statement signed", due_text="March 2018", due_month=datetime.date(2018, 3, 1)
        ),
    ]
    report(plan, "2017-Q1", actions[0], ProgressStatus.ON_TRACK, commentary="Scoping under way.")
    report(plan, "2017-Q1", actions[1], ProgressStatus.ON_TRACK, commentary="Consultation opened in May.")
    report(plan, "2017-Q2", actions[0], ProgressStatus.ON_TRACK, commentary="Design work continues to plan.")
    # actions[1] not updated in Q2: still "on track", as reported for Q1.
    report(plan, "2017-Q2", actions[2], ProgressStatus.AT_RISK, commentary="Market testing has taken longer.")
    report(
        plan,
        "2017-Q2",
        actions[3],
        ProgressStatus.OFF_TRACK,
        commentary="Awaiting the corporate review.",
        revised_date=datetime.date(2018, 1, 31),
        revised_reason="The corporate review reports in December.",
    )
    report(plan, "2017-Q2", actions[4], ProgressStatus.COMPLETE, commentary="Statement approved in July.")
    report(
        plan,
        "2017-Q1",
        milestones[0],
        ProgressStatus.COMPLETE,
        commentary="Agreed by DMT.",
        achieved_on=datetime.date(2017, 6, 20),
    )
    report(plan, "2017-Q2", milestones[1], ProgressStatus.AT_RISK, commentary="Launch delayed by market testing.")
    report(
        plan,
        "2017-Q2",
        milestones[2],
        ProgressStatus.ON_TRACK,
        commentary="Draft strategy with CMT.",
        revised_date=datetime.date(2017, 12, 15),
        revised_reason="Governance and Audit Committee meets in December.",
    )
    # milestones[3] has no progress yet.

    kpis = [
        KpiFactory(plan=plan, reference="PI01", floor=Decimal("90"), target=Decimal("95")),
        KpiFactory(plan=plan, reference="PI02", floor=Decimal("90"), target=Decimal("95")),
        KpiFactory(plan=plan, reference="PI03", floor=Decimal("90"), target=Decimal("95")),
    ]
    for kpi, q1, q2 in zip(kpis, (94, 96, 91), (96, 92, 80), strict=True):
        record(kpi, "2017-Q1", q1)
        record(kpi, "2017-Q2", q2, commentary=f"{kpi.reference} commentary.")

    register = DivisionRegisterFactory(division=plan.division, plan_year=plan.plan_year)
    rising = RiskFactory(register=register, reference="R1", title="Loss of key staff", reviewed=False)
    review(rising, datetime.date(2017, 4, 10), 3, 3)
    review(rising, datetime.date(2017, 8, 1), 4, 4)
    review(rising, datetime.date(2017, 11, 1), 2, 2)  # after Q2: not in the mid-year report
    falling = RiskFactory(register=register, reference="R2", title="Income targets missed", reviewed=False)
    review(falling, datetime.date(2017, 4, 10), 4, 5)
    review(falling, datetime.date(2017, 9, 1), 3, 3)
    new = RiskFactory(register=register, reference="R3", title="Cyber attack", reviewed=False)
    review(new, datetime.date(2017, 9, 20), 2, 5)
    return Monitored(plan=plan, actions=actions, milestones=milestones, kpis=kpis, risks=[rising, falling, new])
