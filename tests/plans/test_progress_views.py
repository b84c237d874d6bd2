"""The progress page over HTTP: one form for the whole plan, rows saved alone or together, errors next to the row,
the conflict page for a stale form, permissions, and a flat query count."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from plans.models import PlanStatus, ProgressStatus, ProgressUpdate
from plans.progress.services import RowInput, progress_save

from ..factories import ActionFactory, PriorityFactory, UserFactory
from .progress_data import approved_plan

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2017, 10, 20)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    """The pages run on 20 October 2017: Q2 has closed, Q3 is open, Q4 is not yet."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)


@pytest.fixture
def data():
    return approved_plan()


def url(data, code="2017-Q2"):
    return reverse("plans:progress_period", args=[data.plan.pk, code])


def page_data(client, data, code="2017-Q2"):
    """The form as the page renders it: every field's current value, as a browser would post it back."""
    response = client.get(url(data, code))
    form = response.context["form"]
    posted = {}
    for name, _field in form.fields.items():
        value = form[name].value()
        if isinstance(value, list):
            for index, part in enumerate(value):
                posted[f"{name}_{index}"] = "" if part is None else str(part)
        elif isinstance(value, datetime.date):
            posted[f"{name}_0"], posted[f"{name}_1"], posted[f"{name}_2"] = value.day, value.month, value.year
        else:
            posted[name] = "" if value is None else value
    return posted


def prefix(item):
    return f"{'m' if hasattr(item, 'due_text') else 'a'}{item.pk}"


def test_the_officer_saves_every_row_at_once(client, data):
    """Rows with a status are saved; rows left "Not updated" record nothing."""
    client.force_login(data.officer)
    posted = page_data(client, data)
    action, sub_action = data.actions
    posted[f"{prefix(action)}-status"] = ProgressStatus.ON_TRACK
    posted[f"{prefix(action)}-commentary"] = "Draft strategy with the Corporate Management Team."
    posted[f"{prefix(sub_action)}-status"] = ProgressStatus.AT_RISK
    response = client.post(url(data), posted)
    assert response.status_code == 302
    assert dict(ProgressUpdate.objects.values_list("action_id", "status")) == {
        action.pk: "on_track",
        sub_action.pk: "at_risk",
    }


def test_a_slipped_date_without_reason_is_shown_next_to_the_row(client, data):
    """400, the error summary links to the row's reason box, what was typed is still there, nothing is saved."""
    client.force_login(data.officer)
    posted = page_data(client, data)
    milestone = data.milestones[0]
    p = prefix(milestone)
    posted[f"{prefix(data.actions[0])}-status"] = ProgressStatus.ON_TRACK
    posted.update({f"{p}-status": "at_risk", f"{p}-revised_date_0": "31", f"{p}-revised_date_1": "12"})
    posted[f"{p}-revised_date_2"] = "2017"
    posted[f"{p}-commentary"] = "Waiting for the CMT date."
    response = client.post(url(data), posted)
    assert response.status_code == 400
    html = response.content.decode()
    assert f'href="#id_{p}-revised_reason"' in html
    assert "Enter the reason the date has changed (milestone A)" in html
    assert "Waiting for the CMT date." in html
    assert not ProgressUpdate.objects.exists()


def test_a_commentary_without_a_status_is_an_error(client, data):
    client.force_login(data.officer)
    posted = page_data(client, data)
    posted[f"{prefix(data.actions[0])}-commentary"] = "Started."
    response = client.post(url(data), posted)
    assert response.status_code == 400
    assert "Select a status for action 1" in response.content.decode()


def test_one_row_is_saved_alone_and_other_rows_keep_their_typing(client, data):
    """Its own button saves one row; another row's half-typed, invalid input stays on the page, unsaved."""
    client.force_login(data.officer)
    posted = page_data(client, data)
    action, sub_action = data.actions
    posted[f"{prefix(action)}-status"] = ProgressStatus.ON_TRACK
    posted[f"{prefix(sub_action)}-commentary"] = "Half-typed note about the unions"
    posted["save_row"] = prefix(action)
    response = client.post(url(data), posted)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Progress on action 1 saved" in html
    assert "Half-typed note about the unions" in html
    assert list(ProgressUpdate.objects.values_list("action_id", flat=True)) == [action.pk]
    # The page now carries the saved row's version: saving all again is no conflict.
    assert response.context["form"][f"{prefix(action)}-version"].value() == "1"


def test_a_stale_form_gets_the_conflict_page(client, data):
    """Someone saves a row after the page was loaded: 409, their version shown, nothing overwritten."""
    client.force_login(data.officer)
    posted = page_data(client, data)
    action = data.actions[0]
    progress_save(
        plan=data.plan,
        period_code="2017-Q2",
        rows=[RowInput(item=action, status=ProgressStatus.OFF_TRACK, commentary="Budget withdrawn.")],
        user=UserFactory(username="colleague"),
        today=TODAY,
    )
    posted[f"{prefix(action)}-status"] = ProgressStatus.ON_TRACK
    response = client.post(url(data), posted)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else saved this progress" in html
    assert "Budget withdrawn." in html
    assert ProgressUpdate.objects.get().status == ProgressStatus.OFF_TRACK


def test_people_who_may_not_update_read_without_a_form(client, data):
    """Another officer may read progress but gets no form, and a post is refused."""
    client.force_login(UserFactory(username="reader"))
    response = client.get(url(data))
    assert response.status_code == 200
    assert response.context["form"] is None
    response = client.post(url(data), {f"{prefix(data.actions[0])}-status": "on_track"})
    assert response.status_code == 403
    assert not ProgressUpdate.objects.exists()


def test_a_draft_plan_and_a_period_not_open_have_no_form(client):
    draft = approved_plan(status=PlanStatus.DRAFT)
    client.force_login(draft.officer)
    response = client.get(url(draft))
    assert response.context["form"] is None
    assert "only be recorded on an approved plan" in response.content.decode()
    assert client.post(url(draft), {}).status_code == 403


def test_a_period_not_yet_open_is_refused(client, data):
    client.force_login(data.officer)
    response = client.get(url(data, "2017-Q4"))
    assert response.context["form"] is None
    assert "opens for progress updates on 1 January 2018" in response.content.decode()
    assert client.post(url(data, "2017-Q4"), {}).status_code == 403
    assert client.get(url(data, "2016-Q4")).status_code == 404


def test_the_overdue_milestone_is_flagged_in_words(client, data):
    client.force_login(data.officer)
    html = client.get(url(data)).content.decode()
    assert html.count(">Overdue</strong>") == 1


def test_the_index_lists_the_periods(client, data):
    client.force_login(data.officer)
    response = client.get(reverse("plans:progress", args=[data.plan.pk]))
    html = response.content.decode()
    assert "Q2 2017-18" in html
    assert "Opens 1 January 2018" in html


def test_the_page_makes_the_same_number_of_queries_for_a_bigger_plan(client, data):
    """Twelve rows or sixty: the same queries (selectors own their joins)."""
    client.force_login(data.officer)
    client.get(url(data))
    with CaptureQueriesContext(connection) as small:
        client.get(url(data))
    priority = PriorityFactory(plan=data.plan)
    for _ in range(50):
        action = ActionFactory(priority=priority)
        progress_save(
            plan=data.plan,
            period_code="2017-Q1",
            rows=[RowInput(item=action, status=ProgressStatus.ON_TRACK)],
            user=data.officer,
            today=TODAY,
        )
    with CaptureQueriesContext(connection) as big:
        client.get(url(data))
    assert len(big) == len(small)


def test_a_page_drawn_fresh_makes_no_form_fields_yet_posts_back_what_it_shows(client, data):
    """The page's rows come straight from the plan's progress (a 300-action plan would need 2,000 form fields just
    to draw it); the fields exist once something validates the form, with the values the page showed."""
    client.force_login(data.officer)
    response = client.get(url(data))
    form = response.context["form"]
    assert form._fields == {}
    page = response.content.decode()
    for name, value in page_data(client, data).items():
        if name.endswith("-status") and value:
            assert f'name="{name}"' in page
            assert f'<option value="{value}" selected>' in page
        elif name.endswith("-commentary"):
            assert f'name="{name}" rows="2">{value}</textarea>' in page
        elif name.endswith("-version"):
            assert f'<input type="hidden" name="{name}" value="{value}">' in page
