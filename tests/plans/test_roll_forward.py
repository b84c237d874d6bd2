"""Roll forward: next year's draft from an approved plan, for the unit of next year's structure (issue 12, item 5)."""

import datetime
from decimal import Decimal

import pytest

from performance.models import Kpi, PreviousBasis, ValueStatus
from plans import extensions
from plans.models import Action, Milestone, Plan, PlanSnapshot, PlanStatus, Priority, ProgressStatus, SnapshotKind
from plans.rollforward import (
    RollForwardError,
    RollForwardExists,
    SuccessorChoiceNeeded,
    plan_roll_forward,
    plan_year_for,
)
from plans.services.workflow import snapshot_checksum, snapshot_verify
from plans.versions import plan_document_data
from risks.models import Register, Risk

from ..factories import ActionFactory, DirectoratePlanFactory, DivisionalPlanFactory, PriorityFactory
from ..performance.factories import KpiFactory, record
from ..risks.factories import ControlFactory, DivisionRegisterFactory, RiskActionFactory, RiskFactory
from .rollforward_data import approved, hr_plan, quarter, structure, update

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return structure()


@pytest.fixture
def hr(org):
    return hr_plan(org.hr17)


def test_a_renamed_division_gets_its_successor(org, hr):
    """The 2018-19 draft belongs to the division that continues Human Resources, under its new name."""
    result = plan_roll_forward(plan=hr.plan, plan_year=org.y18)
    new = result.plan
    assert new.division == org.hr18
    assert new.directorate == org.d18
    assert new.status == PlanStatus.DRAFT
    assert new.rolled_from == hr.plan
    assert new.unit_name == "Human Resources and Organisational Development"


def test_unfinished_work_is_carried_and_marked_finished_work_left_behind(org, hr):
    """Priorities with unfinished actions come over, linked to last year's rows; complete ones stay behind;
    dates are cleared for re-entry, officers kept; a sub-action keeps its carried parent."""
    new = plan_roll_forward(plan=hr.plan, plan_year=org.y18).plan
    priorities = list(new.priorities.order_by("position"))
    assert [p.carried_from_id for p in priorities] == [hr.recruitment.pk]
    actions = {a.carried_from_id: a for a in Action.objects.filter(priority__plan=new)}
    assert set(actions) == {hr.ongoing.pk, hr.sub.pk}
    ongoing = actions[hr.ongoing.pk]
    assert (ongoing.start_text, ongoing.end_text, ongoing.start_month, ongoing.end_month) == ("", "", None, None)
    assert ongoing.accountable_officer == "Amanda Beer"
    assert ongoing.title == "Review the pay and grading structure"
    assert actions[hr.sub.pk].parent == ongoing
    milestones = list(Milestone.objects.filter(priority__plan=new))
    assert [(m.carried_from_id, m.action_id, m.due_text) for m in milestones] == [
        (hr.milestone_open.pk, ongoing.pk, "")
    ]


def test_the_carried_mark_shows_on_the_new_plan(client, org, hr, admin_user):
    new = plan_roll_forward(plan=hr.plan, plan_year=org.y18).plan
    client.force_login(admin_user)
    page = client.get(f"/plans/{new.pk}/read/").content.decode()
    assert page.count("Carried over") == 4  # the priority, two actions, one milestone


def test_section_d_is_prefilled_from_the_year_end_statuses(org):
    """Progress on last year's priorities: one row per priority, one point per action and milestone."""
    plan = DirectoratePlanFactory(directorate=org.d17)
    priority = PriorityFactory(plan=plan, title="A modern council", position=1)
    finished = ActionFactory(priority=priority, title="Move to the cloud", position=1)
    open_action = ActionFactory(priority=priority, title="Close the Sessions House data centre", position=2)
    approved(plan)
    q2, q4 = quarter(plan, 2), quarter(plan, 4)
    update(q2, finished, ProgressStatus.AT_RISK, "Supplier late.")
    update(q4, finished, ProgressStatus.COMPLETE, "All services moved by February.")
    update(q4, open_action, ProgressStatus.DEFERRED, "Deferred to 2018-19 to follow the move.")

    new = plan_roll_forward(plan=plan, plan_year=org.y18).plan

    rows = list(new.priority_progress.all())
    assert [row.title for row in rows] == ["A modern council"]
    assert rows[0].progress_points == [
        "Action 1 Move to the cloud: complete. All services moved by February.",
        "Action 2 Close the Sessions House data centre: deferred. Deferred to 2018-19 to follow the move.",
    ]
    assert new.directorate == org.d18


def test_a_merged_division_asks_which_unit_took_it_over(org):
    """Procurement has no ``continues`` link (Finance and Procurement continues Finance): the officer chooses."""
    plan = approved(DivisionalPlanFactory(division=org.proc17))
    with pytest.raises(SuccessorChoiceNeeded) as refused:
        plan_roll_forward(plan=plan, plan_year=org.y18)
    assert org.fp18 in refused.value.candidates
    assert "not linked" in refused.value.message
    assert not Plan.objects.filter(directorate=org.d18).exists()

    new = plan_roll_forward(plan=plan, plan_year=org.y18, successor=str(org.fp18.pk)).plan
    assert new.division == org.fp18


def test_a_split_division_asks_which_half_and_refuses_a_stranger(org):
    plan = approved(DivisionalPlanFactory(division=org.ict17))
    with pytest.raises(SuccessorChoiceNeeded) as refused:
        plan_roll_forward(plan=plan, plan_year=org.y18)
    assert set(refused.value.candidates) == {org.ict_strategy, org.ict_operations}
    with pytest.raises(RollForwardError, match="does not continue ICT"):
        plan_roll_forward(plan=plan, plan_year=org.y18, successor=str(org.hr18.pk))
    assert (
        plan_roll_forward(plan=plan, plan_year=org.y18, successor="ict operations").plan.division == org.ict_operations
    )


def test_rolling_forward_twice_is_refused_with_the_existing_draft(org, hr):
    first = plan_roll_forward(plan=hr.plan, plan_year=org.y18).plan
    with pytest.raises(RollForwardExists) as refused:
        plan_roll_forward(plan=hr.plan, plan_year=org.y18)
    assert refused.value.existing == first
    assert Plan.objects.filter(division=org.hr18).count() == 1


def test_a_unit_that_already_has_next_years_plan_is_refused(org):
    """The database allows one plan per unit a year; a second is refused naming the one there is."""
    made_by_hand = DivisionalPlanFactory(division=org.fp18)
    plan = approved(DivisionalPlanFactory(division=org.fin17))
    with pytest.raises(RollForwardExists) as refused:
        plan_roll_forward(plan=plan, plan_year=org.y18)
    assert refused.value.existing == made_by_hand


def test_a_draft_or_an_earlier_year_is_refused(org, hr):
    draft = DivisionalPlanFactory(division=org.fin17)
    with pytest.raises(RollForwardError, match="approved plan"):
        plan_roll_forward(plan=draft, plan_year=org.y18)
    with pytest.raises(RollForwardError, match="later year"):
        plan_roll_forward(plan=hr.plan, plan_year=org.y17)


def test_the_old_plan_its_snapshot_and_its_monitoring_stay_exactly_as_they_were(org, hr):
    document = plan_document_data(plan=hr.plan)
    snapshot = PlanSnapshot.objects.create(
        plan=hr.plan,
        kind=SnapshotKind.APPROVED,
        version=hr.plan.lock_version,
        document=document,
        checksum=snapshot_checksum(document),
    )
    before = {
        "plan": Plan.objects.filter(pk=hr.plan.pk).values().get(),
        "priorities": list(Priority.objects.filter(plan=hr.plan).values()),
        "actions": list(Action.objects.filter(priority__plan=hr.plan).values()),
        "milestones": list(Milestone.objects.filter(priority__plan=hr.plan).values()),
        "updates": list(hr.plan.reporting_periods.values("updates__id", "updates__status", "updates__commentary")),
    }

    plan_roll_forward(plan=hr.plan, plan_year=org.y18)

    snapshot.refresh_from_db()
    assert snapshot_verify(snapshot)
    assert snapshot.checksum == snapshot_checksum(document)
    assert plan_document_data(plan=hr.plan) == document
    assert before == {
        "plan": Plan.objects.filter(pk=hr.plan.pk).values().get(),
        "priorities": list(Priority.objects.filter(plan=hr.plan).values()),
        "actions": list(Action.objects.filter(priority__plan=hr.plan).values()),
        "milestones": list(Milestone.objects.filter(priority__plan=hr.plan).values()),
        "updates": list(hr.plan.reporting_periods.values("updates__id", "updates__status", "updates__commentary")),
    }


def test_the_units_risks_are_carried_into_next_years_register(org, hr):
    register = DivisionRegisterFactory(division=org.hr17)
    risk = RiskFactory(register=register, reference="HR1", next_review_on=datetime.date(2018, 1, 31))
    risk.priorities.add(hr.recruitment, hr.wellbeing)
    risk.ownerships.create(
        person=risk.ownerships.model._meta.get_field("person").related_model.objects.create(name="Amanda Beer"),
        role="Director of Human Resources",
    )
    ControlFactory(risk=risk, title="Workforce plan")
    RiskActionFactory(risk=risk, title="Agree the pay deal", done=False)
    RiskActionFactory(risk=risk, title="Publish the policy", done=True)

    result = plan_roll_forward(plan=hr.plan, plan_year=org.y18)

    new_register = Register.objects.get(division=org.hr18)
    carried = Risk.objects.get(register=new_register)
    assert carried.carried_from == risk
    assert carried.reference == "HR1"
    assert carried.next_review_on is None
    assert (carried.current_likelihood, carried.current_impact) == (3, 3)
    assert [c.title for c in carried.controls.all()] == ["Workforce plan"]
    assert [a.title for a in carried.actions.all()] == ["Agree the pay deal"]
    assert [o.role for o in carried.ownerships.all()] == ["Director of Human Resources"]
    # Only the priority that was carried: the wellbeing priority stayed in 2017-18.
    assert list(carried.priorities.all()) == list(result.plan.priorities.all())
    assert any("1 risks carried into" in note for note in result.summary)
    risk.refresh_from_db()
    assert risk.next_review_on == datetime.date(2018, 1, 31)


def test_kpis_are_carried_with_last_years_outturn_and_targets_to_be_set(org, hr):
    year_end = KpiFactory(plan=hr.plan, reference="HR01")
    year_end.priorities.add(hr.recruitment)
    record(year_end, "2017-Q2", "91.5")
    record(year_end, "2017-Q4", "96.2")
    part_year = KpiFactory(plan=hr.plan, reference="HR02")
    record(part_year, "2017-Q2", "88")
    KpiFactory(plan=hr.plan, reference="HR03")

    new = plan_roll_forward(plan=hr.plan, plan_year=org.y18).plan

    kpis = {k.reference: k for k in Kpi.objects.filter(plan=new)}
    assert kpis["HR01"].carried_from == year_end
    assert (kpis["HR01"].previous_status, kpis["HR01"].previous) == (ValueStatus.VALUE, Decimal("96.2"))
    assert kpis["HR01"].previous_basis == PreviousBasis.OUTTURN
    assert (kpis["HR01"].floor_status, kpis["HR01"].target_status) == (ValueStatus.TO_BE_SET, ValueStatus.TO_BE_SET)
    assert (kpis["HR01"].floor, kpis["HR01"].target) == (None, None)
    assert list(kpis["HR01"].priorities.all()) == list(new.priorities.all())
    assert kpis["HR02"].previous_basis == PreviousBasis.FORECAST
    assert kpis["HR02"].previous_as_at == datetime.date(2017, 9, 1)
    assert kpis["HR03"].previous_status == ValueStatus.NOT_YET_AVAILABLE
    year_end.refresh_from_db()
    assert (year_end.floor, year_end.target) == (Decimal("90"), Decimal("95"))


def test_everything_is_undone_when_a_hook_fails(org, hr, monkeypatch):
    """One transaction: a failure in another app's hook leaves no plan, no rows, no register behind."""

    def broken(**kwargs):
        raise RuntimeError("performance is down")

    monkeypatch.setitem(extensions._roll_forward_hooks, "broken", broken)
    DivisionRegisterFactory(division=org.hr17)
    RiskFactory(register=Register.objects.get(division=org.hr17))
    with pytest.raises(RuntimeError):
        plan_roll_forward(plan=hr.plan, plan_year=org.y18)
    assert not Plan.objects.filter(directorate=org.d18).exists()
    assert not Register.objects.filter(plan_year=org.y18).exists()
    assert Priority.objects.filter(plan__directorate=org.d18).count() == 0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2018/19", None),
        ("2018-19", None),
        ("2018-20", "not a financial year"),
        ("next year", "like 2018-19"),
        ("2030-31", "no 2030-31 plan year"),
    ],
)
def test_plan_years_are_read_as_officers_write_them(org, text, message):
    if message is None:
        assert plan_year_for(text) == org.y18
    else:
        with pytest.raises(RollForwardError, match=message):
            plan_year_for(text)


def test_a_carried_kpi_stops_submission_until_its_floor_and_target_are_set(org, hr):
    KpiFactory(plan=hr.plan, reference="HR01")
    new = plan_roll_forward(plan=hr.plan, plan_year=org.y18).plan
    problems = [problem.text for problem in extensions.completeness_problems(plan=new)]
    assert any(text.startswith("KPI HR01") and "no floor and no target" in text for text in problems)
