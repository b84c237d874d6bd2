"""The date of publication printed on an agenda: one rule for the build form, the service and ``build_pack``.

After the meeting: refused. Fewer than five clear days: a warning the clerk confirms (urgent items may be
published late). More than a year ago: a warning. The default is the last working day giving five clear days.
"""

import datetime
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from committees import services
from committees.clear_days import publication_date_check
from committees.models import PackBuild

from ..factories import PASSWORD
from .factories import AgendaItemFactory, CoverReportFactory, MeetingFactory

MEETING = datetime.date(2013, 1, 8)  # seed 001: Tuesday 8 January 2013
BEFORE = datetime.date(2012, 12, 20)  # a "today" before the meeting, so the year-old warning stays out of the way


@pytest.mark.parametrize(
    ("published_on", "errors", "warnings"),
    [
        (datetime.date(2012, 12, 28), 0, 0),  # the seed's date: exactly five clear days
        (datetime.date(2013, 1, 2), 0, 1),  # three clear days: late
        (datetime.date(2013, 1, 8), 0, 1),  # the day of the meeting: none, still only a warning
        (datetime.date(2013, 1, 9), 1, 0),  # after the meeting: refused
    ],
)
def test_one_rule_refuses_after_the_meeting_and_warns_when_late(published_on, errors, warnings):
    """Late is a warning (s.100B(4)(b) urgency), after the meeting is an error."""
    check = publication_date_check(published_on=published_on, meeting=MEETING, today=BEFORE)
    assert (len(check.errors), len(check.warnings)) == (errors, warnings)


def test_a_date_more_than_a_year_ago_is_warned_about():
    """Papers dated 28 December 2012, checked in December 2026: "more than a year ago: check the year"."""
    check = publication_date_check(
        published_on=datetime.date(2012, 12, 28), meeting=MEETING, today=datetime.date(2026, 12, 2)
    )
    assert check.errors == []
    assert check.warnings == ["28 December 2012 is more than a year ago: check the year"]
    late = publication_date_check(published_on=datetime.date(2013, 1, 2), meeting=MEETING, today=BEFORE)
    assert "only 3 clear days" in late.warnings[0]
    assert "publish by Friday 28 December 2012" in late.warnings[0]


@pytest.fixture
def meeting(db):
    meeting = MeetingFactory(date=MEETING)
    CoverReportFactory(item=AgendaItemFactory(meeting=meeting, section="C", title="Performance Benchmarking"))
    return meeting


@pytest.fixture
def signed_in(client, clerk):
    client.login(username=clerk.username, password=PASSWORD)
    return client


def test_meeting_page_suggests_friday_28_december_and_says_it_is_long_ago(signed_in, meeting):
    """The build form's default date is the publish-by date, and the page warns that it is over a year ago."""
    page = signed_in.get(reverse("committees:meeting_detail", args=[meeting.pk])).text
    # The GOV.UK date input: day, month and year boxes.
    assert 'name="published_on_0" value="28"' in page
    assert 'name="published_on_1" value="12"' in page
    assert 'name="published_on_2" value="2012"' in page
    assert "publish the papers by Friday 28 December 2012" in page
    assert "28 December 2012 is more than a year ago" in page


def test_a_date_after_the_meeting_is_a_field_error_and_nothing_is_built(signed_in, meeting):
    """POST 9 January for an 8 January meeting: the page again (400) with the error summary, no build."""
    response = signed_in.post(reverse("committees:pack_build", args=[meeting.pk]), {"published_on": "2013-01-09"})
    assert response.status_code == 400
    assert "There is a problem" in response.text
    assert "must be on or before the day of the meeting (Tuesday 8 January 2013)" in response.text
    assert not PackBuild.objects.exists()


def test_a_late_date_needs_the_clerk_to_confirm_it(signed_in, meeting, django_capture_on_commit_callbacks):
    """2 January (three clear days) is refused until the box is ticked; then the build is queued with it."""
    url = reverse("committees:pack_build", args=[meeting.pk])
    response = signed_in.post(url, {"published_on": "2013-01-02"})
    assert response.status_code == 400
    assert "only 3 clear days before the meeting" in response.text
    assert "Tick the box to publish on this date anyway" in response.text
    assert not PackBuild.objects.exists()

    with django_capture_on_commit_callbacks(execute=False):
        response = signed_in.post(url, {"published_on": "2013-01-02", "confirm_late": "on"}, follow=True)
    assert response.redirect_chain
    assert response.status_code == 200
    assert PackBuild.objects.get().published_on == datetime.date(2013, 1, 2)
    assert "only 3 clear days before the meeting" in response.text  # still said, as a message, once queued


def test_the_service_refuses_a_date_after_the_meeting_and_defaults_to_publish_by(meeting, clerk):
    """``pack_build_request`` applies the same rule; with no date it prints Friday 28 December 2012."""
    with pytest.raises(ValidationError) as refused:
        services.pack_build_request(meeting=meeting, requested_by=clerk, published_on=datetime.date(2013, 1, 9))
    assert "published_on" in refused.value.message_dict
    build = services.pack_build_request(meeting=meeting, requested_by=clerk)
    assert build.published_on == datetime.date(2012, 12, 28)


def test_build_pack_refuses_after_the_meeting_and_warns_when_late(tmp_path, db):
    """``build_pack --published-on``: after the meeting is a CommandError; a late date is a warning on stderr."""
    meeting = MeetingFactory(date=MEETING)
    output = tmp_path / "pack.pdf"
    with pytest.raises(CommandError, match="on or before the day of the meeting"):
        call_command("build_pack", str(meeting.pk), "--full", "-o", str(output), "--published-on", "2013-01-09")
    stderr = StringIO()
    # The meeting has no papers, so the build itself stops, but only after the date has been warned about.
    with pytest.raises(CommandError, match="No agenda item has a paper"):
        call_command(
            "build_pack", str(meeting.pk), "--full", "-o", str(output), "--published-on", "2013-01-02", stderr=stderr
        )
    assert "Warning: Published on 2 January 2013, the papers have only 3 clear days" in stderr.getvalue()
    assert not output.exists()
