"""The Forward Plan and decision pages: democratic services keep them, anyone reads what was published."""

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from committees.models import Decision, DecisionMaker, ForwardPlanEntry
from committees.services.decisions import decision_publish, decision_record, forward_plan_entry_create

from ..support.pdf import pdf_text, reading_problems
from .factories import CANARY

D = datetime.date
pytestmark = pytest.mark.django_db


def _date(name: str, day: D) -> dict:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


ENTRY = {
    "decision_number": "12/01971",
    "subject": "Annual Business Plans 2013-14",
    "decision_maker": "cabinet_member",
    "decision_maker_title": "Cabinet Member for Business Strategy, Performance & Health Reform",
    "consultees": "Policy and Resources Cabinet Committee",
    "representations": "Write to the Head of Democratic Services",
    **_date("expected_date", D(2013, 1, 21)),
}


def test_clerk_adds_and_publishes_an_entry_then_the_public_reads_it(client, clerk):
    """The entry is saved, publishing freezes it, and the public Forward Plan shows it with its dates in words."""
    client.force_login(clerk)
    response = client.post(reverse("committees:entry_create"), ENTRY)
    assert response.status_code == 302, response.content.decode()
    entry = ForwardPlanEntry.objects.get()
    response = client.post(reverse("committees:forward_plan_publish"), _date("published_on", D(2012, 12, 1)))
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.first_published_on == D(2012, 12, 1)
    client.logout()
    page = client.get(reverse("committees_public:forward_plan")).content.decode()
    assert "12/01971 Annual Business Plans 2013-14" in page
    assert "21 January 2013" in page
    assert "1 December 2012" in page


def test_bad_entry_shows_errors_next_to_the_fields_and_keeps_what_was_typed(client, clerk):
    """A private entry without its paragraph and an impossible date come back as field errors; nothing saved."""
    client.force_login(clerk)
    response = client.post(
        reverse("committees:entry_create"),
        {**ENTRY, "private": "on", "expected_date_0": "31", "expected_date_1": "2"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter the paragraph of Schedule 12A that makes it private" in page or "must be a real date" in page
    assert "Annual Business Plans 2013-14" in page
    assert ForwardPlanEntry.objects.count() == 0


def test_decision_taken_too_early_is_refused_on_the_form(client, clerk):
    """Recording a key decision before its 28 clear days names the first allowed day next to the date."""
    entry = forward_plan_entry_create(
        values={
            "decision_number": "12/01971",
            "subject": "Annual Business Plans 2013-14",
            "decision_maker": DecisionMaker.CABINET_MEMBER,
            "decision_maker_title": "Cabinet Member",
            "expected_date": D(2013, 1, 21),
        }
    )
    client.force_login(clerk)
    client.post(reverse("committees:forward_plan_publish"), _date("published_on", D(2012, 12, 20)))
    response = client.post(
        reverse("committees:decision_create"),
        {
            "number": "12/01971",
            "title": "Annual Business Plans 2013-14",
            "decision_maker": "cabinet_member",
            "decision_maker_name": "Mr R W Gough",
            "key_decision": "on",
            "decision": "Approve the plans.",
            "reasons": "Annual key decision.",
            "forward_plan_entry": str(entry.pk),
            "call_in_working_days": "5",
            **_date("taken_on", D(2013, 1, 8)),
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "cannot be taken before Friday 18 January 2013" in page
    assert Decision.objects.count() == 0


def _exempt_decision() -> Decision:
    decision = decision_record(
        values={
            "number": "12/02003",
            "title": "Kent and Medway Broadband Delivery UK (BDUK) Project",
            "decision_maker": DecisionMaker.CABINET_MEMBER,
            "decision_maker_name": "Mr M C Dance",
            "taken_on": D(2013, 1, 14),
            "decision": f"Award the contract to the preferred bidder {CANARY}.",
            "reasons": f"Best value {CANARY}.",
            "exempt_paragraph": 3,
        }
    )
    return decision_publish(decision=decision, published_on=D(2013, 1, 15))


def test_exempt_decision_record_never_reaches_the_public_page(client):
    """The public notice of an exempt record gives its number, title and paragraph, never its content."""
    decision = _exempt_decision()
    page = client.get(reverse("committees_public:decision_detail", args=[decision.pk])).content.decode()
    assert "12/02003" in page
    assert "paragraph 3 of Part 1 of Schedule 12A" in page
    assert CANARY not in page
    listing = client.get(reverse("committees_public:decision_list")).content.decode()
    assert "12/02003" in listing
    assert CANARY not in listing


def test_unpublished_decision_is_not_public(client):
    """A decision recorded but not published is a 404 to the public."""
    decision = decision_record(
        values={
            "number": "12/01882",
            "title": "Proposed sale of the former Hereson School",
            "decision_maker": DecisionMaker.CABINET_MEMBER,
            "decision_maker_name": "Mr J D Simmonds",
            "taken_on": D(2013, 1, 14),
            "decision": "Sell the site.",
            "reasons": "Surplus.",
        }
    )
    assert client.get(reverse("committees_public:decision_detail", args=[decision.pk])).status_code == 404


def test_staff_pages_are_for_democratic_services(client, officer, clerk):
    """An officer without the role is refused the Forward Plan and decision pages; the clerk reads them."""
    client.force_login(officer)
    assert client.get(reverse("committees:forward_plan")).status_code == 403
    assert client.get(reverse("committees:decision_list")).status_code == 403
    client.force_login(clerk)
    assert client.get(reverse("committees:forward_plan")).status_code == 200
    assert client.get(reverse("committees:decision_list")).status_code == 200
    assert client.get(reverse("committees:decision_create")).status_code == 200


def test_call_in_recorded_and_resolved_through_the_decision_page(client, clerk):
    """The clerk records a call-in inside the window and then its outcome; the status follows."""
    decision = decision_record(
        values={
            "number": "12/01882",
            "title": "Proposed sale of the former Hereson School",
            "decision_maker": DecisionMaker.CABINET_MEMBER,
            "decision_maker_name": "Mr J D Simmonds",
            "taken_on": D(2013, 1, 8),
            "decision": "Sell the site.",
            "reasons": "Surplus.",
        }
    )
    decision_publish(decision=decision, published_on=D(2013, 1, 9))
    client.force_login(clerk)
    response = client.post(
        reverse("committees:call_in_add", args=[decision.pk]),
        {"members": "Mr M Baldock", "reasons": "Price", **_date("received_on", D(2013, 1, 30))},
    )
    assert response.status_code == 400
    assert "The call-in window ran from 9 January 2013" in response.content.decode()
    response = client.post(
        reverse("committees:call_in_add", args=[decision.pk]),
        {"members": "Mr M Baldock", "reasons": "Price", **_date("received_on", D(2013, 1, 14))},
    )
    assert response.status_code == 302
    call_in = decision.call_ins.get()
    response = client.post(
        reverse("committees:call_in_resolve", args=[decision.pk, call_in.pk]),
        {"outcome": "upheld", **_date("resolved_on", D(2013, 1, 21))},
    )
    assert response.status_code == 302
    page = client.get(reverse("committees_public:decision_detail", args=[decision.pk])).content.decode()
    assert "Decision stands" in page


def test_published_notice_is_a_tagged_pdf_that_reads_true(client, django_capture_on_commit_callbacks):
    """Publishing renders the notice once (a task on commit); the public PDF is tagged, and an exempt one is empty
    of its content."""
    decision = decision_record(
        values={
            "number": "12/02003",
            "title": "Kent and Medway Broadband Delivery UK (BDUK) Project",
            "decision_maker": DecisionMaker.CABINET_MEMBER,
            "decision_maker_name": "Mr R W Gough",
            "taken_on": D(2013, 1, 14),
            "decision": f"Award the contract {CANARY}.",
            "reasons": "Best value.",
            "exempt_paragraph": 3,
        }
    )
    url = reverse("committees_public:decision_pdf", args=[decision.pk])
    assert client.get(url).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        decision_publish(decision=decision, published_on=D(2013, 1, 15))
    response = client.get(url)
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    reader = PdfReader(io.BytesIO(content))
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    text = pdf_text(content)
    assert "12/02003" in text
    assert "paragraph 3 of Part 1 of Schedule 12A" in text
    assert CANARY not in text
    assert reading_problems(content) == []
