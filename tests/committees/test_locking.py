"""Editing an agenda item or a cover report is optimistically locked: a stale save gets the conflict page."""

import pytest
from django.urls import reverse

from committees import services
from kcc_planning.locking import EditConflict

from .factories import AgendaItemFactory, CoverReportFactory

pytestmark = pytest.mark.django_db

ITEM_POST = {"section": "B", "title": "", "decision_number": "", "public_title": ""}


def _report_post(report, **changes):
    fields = services.agenda.COVER_REPORT_FIELDS
    return {**{name: getattr(report, name) for name in fields}, **changes}


def test_an_item_save_bumps_the_version_and_a_stale_one_is_refused():
    """Each save moves the version on; a save from an older version raises and writes nothing."""
    item = AgendaItemFactory(section="B", title="Annual Business Plans")
    services.agenda_item_update(item=item, values={"title": "Theirs"}, lock_version=1)
    item.refresh_from_db()
    assert item.lock_version == 2
    with pytest.raises(EditConflict) as raised:
        services.agenda_item_update(item=item, values={"title": "Mine"}, lock_version=1)
    assert raised.value.saved.title == "Theirs"
    item.refresh_from_db()
    assert (item.title, item.lock_version) == ("Theirs", 2)


def test_the_second_editor_of_an_item_gets_the_conflict_page(client, clerk):
    """Their saved title is shown, this user's typed title stays in the form, and nothing is overwritten."""
    item = AgendaItemFactory(section="B", title="Annual Business Plans")
    client.force_login(clerk)
    url = reverse("committees:item_edit", args=[item.meeting_id, item.pk])
    assert 'name="lock_version" value="1"' in client.get(url).text
    assert client.post(url, {**ITEM_POST, "title": "Their title", "lock_version": "1"}).status_code == 302

    response = client.post(url, {**ITEM_POST, "title": "My title", "lock_version": "1"})
    assert response.status_code == 409
    assert "Someone else saved this agenda item while you were editing" in response.text
    assert "Their title" in response.text
    assert 'value="My title"' in response.text
    assert 'name="lock_version" value="2"' in response.text
    item.refresh_from_db()
    assert item.title == "Their title"


def test_the_second_editor_of_a_cover_report_gets_the_conflict_page(client, clerk):
    """The same for a cover report: their summary is shown, this user's stays in the form."""
    report = CoverReportFactory(summary="The original summary.")
    client.force_login(clerk)
    url = reverse("committees:report_edit", args=[report.item.meeting_id, report.pk])
    assert 'name="lock_version" value="1"' in client.get(url).text
    theirs = client.post(url, {**_report_post(report, summary="Their summary."), "lock_version": "1"})
    assert theirs.status_code == 302

    response = client.post(url, {**_report_post(report, summary="My summary."), "lock_version": "1"})
    assert response.status_code == 409
    assert "Someone else saved this cover report while you were editing" in response.text
    assert "Their summary." in response.text
    assert "My summary." in response.text
    report.refresh_from_db()
    assert (report.summary, report.lock_version) == ("Their summary.", 2)
