"""The council-wide view reads each item's latest update in the database, and lists the first few exceptions of
each kind per unit with a link to the unit's full list; the figures always count every exception."""

import pytest
from django.urls import reverse

from plans.council.selectors import EXCEPTIONS_SHOWN, CouncilFilters, council_view
from plans.models import ProgressStatus

from ..factories import ActionFactory, DivisionFactory, UserFactory
from .council_data import TODAY, council, unit_plan
from .rollforward_data import quarter, update

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)


def _view(year, **kwargs):
    return council_view(plan_year=year, filters=CouncilFilters(), today=TODAY, **kwargs)


def test_the_latest_update_is_the_latest_period_not_the_latest_save():
    """A Q1 row saved after the Q2 row does not hide Q2; a Q3 row (the period has started) wins over both."""
    data = council(directorates=1, divisions=1, actions=1)
    plan = data.plans[0]
    first = plan.priorities.get().actions.get()  # off track in Q2 (council_data)
    late = ActionFactory(priority=first.priority, position=5)
    update(plan.reporting_periods.get(code="2017-Q2"), late, ProgressStatus.ON_TRACK)
    update(quarter(plan, 1), late, ProgressStatus.AT_RISK)  # saved last, but the older period
    update(quarter(plan, 3), first, ProgressStatus.COMPLETE)
    row = _view(data.year).groups[0].rows[0]
    assert row.counts[ProgressStatus.ON_TRACK] == 1
    assert row.counts[ProgressStatus.COMPLETE] == 1
    assert row.counts[ProgressStatus.AT_RISK] == 0
    assert row.counts[ProgressStatus.OFF_TRACK] == 0


def test_a_unit_with_many_exceptions_shows_the_first_few_and_counts_them_all(client):
    """Eight off-track actions: the table counts eight, the page lists five and says three more, with a link
    that lists all of them; the downloads' list (``view.exceptions``) always has every one."""
    data = council(directorates=1, divisions=1, actions=1)
    division = DivisionFactory(directorate=data.plans[0].directorate, name="Busy division")
    busy = unit_plan(division, actions=8, statuses=[ProgressStatus.OFF_TRACK] * 8)
    view = _view(data.year)
    row = next(row for group in view.groups for row in group.rows if row.plan == busy)
    assert row.counts[ProgressStatus.OFF_TRACK] == 8
    assert row.exceptions == 8
    assert len([item for item in view.exceptions if item.plan_id == busy.pk]) == 8
    group = next(group for group in view.exception_groups if group.plan_id == busy.pk)
    assert len(group.items) == EXCEPTIONS_SHOWN == 5
    assert group.more == [("Action off track", 3)]

    client.force_login(UserFactory(username="reader"))
    page = client.get(reverse("plans:council_view"), {"year": 2017}).content.decode()
    assert "Not listed: 3 more “Action off track”." in page
    full = f"?year=2017&amp;exceptions={busy.pk}#exceptions-{busy.pk}"
    assert full in page
    assert page.count("Action 8:") == 0
    page = client.get(reverse("plans:council_view"), {"year": 2017, "exceptions": busy.pk}).content.decode()
    assert "Action 8:" in page
    assert "Show the first 5 of each kind" in page


def test_the_full_list_of_one_unit_leaves_the_others_capped():
    """Asking for one unit's every exception lists them all for that unit alone."""
    data = council(directorates=1, divisions=1, actions=1)
    directorate = data.plans[0].directorate
    off_track = ProgressStatus.OFF_TRACK
    first = unit_plan(DivisionFactory(directorate=directorate), actions=7, statuses=[off_track] * 7)
    second = unit_plan(DivisionFactory(directorate=directorate), actions=6, statuses=[off_track] * 6)
    groups = {group.plan_id: group for group in _view(data.year, exceptions_in_full=first.pk).exception_groups}
    assert len(groups[first.pk].items) == 7
    assert groups[first.pk].in_full
    assert len(groups[second.pk].items) == 5
    assert groups[second.pk].more == [("Action off track", 1)]
