"""A plan year and its successor, with a renamed, a merged and a split division, for the roll-forward tests.

2017-18 Strategic and Corporate Services → 2018-19 (the same directorate, ``continues`` set):
- Human Resources → Human Resources and Organisational Development (renamed: linked by ``continues``)
- Finance → Finance and Procurement (linked); Procurement merged into it (not linked: a unit continues one)
- ICT → ICT Strategy and ICT Operations (split: both continue ICT)
"""

import datetime
from dataclasses import dataclass

from plans.models import Plan, PlanStatus, ProgressStatus, ProgressUpdate, ReportingPeriod

from ..factories import (
    ActionFactory,
    DirectorateFactory,
    DivisionalPlanFactory,
    DivisionFactory,
    MilestoneFactory,
    PlanYearFactory,
    PriorityFactory,
)


@dataclass
class Structure:
    y17: object
    y18: object
    d17: object
    d18: object
    hr17: object
    hr18: object
    fin17: object
    proc17: object
    fp18: object
    ict17: object
    ict_strategy: object
    ict_operations: object


def structure() -> Structure:
    y17, y18 = PlanYearFactory(start_year=2017), PlanYearFactory(start_year=2018)
    d17 = DirectorateFactory(plan_year=y17, name="Strategic and Corporate Services", short_name="S&CS")
    d18 = DirectorateFactory(plan_year=y18, name="Strategic and Corporate Services", short_name="S&CS", continues=d17)
    hr17 = DivisionFactory(directorate=d17, name="Human Resources")
    fin17 = DivisionFactory(directorate=d17, name="Finance")
    proc17 = DivisionFactory(directorate=d17, name="Procurement")
    ict17 = DivisionFactory(directorate=d17, name="ICT")
    return Structure(
        y17=y17,
        y18=y18,
        d17=d17,
        d18=d18,
        hr17=hr17,
        hr18=DivisionFactory(directorate=d18, name="Human Resources and Organisational Development", continues=hr17),
        fin17=fin17,
        proc17=proc17,
        fp18=DivisionFactory(directorate=d18, name="Finance and Procurement", continues=fin17),
        ict17=ict17,
        ict_strategy=DivisionFactory(directorate=d18, name="ICT Strategy", continues=ict17),
        ict_operations=DivisionFactory(directorate=d18, name="ICT Operations", continues=ict17),
    )


def approved(plan: Plan) -> Plan:
    """Marks the plan approved the way a finished path to approval leaves it (the workflow is tested elsewhere)."""
    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.APPROVED)
    plan.refresh_from_db()
    return plan


QUARTER_DAYS = {
    1: ((0, 4, 1), (0, 6, 30)),
    2: ((0, 7, 1), (0, 9, 30)),
    3: ((0, 10, 1), (0, 12, 31)),
    4: ((1, 1, 1), (1, 3, 31)),
}


def quarter(plan: Plan, number: int) -> ReportingPeriod:
    """Quarter ``number`` of the plan's year as a stored reporting period (code ``2017-Q2``)."""
    year = plan.plan_year.start_year
    (add_start, *start), (add_end, *end) = QUARTER_DAYS[number]
    starts_on, ends_on = datetime.date(year + add_start, *start), datetime.date(year + add_end, *end)
    return ReportingPeriod.objects.create(
        plan=plan,
        code=f"{year}-Q{number}",
        kind="quarter",
        starts_on=starts_on,
        ends_on=ends_on,
        opens_on=ends_on - datetime.timedelta(days=14),
        closes_on=ends_on + datetime.timedelta(days=21),
    )


def update(period, item, status: ProgressStatus, commentary: str = "", **extra) -> ProgressUpdate:
    link = {"action": item} if item.__class__.__name__ == "Action" else {"milestone": item}
    return ProgressUpdate.objects.create(period=period, status=status, commentary=commentary, **link, **extra)


@dataclass
class HrPlan:
    plan: Plan
    recruitment: object  # priority with one finished and two unfinished actions
    wellbeing: object  # priority whose actions are all complete: left behind
    done: object
    ongoing: object
    sub: object
    finished_elsewhere: object
    milestone_open: object
    milestone_met: object


def hr_plan(division) -> HrPlan:
    """An approved 2017-18 HR plan with Q2 and Q4 progress: some actions complete, some not."""
    plan = DivisionalPlanFactory(division=division)
    recruitment = PriorityFactory(plan=plan, title="Recruit and keep a skilled workforce", position=1)
    wellbeing = PriorityFactory(plan=plan, title="Staff wellbeing", position=2)
    done = ActionFactory(priority=recruitment, title="Launch the apprenticeship scheme", position=1)
    ongoing = ActionFactory(
        priority=recruitment,
        title="Review the pay and grading structure",
        accountable_officer="Amanda Beer",
        start_text="April 2017",
        end_text="March 2018",
        position=2,
    )
    sub = ActionFactory(priority=recruitment, parent=ongoing, title="Consult the trade unions", position=3)
    finished_elsewhere = ActionFactory(priority=wellbeing, title="Run the staff survey", position=1)
    milestone_open = MilestoneFactory(
        priority=recruitment, title="New grading structure agreed", action=ongoing, due_text="December 2017"
    )
    milestone_met = MilestoneFactory(
        priority=recruitment, title="First apprentices start", action=done, due_text="September 2017"
    )
    approved(plan)
    q2, q4 = quarter(plan, 2), quarter(plan, 4)
    update(q2, ongoing, ProgressStatus.ON_TRACK, "Consultation under way.")
    update(q4, ongoing, ProgressStatus.OFF_TRACK, "Union ballot delayed the new structure to 2018.")
    update(q4, done, ProgressStatus.COMPLETE, "52 apprentices started in September.")
    update(q4, finished_elsewhere, ProgressStatus.COMPLETE, "Response rate 71%.")
    update(q4, milestone_met, ProgressStatus.COMPLETE, "", achieved_on=datetime.date(2017, 9, 4))
    return HrPlan(plan, recruitment, wellbeing, done, ongoing, sub, finished_elsewhere, milestone_open, milestone_met)
