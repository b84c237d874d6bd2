"""Progress updates on an approved plan: the rules, the history, and the plan itself left as approved."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from plans.models import (
    PlanStatus,
    ProgressFrequency,
    ProgressStatus,
    ProgressUpdate,
    Rag,
    ReportingPeriod,
)
from plans.periods import parse_code, period_label, plan_year_periods
from plans.progress.selectors import (
    latest_updates,
    overdue_milestone_ids,
    plan_periods,
    plan_progress,
    update_history,
)
from plans.progress.services import (
    ProgressConflict,
    ProgressRefused,
    ProgressRowErrors,
    RowInput,
    progress_save,
)

from .progress_data import approved_plan

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2017, 10, 20)


def save(data, rows, *, code="2017-Q2", user=None, today=TODAY):
    return progress_save(plan=data.plan, period_code=code, rows=rows, user=user or data.officer, today=today)


def test_period_codes_match_the_financial_year():
    """2017-Q2 is July to September 2017, due a fortnight after; Q4 is January to March of the next calendar year."""
    q2 = parse_code("2017-Q2")
    assert (q2.starts_on, q2.ends_on, q2.closes_on) == (
        datetime.date(2017, 7, 1),
        datetime.date(2017, 9, 30),
        datetime.date(2017, 10, 14),
    )
    assert parse_code("2017-Q4").starts_on == datetime.date(2018, 1, 1)
    assert period_label("2017-Q2") == "Q2 2017-18"
    assert period_label("2017-M07") == "July 2017"
    assert [p.code for p in plan_year_periods(start_year=2017, kind="month")][::11] == ["2017-M04", "2018-M03"]
    assert parse_code("2017-Q5") is None


def test_a_division_may_report_monthly():
    """Quarters by default; twelve months where the division chose monthly reporting."""
    data = approved_plan()
    assert [p.code for p in plan_periods(plan=data.plan)] == ["2017-Q1", "2017-Q2", "2017-Q3", "2017-Q4"]
    data.plan.division.progress_frequency = ProgressFrequency.MONTHLY
    data.plan.division.save()
    assert len(plan_periods(plan=data.plan)) == 12


def test_each_status_has_a_rag_colour_and_words():
    """Every status has a RAG colour and a tag, and its words are what the tag shows."""
    assert ProgressStatus.OFF_TRACK.rag == Rag.RED
    assert ProgressStatus.AT_RISK.rag == Rag.AMBER
    assert ProgressStatus.ON_TRACK.rag == Rag.GREEN
    for status in ProgressStatus:
        assert status.tag_class.startswith("govuk-tag--")
        assert status.label


def test_an_officer_records_progress_and_the_plan_is_unchanged():
    """Saving progress stores one row per item and period; the plan's version, text and timestamps stand still."""
    data = approved_plan()
    plan_before = (data.plan.lock_version, data.plan.updated_at)
    action = data.actions[0]
    action_before = (action.title, action.end_text, action.history.count())
    written = save(data, [RowInput(item=action, status=ProgressStatus.ON_TRACK, commentary="Consultation under way.")])
    assert len(written) == 1
    update = ProgressUpdate.objects.get()
    assert (update.period.code, update.status, update.updated_by) == ("2017-Q2", "on_track", data.officer)
    data.plan.refresh_from_db()
    action.refresh_from_db()
    assert (data.plan.lock_version, data.plan.updated_at) == plan_before
    assert (action.title, action.end_text, action.history.count()) == action_before


@pytest.mark.parametrize("status", [PlanStatus.DRAFT, PlanStatus.SUBMITTED, PlanStatus.WITH_COMMITTEE])
def test_only_approved_plans_take_progress(status):
    """A plan on its way to approval is refused, with the reason."""
    data = approved_plan(status=status)
    with pytest.raises(ProgressRefused, match="only be recorded on an approved plan"):
        save(data, [RowInput(item=data.actions[0], status=ProgressStatus.ON_TRACK)])
    assert not ProgressUpdate.objects.exists()


def test_a_period_not_yet_open_is_refused():
    """On 20 October 2017 Q3 is open (it started on 1 October) but Q4 is not."""
    data = approved_plan()
    save(data, [RowInput(item=data.actions[0], status=ProgressStatus.ON_TRACK)], code="2017-Q3")
    with pytest.raises(ProgressRefused, match="opens for progress updates on 1 January 2018"):
        save(data, [RowInput(item=data.actions[0], status=ProgressStatus.ON_TRACK)], code="2017-Q4")


def test_a_period_of_another_year_is_refused():
    data = approved_plan()
    with pytest.raises(ReportingPeriod.DoesNotExist):
        save(data, [RowInput(item=data.actions[0], status=ProgressStatus.ON_TRACK)], code="2016-Q2")


def test_a_revised_date_needs_a_reason():
    """A slipped date without a reason is refused next to the row; nothing is saved, not even the good rows."""
    data = approved_plan()
    rows = [
        RowInput(item=data.actions[0], status=ProgressStatus.ON_TRACK),
        RowInput(item=data.milestones[0], status=ProgressStatus.AT_RISK, revised_date=datetime.date(2017, 12, 31)),
    ]
    with pytest.raises(ProgressRowErrors) as raised:
        save(data, rows)
    assert raised.value.errors == {
        ("milestone", data.milestones[0].pk): {"revised_reason": ["Enter the reason the date has changed"]}
    }
    assert not ProgressUpdate.objects.exists()


def test_the_database_refuses_a_revised_date_without_a_reason():
    """The rule holds below the service too (a constraint), so no import or script can break it."""
    data = approved_plan()
    save(data, [RowInput(item=data.milestones[0], status=ProgressStatus.AT_RISK)])
    update = ProgressUpdate.objects.get()
    update.revised_date = datetime.date(2017, 12, 31)
    with pytest.raises(ValidationError):
        update.validate_constraints()


def test_an_achieved_milestone_is_complete_with_its_date():
    """A date achieved needs the status Complete, and Complete needs the date."""
    data = approved_plan()
    milestone = data.milestones[0]
    with pytest.raises(ProgressRowErrors) as raised:
        save(data, [RowInput(item=milestone, status=ProgressStatus.COMPLETE)])
    assert "achieved_on" in raised.value.errors[("milestone", milestone.pk)]
    with pytest.raises(ProgressRowErrors) as raised:
        save(data, [RowInput(item=milestone, status=ProgressStatus.ON_TRACK, achieved_on=datetime.date(2017, 6, 20))])
    assert "status" in raised.value.errors[("milestone", milestone.pk)]
    save(data, [RowInput(item=milestone, status=ProgressStatus.COMPLETE, achieved_on=datetime.date(2017, 6, 20))])


def test_a_stale_row_is_a_conflict_not_an_overwrite():
    """Two officers load the page; the second save of the same row is refused with the first's version."""
    data = approved_plan()
    action = data.actions[0]
    save(data, [RowInput(item=action, status=ProgressStatus.ON_TRACK, version=0)])
    with pytest.raises(ProgressConflict) as raised:
        save(data, [RowInput(item=action, status=ProgressStatus.OFF_TRACK, version=0)])
    [(item, stored)] = raised.value.changed
    assert item == action
    assert stored.status == ProgressStatus.ON_TRACK
    assert ProgressUpdate.objects.get().status == ProgressStatus.ON_TRACK
    # Saving again with the version now stored is a deliberate replacement.
    save(data, [RowInput(item=action, status=ProgressStatus.OFF_TRACK, version=stored.lock_version)])
    assert ProgressUpdate.objects.get().status == ProgressStatus.OFF_TRACK


def test_history_keeps_every_save_with_who_and_when():
    """Each change is a history row with its user; saving the same values again adds nothing."""
    data = approved_plan()
    action = data.actions[0]
    save(data, [RowInput(item=action, status=ProgressStatus.ON_TRACK, commentary="Started.")])
    save(data, [RowInput(item=action, status=ProgressStatus.AT_RISK, commentary="Union consultation delayed.")])
    save(data, [RowInput(item=action, status=ProgressStatus.AT_RISK, commentary="Union consultation delayed.")])
    history = list(update_history(plan=data.plan))
    assert [entry.status for entry in history] == ["at_risk", "on_track"]
    assert {entry.history_user for entry in history} == {data.officer}
    assert history[1].commentary == "Started."


def test_rows_of_another_plan_are_refused():
    data = approved_plan()
    other = approved_plan(officer_name="other_officer", division="Finance")
    with pytest.raises(ProgressRefused):
        save(data, [RowInput(item=other.actions[0], status=ProgressStatus.ON_TRACK)])


def test_an_item_not_updated_carries_its_last_status_and_is_counted_as_not_updated():
    """Q2 shows Q1's status as "last reported", and counts the row as not updated for Q2."""
    data = approved_plan()
    save(data, [RowInput(item=data.actions[0], status=ProgressStatus.AT_RISK)], code="2017-Q1")
    q2 = plan_periods(plan=data.plan)[1]
    progress = plan_progress(plan=data.plan, period=q2, as_of=TODAY)
    row = progress.items[("action", data.actions[0].pk)]
    assert (row.updated, row.previous.status, row.status) == (False, "at_risk", ProgressStatus.AT_RISK)
    assert len(progress.not_updated) == 4
    assert progress.status_counts()["at_risk"] == 1
    assert latest_updates(plan_ids=[data.plan.pk])[data.plan.pk][("action", data.actions[0].pk)].period.code == (
        "2017-Q1"
    )


def test_milestones_past_their_date_and_not_achieved_are_overdue():
    """Due June 2017: overdue on 1 July unless achieved; a revised date moves it; words never are overdue."""
    data = approved_plan()
    june, quarterly = data.milestones
    assert overdue_milestone_ids(plan_ids=[data.plan.pk], as_of=datetime.date(2017, 6, 30)) == set()
    assert overdue_milestone_ids(plan_ids=[data.plan.pk], as_of=datetime.date(2017, 7, 1)) == {june.pk}
    save(
        data,
        [
            RowInput(
                item=june,
                status=ProgressStatus.AT_RISK,
                revised_date=datetime.date(2017, 12, 31),
                revised_reason="CMT date moved to December.",
            )
        ],
    )
    assert overdue_milestone_ids(plan_ids=[data.plan.pk], as_of=TODAY) == set()
    assert overdue_milestone_ids(plan_ids=[data.plan.pk], as_of=datetime.date(2018, 1, 1)) == {june.pk}
    save(data, [RowInput(item=june, status=ProgressStatus.COMPLETE, achieved_on=datetime.date(2017, 10, 2))])
    assert overdue_milestone_ids(plan_ids=[data.plan.pk], as_of=datetime.date(2018, 1, 1)) == set()
    assert quarterly.pk not in overdue_milestone_ids(plan_ids=[data.plan.pk], as_of=datetime.date(2019, 1, 1))
