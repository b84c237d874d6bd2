"""One date field for every date typed in the app: the GOV.UK date input (day, month, year), GOV.UK messages.

Bad dates get a message next to the field and in the error summary (linking to the box that is wrong), and what
was typed stays in the boxes: nothing is lost. A whole date posted under the field's own name is read too.
"""

import datetime

import pytest
from crispy_forms.utils import render_crispy_form
from django import forms
from django.urls import reverse

from committees.forms import BuildForm, MeetingForm
from kcc_planning.forms import FieldsOnlyMixin, GovukDateField, error_list
from kcc_planning.roles import Role
from risks.forms import ReviewForm

from ..committees.factories import MeetingFactory
from ..factories import PASSWORD
from ..support.users import user_in


class PublicationForm(FieldsOnlyMixin, forms.Form):
    published_on = GovukDateField(label="Date of publication", noun="the date of publication")
    reviewed_on = GovukDateField(label="Next review", required=False)


def _form(**data) -> PublicationForm:
    return PublicationForm({key: value for key, value in data.items()})


def test_three_boxes_make_a_date():
    form = _form(published_on_0="21", published_on_1="12", published_on_2="2012")
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"published_on": datetime.date(2012, 12, 21), "reviewed_on": None}


@pytest.mark.parametrize(
    ("day", "month", "year", "message", "anchor"),
    [
        ("", "", "", "Enter the date of publication", "#id_published_on_0"),
        ("21", "", "2012", "The date of publication must include a month", "#id_published_on_1"),
        ("", "", "2012", "The date of publication must include a day and month", "#id_published_on_0"),
        ("30", "12", "", "The date of publication must include a year", "#id_published_on_2"),
        ("30", "2", "2013", "The date of publication must be a real date", "#id_published_on_0"),
        ("12", "30", "2012", "The date of publication must be a real date", "#id_published_on_0"),
        ("21", "Dec", "2012", "The date of publication must be a real date", "#id_published_on_1"),
        ("21", "12", "12", "Year must include 4 numbers", "#id_published_on_2"),
    ],
)
def test_bad_dates_get_the_govuk_message_linked_to_the_wrong_box(day, month, year, message, anchor):
    form = _form(published_on_0=day, published_on_1=month, published_on_2=year)

    assert not form.is_valid()
    assert form.errors["published_on"] == [message]
    assert error_list(form) == [(anchor, message)]


def test_what_was_typed_stays_in_the_boxes_and_only_the_wrong_box_is_marked():
    """12/30/2012 (the American order): the page comes back with 12, 30 and 2012 still in the boxes."""
    form = _form(published_on_0="21", published_on_1="", published_on_2="2012")
    form.is_valid()

    html = render_crispy_form(form)

    assert 'name="published_on_0" value="21"' in html
    assert 'name="published_on_2" value="2012"' in html
    assert 'class="govuk-date-input"' in html
    assert "govuk-form-group--error" in html
    month = html[html.index('name="published_on_1"') :].split(">", 1)[0]
    day = html[html.index('name="published_on_0"') :].split(">", 1)[0]
    assert "govuk-input--error" in month
    assert "govuk-input--error" not in day
    assert 'inputmode="numeric"' in day
    assert 'type="date"' not in html


def test_an_optional_date_may_be_left_blank_but_not_half_filled():
    assert _form(published_on="2012-12-21", reviewed_on_0="", reviewed_on_1="", reviewed_on_2="").is_valid()
    half = _form(published_on="2012-12-21", reviewed_on_0="1", reviewed_on_1="", reviewed_on_2="")
    assert half.errors["reviewed_on"] == ["Next review must include a month and year"]


@pytest.mark.parametrize(("whole", "expected"), [("2012-12-21", datetime.date(2012, 12, 21)), ("21/12/2012", None)])
def test_a_whole_date_under_the_fields_own_name_is_read(whole, expected):
    """Scripts and older clients post one value ("2012-12-21" or "21/12/2012"); it is read like the three boxes."""
    form = _form(published_on=whole)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["published_on"] == (expected or datetime.date(2012, 12, 21))


def test_a_whole_value_that_is_no_date_is_refused_and_kept():
    form = _form(published_on="12/30/2012")
    assert form.errors["published_on"] == ["The date of publication must be a real date"]
    assert 'value="12/30/2012"' in render_crispy_form(form)


def test_every_date_the_app_asks_for_uses_the_govuk_date_input():
    """The meeting date, the date of publication and the risk review dates: no native or free-text date box."""
    fields = [
        MeetingForm().fields["date"],
        BuildForm(meeting_date=datetime.date(2013, 1, 8)).fields["published_on"],
        ReviewForm().fields["reviewed_on"],
    ]
    assert all(isinstance(field, GovukDateField) for field in fields)


@pytest.mark.django_db
def test_a_bad_publication_date_comes_back_with_the_govuk_error_and_the_typed_date(client):
    """Building a pack with 30/02/2013: a 400 page with the error summary, the field error and the boxes as typed."""
    meeting = MeetingFactory()
    clerk = user_in(Role.DEMOCRATIC_SERVICES, "clerk")
    client.login(username=clerk.username, password=PASSWORD)

    response = client.post(
        reverse("committees:pack_build", args=[meeting.pk]),
        {"published_on_0": "30", "published_on_1": "2", "published_on_2": "2013"},
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert 'class="govuk-error-summary"' in page
    assert 'href="#id_published_on_0">The date of publication must be a real date</a>' in page
    assert 'name="published_on_0" value="30"' in page
    assert 'name="published_on_1" value="2"' in page
    assert meeting.pack_builds.count() == 0
