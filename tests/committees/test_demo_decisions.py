"""The demo's Forward Plan and its three decisions from seed 001, loaded once and kept as people leave them."""

import datetime
import io

import pytest

from committees import demo_decisions
from committees.models import Decision, ForwardPlanEntry, ForwardPlanPublication

pytestmark = pytest.mark.django_db


def test_demo_decisions_load_with_their_agenda_items_and_forward_plan(small_meeting):
    """12/01971, 12/02003 (exempt) and 12/01882 are published, each citing its published Forward Plan entry."""
    demo_decisions.load(meeting=small_meeting)
    decisions = {decision.number: decision for decision in Decision.objects.select_related("agenda_item")}
    assert set(decisions) == {"12/01971", "12/02003", "12/01882"}
    assert decisions["12/02003"].exempt_paragraph == 3
    assert decisions["12/02003"].agenda_item.exempt
    assert decisions["12/01971"].agenda_item.section == "B"
    assert all(decision.published_on for decision in decisions.values())
    assert ForwardPlanPublication.objects.get().published_on == datetime.date(2012, 11, 1)
    assert ForwardPlanEntry.objects.get(decision_number="12/02003").private
    assert list(small_meeting.private_notices.values_list("stage", "given_on")) == [
        ("first", datetime.date(2012, 12, 10)),
        ("final", datetime.date(2012, 12, 28)),
    ]


def test_loading_again_keeps_what_people_changed(small_meeting):
    """A second load adds nothing and leaves an edited entry as it was edited."""
    demo_decisions.load(meeting=small_meeting)
    ForwardPlanEntry.objects.filter(decision_number="12/01971").update(consultees="Changed by the clerk")
    demo_decisions.load(meeting=small_meeting)
    assert ForwardPlanEntry.objects.get(decision_number="12/01971").consultees == "Changed by the clerk"
    assert Decision.objects.count() == 3
    assert ForwardPlanPublication.objects.count() == 1


def test_a_second_load_says_it_kept_everything(small_meeting):
    """Entries that approve no plan are not "named" again on every load: the second load changes nothing and says so."""
    demo_decisions.load(meeting=small_meeting)
    out = io.StringIO()
    demo_decisions.load(meeting=small_meeting, stdout=out)
    assert out.getvalue() == "Kept the Forward Plan and decisions: already loaded."
