"""The monitoring report's figures are counted from the data: statuses, overdue and slipped milestones, KPI RAG
counts and risk movement as at the end of the period; periods are checked; the query count does not grow."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plans.models import Division, PlanStatus, ProgressFrequency, ProgressStatus
from plans.monitoring import MonitoringError, monitoring_report_context, monitoring_report_read, report_period
from plans.monitoring.periods import default_period

from ..support.monitoring import monitored_plan, report

pytestmark = pytest.mark.django_db

# After the year: overdue is judged at the end of the period, so the report of a closed period never changes.
LATER = datetime.date(2026, 12, 1)


def _read(plan, code="2017-Q2", today=LATER):
    return monitoring_report_read(plan=plan, period=report_period(plan=plan, code=code), today=today)


def _counts(document, kind):
    return {row["status"]: row[kind] for row in document["status_counts"] if row[kind]}


def test_status_counts_match_the_latest_word_on_each_row():
    """An action not updated in Q2 counts with its Q1 status; a milestone never reported counts as such."""
    monitored = monitored_plan()
    document = _read(monitored.plan)
    assert _counts(document, "actions") == {"on_track": 2, "at_risk": 1, "off_track": 1, "complete": 1}
    assert _counts(document, "milestones") == {"complete": 1, "at_risk": 1, "on_track": 1, "not_reported": 1}
    totals = document["totals"]
    assert (totals["actions"], totals["milestones"]) == (5, 4)
    assert totals["actions_updated"] == 4  # actions[1] carries its Q1 word
    assert totals["slipped_actions"] == 1


def test_carried_status_says_which_period_it_was_reported_for():
    monitored = monitored_plan()
    rows = {row["title"]: row for p in _read(monitored.plan)["priorities"] for row in p["actions"]}
    carried = rows["Consult staff on the model"]
    assert (carried["status"], carried["this_period"], carried["reported_for"]) == ("on_track", False, "Q1 2017-18")
    assert carried["commentary"] == "Consultation opened in May."
    assert rows["Design the operating model"]["commentary"] == "Design work continues to plan."


def test_overdue_and_slipped_milestones():
    """B (July, at risk) is overdue; C slipped to December is not; A met in June is achieved and never overdue."""
    monitored = monitored_plan()
    document = _read(monitored.plan)
    rows = {row["title"]: row for p in document["priorities"] for row in p["milestones"]}
    assert rows["Offer launched"]["overdue"] is True
    assert rows["Strategy approved"]["overdue"] is False
    assert (rows["Strategy approved"]["revised_date"], rows["Strategy approved"]["due_by"]) == (
        "2017-12-15",
        "2017-12-15",
    )
    assert rows["Model agreed"]["achieved_on"] == "2017-06-20"
    assert rows["Model agreed"]["overdue"] is False
    assert rows["Statement signed"]["overdue"] is False
    totals = document["totals"]
    assert totals["milestones_due"] == 2  # A (June) and B (July); C now December, D March
    assert totals["milestones_due_achieved"] == 1
    assert totals["milestones_overdue"] == 1
    assert totals["slipped_milestones"] == 1
    assert monitoring_report_context(document)["summary_lines"][1] == (
        "1 of the 2 milestones due by 30 September 2017 has been achieved (0 during the period); "
        "1 milestone is overdue."
    )


def test_overdue_is_judged_as_at_today_while_the_period_runs():
    """Mid-August, the July milestone is overdue already; the September one is not yet."""
    monitored = monitored_plan()
    document = _read(monitored.plan, today=datetime.date(2017, 8, 15))
    rows = {row["title"]: row for p in document["priorities"] for row in p["milestones"]}
    assert document["as_at"] == "2017-08-15"
    assert rows["Offer launched"]["overdue"] is True
    assert document["totals"]["milestones_overdue"] == 1


def test_q1_report_ignores_later_progress():
    monitored = monitored_plan()
    document = _read(monitored.plan, code="2017-Q1")
    assert _counts(document, "actions") == {"on_track": 2, "not_reported": 3}
    assert document["totals"]["milestones_overdue"] == 0  # nothing due by June was missed


def test_kpi_rag_counts_and_direction():
    """PI01 96 (Green, improved on 94), PI02 92 (Amber, worsened), PI03 80 (Red)."""
    monitored = monitored_plan()
    kpis = _read(monitored.plan)["sections"]["kpis"]
    assert {row["label"]: row["count"] for row in kpis["rag_counts"]} == {
        "Red": 1,
        "Amber": 1,
        "Green": 1,
        "Not rated": 0,
    }
    rows = {row["reference"]: row for row in kpis["rows"]}
    assert (rows["PI01"]["rag_label"], rows["PI01"]["actual"]) == ("Green", "96%")
    assert rows["PI01"]["direction"].startswith("Improved")
    assert rows["PI02"]["direction"].startswith("Worsened")
    assert rows["PI03"]["rag_label"] == "Red"
    assert rows["PI03"]["commentary"] == "PI03 commentary."


def test_risk_movement_as_at_the_end_of_the_period():
    """R1 rose 9 → 16 by August (its November review comes later); R2 fell 20 → 9; R3 was first reviewed in Q2."""
    monitored = monitored_plan()
    risks = _read(monitored.plan)["sections"]["risks"]
    rows = {row["reference"]: row for row in risks["risks"]}
    assert (rows["R1"]["score"], rows["R1"]["movement"], rows["R1"]["movement_short"]) == (16, "up", "Up from 9")
    assert rows["R1"]["reviewed_on"] == "2017-08-01"
    assert (rows["R2"]["score"], rows["R2"]["movement"]) == (9, "down")
    assert rows["R3"]["movement"] == "new"
    assert {row["label"]: row["count"] for row in risks["movement_counts"]} == {
        "Rating increased": 1,
        "Rating reduced": 1,
        "New or not yet reviewed": 1,
    }
    # At year end the November review counts: R1 has come down since August.
    year_end = {row["reference"]: row for row in _read(monitored.plan, code="2017-Q4")["sections"]["risks"]["risks"]}
    assert (year_end["R1"]["score"], year_end["R1"]["movement"]) == (4, "down")


def test_report_is_plain_json_and_thaws_for_the_templates():
    import json

    monitored = monitored_plan()
    document = _read(monitored.plan)
    assert json.loads(json.dumps(document)) == document
    context = monitoring_report_context(document)
    assert context["period"]["ends_on"] == datetime.date(2017, 9, 30)
    assert [part["key"] for part in context["sections"]] == ["kpis", "risks"]
    assert context["period"]["stage"] == "Mid-Year"


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("2017-Q5", "is not a reporting period"),
        ("Q2", "is not a reporting period"),
        ("2018-Q2", "is not in 2017-18"),
        ("2018-M03", "is not a reporting period of this plan"),
    ],
)
def test_bad_periods_are_refused_with_a_clear_message(code, message):
    monitored = monitored_plan()
    with pytest.raises(MonitoringError, match=message):
        report_period(plan=monitored.plan, code=code)


def test_a_draft_plan_has_no_monitoring_report():
    monitored = monitored_plan()
    monitored.plan.__class__.objects.filter(pk=monitored.plan.pk).update(status=PlanStatus.DRAFT)
    monitored.plan.refresh_from_db()
    with pytest.raises(MonitoringError, match="approved plans only"):
        report_period(plan=monitored.plan, code="2017-Q3")


def test_a_monthly_division_reports_by_month():
    """Its mid-year report is September's; a quarter nobody reported on is not one of its periods."""
    monitored = monitored_plan()
    Division.objects.filter(pk=monitored.plan.division_id).update(progress_frequency=ProgressFrequency.MONTHLY)
    monitored.plan.refresh_from_db()
    period = report_period(plan=monitored.plan, code="2017-m09")
    assert (period.code, period.ends_on) == ("2017-M09", datetime.date(2017, 9, 30))
    assert monitoring_report_context(_read(monitored.plan, code="2017-M09"))["period"]["stage"] == "Mid-Year"
    with pytest.raises(MonitoringError, match="reports progress every month"):
        report_period(plan=monitored.plan, code="2017-Q3")


def test_query_count_does_not_grow_with_the_plan():
    small = monitored_plan()
    large = monitored_plan(extra_actions=40)
    for action in large.actions[5:]:
        report(large.plan, "2017-Q2", action, ProgressStatus.ON_TRACK, commentary="Fine.")
    counts = []
    for monitored in (small, large):
        with CaptureQueriesContext(connection) as queries:
            _read(monitored.plan)
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_default_period_is_the_latest_ended_one_with_progress():
    """After the year, a plan reported to Q2 opens on its mid-year report, not an empty year-end; before any
    progress it is the latest ended period, and before any period has ended the first."""
    monitored = monitored_plan()
    assert default_period(plan=monitored.plan, today=LATER).code == "2017-Q2"
    assert default_period(plan=monitored.plan, today=datetime.date(2017, 8, 1)).code == "2017-Q1"
    assert default_period(plan=monitored.plan, today=datetime.date(2017, 5, 1)).code == "2017-Q1"
