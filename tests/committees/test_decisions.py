"""The Forward Plan, decision records and call-in: what the 2012 Regulations forbid is refused, by field."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from committees.models import CallInOutcome, Decision, DecisionMaker, ForwardPlanEntry, ForwardPlanPublication
from committees.selectors_decisions import decision_status, forward_plan_entry_earliest_decision
from committees.services.decisions import (
    call_in_record,
    call_in_resolve,
    decision_publish,
    decision_record,
    decision_update,
    forward_plan_entry_create,
    forward_plan_entry_update,
    forward_plan_publish,
)

D = datetime.date
pytestmark = pytest.mark.django_db


def _entry(**overrides) -> ForwardPlanEntry:
    values = {
        "decision_number": "12/01971",
        "subject": "Annual Business Plans 2013-14",
        "decision_maker": DecisionMaker.CABINET_MEMBER,
        "decision_maker_title": "Cabinet Member for Business Strategy, Performance & Health Reform",
        "expected_date": D(2013, 1, 21),
    }
    values.update(overrides)
    return forward_plan_entry_create(values=values)


def _decision_values(entry: ForwardPlanEntry | None, **overrides) -> dict:
    values = {
        "number": entry.decision_number if entry else "12/01882",
        "title": "Annual Business Plans 2013-14",
        "decision_maker": DecisionMaker.CABINET_MEMBER,
        "decision_maker_name": "Mr R W Gough, Cabinet Member for Business Strategy, Performance & Health Reform",
        "key_decision": entry is not None,
        "taken_on": D(2013, 1, 21),
        "decision": "To approve the divisional business plans for 2013-14.",
        "reasons": "Business plans are approved as an annual key decision.",
        "forward_plan_entry": entry,
    }
    values.update(overrides)
    return values


def test_private_entry_needs_its_schedule_12a_paragraph():
    """A decision to be taken in private names its paragraph; a public one may not carry one."""
    with pytest.raises(ValidationError) as caught:
        _entry(private=True)
    assert "exempt_paragraph" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        _entry(exempt_paragraph=3)
    assert "exempt_paragraph" in caught.value.message_dict
    assert ForwardPlanEntry.objects.count() == 0


def test_urgency_route_needs_reasons_who_and_when():
    """A general exception records its reasons, the scrutiny chair told and the date, each by field."""
    with pytest.raises(ValidationError) as caught:
        _entry(urgency="general_exception")
    assert set(caught.value.message_dict) == {"urgency_reasons", "urgency_agreed_by", "urgency_recorded_on"}


def test_decision_numbers_are_unique():
    """Two Forward Plan entries cannot share a decision number (the year is in the number)."""
    _entry()
    with pytest.raises(ValidationError) as caught:
        _entry(subject="Another")
    assert "decision_number" in caught.value.message_dict
    with transaction.atomic(), pytest.raises(IntegrityError):
        ForwardPlanEntry.objects.create(
            decision_number="12/01971",
            subject="x",
            decision_maker="cabinet",
            decision_maker_title="Cabinet",
            expected_date=D(2013, 1, 1),
        )


def test_publishing_keeps_each_version_and_first_publication_date(django_user_model):
    """Each publication keeps its entries; an entry's first publication date never moves."""
    clerk = django_user_model.objects.create_user("clerk")
    entry = _entry()
    first = forward_plan_publish(published_on=D(2012, 12, 1), by=clerk)
    forward_plan_entry_update(entry=entry, values={"subject": "Annual Business Plans (revised)"}, lock_version=1)
    second = forward_plan_publish(published_on=D(2012, 12, 15), by=clerk)
    entry.refresh_from_db()
    assert entry.first_published_on == D(2012, 12, 1)
    assert (first.number, second.number) == (1, 2)
    first.refresh_from_db()
    assert first.entries[0]["subject"] == "Annual Business Plans 2013-14"
    assert second.entries[0]["subject"] == "Annual Business Plans (revised)"
    assert second.entries[0]["first_published_on"] == "2012-12-01"
    assert ForwardPlanPublication.objects.count() == 2


def test_published_decision_number_cannot_change(django_user_model):
    """Once the public has read an entry's number it stays."""
    entry = _entry()
    forward_plan_publish(published_on=D(2012, 12, 1), by=None)
    with pytest.raises(ValidationError) as caught:
        forward_plan_entry_update(entry=entry, values={"decision_number": "12/09999"}, lock_version=1)
    assert "decision_number" in caught.value.message_dict


def test_key_decision_before_28_clear_days_is_refused():
    """Published 1 December: a decision on 29 December is refused naming 30 December; on 30 December it stands."""
    entry = _entry()
    forward_plan_publish(published_on=D(2012, 12, 1), by=None)
    entry.refresh_from_db()
    assert forward_plan_entry_earliest_decision(entry=entry) == D(2012, 12, 30)
    with pytest.raises(ValidationError) as caught:
        decision_record(values=_decision_values(entry, taken_on=D(2012, 12, 29)))
    assert "Sunday 30 December 2012" in caught.value.message_dict["taken_on"][0]
    assert Decision.objects.count() == 0
    decision = decision_record(values=_decision_values(entry, taken_on=D(2012, 12, 30)))
    assert decision.pk


def test_key_decision_never_published_is_refused_without_an_exception():
    """An entry the Forward Plan never published cannot be decided unless an exception is recorded."""
    entry = _entry()
    with pytest.raises(ValidationError) as caught:
        decision_record(values=_decision_values(entry))
    assert "has not yet published" in caught.value.message_dict["taken_on"][0]


@pytest.mark.parametrize("route", ["general_exception", "special_urgency"])
def test_exception_or_urgency_lets_a_key_decision_be_taken_early(route):
    """With a general exception or special urgency recorded, the decision may be taken the next day."""
    entry = _entry(
        urgency=route,
        urgency_reasons="Government funding must be accepted by 4 January",
        urgency_agreed_by="Mr M J Harrison, Chairman of the Scrutiny Committee",
        urgency_recorded_on=D(2012, 12, 20),
    )
    decision = decision_record(values=_decision_values(entry, taken_on=D(2012, 12, 21)))
    assert decision.pk


def test_key_decision_must_cite_its_entry_with_the_same_number():
    """A key decision without its entry, or under another number, is refused by field."""
    with pytest.raises(ValidationError) as caught:
        decision_record(values=_decision_values(None, key_decision=True))
    assert "forward_plan_entry" in caught.value.message_dict
    entry = _entry()
    forward_plan_publish(published_on=D(2012, 12, 1), by=None)
    entry.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        decision_record(values=_decision_values(entry, number="12/00001"))
    assert "12/01971" in caught.value.message_dict["number"][0]


def test_officer_decision_that_is_not_key_needs_no_forward_plan():
    """An officer decision under delegated powers is recorded the same way, with no Forward Plan entry."""
    decision = decision_record(
        values=_decision_values(
            None, decision_maker=DecisionMaker.OFFICER, decision_maker_name="Director of Property", key_decision=False
        )
    )
    assert decision.get_decision_maker_display() == "Officer under delegated powers"


def test_published_decision_cannot_be_edited():
    """A correction to a published decision is a new record, never an edit."""
    decision = decision_record(values=_decision_values(None, taken_on=D(2013, 1, 8)))
    decision_publish(decision=decision, published_on=D(2013, 1, 22))
    with pytest.raises(ValidationError):
        decision_update(decision=decision, values={"title": "Changed"}, lock_version=1)


def test_call_in_stops_the_decision_taking_effect_until_resolved():
    """Called in inside the window, a decision is not in effect; upheld, it takes effect the day after."""
    decision = decision_record(values=_decision_values(None, taken_on=D(2013, 1, 8)))
    decision_publish(decision=decision, published_on=D(2013, 1, 9))
    decision = Decision.objects.prefetch_related("call_ins").get(pk=decision.pk)
    assert decision_status(decision=decision, today=D(2013, 1, 10)).effective_on == D(2013, 1, 17)
    call_in = call_in_record(
        decision=decision,
        values={"received_on": D(2013, 1, 16), "members": "Mr M Baldock, Mr T Prater", "reasons": "Consultation"},
    )
    decision = Decision.objects.prefetch_related("call_ins").get(pk=decision.pk)
    status = decision_status(decision=decision, today=D(2013, 1, 20))
    assert status.effective_on is None
    assert status.called_in
    assert status.label.startswith("Called in")
    call_in_resolve(call_in=call_in, outcome=CallInOutcome.UPHELD, resolved_on=D(2013, 1, 24))
    decision = Decision.objects.prefetch_related("call_ins").get(pk=decision.pk)
    assert decision_status(decision=decision, today=D(2013, 1, 24)).effective_on == D(2013, 1, 25)
    assert decision_status(decision=decision, today=D(2013, 1, 25)).label == "In effect since 25 January 2013"


def test_call_in_after_the_window_or_of_an_unpublished_decision_is_refused():
    """The window closes at the end of its last clear working day; before publication there is none."""
    decision = decision_record(values=_decision_values(None, taken_on=D(2013, 1, 8)))
    values = {"received_on": D(2013, 1, 17), "members": "Mr M Baldock", "reasons": "Late"}
    with pytest.raises(ValidationError) as caught:
        call_in_record(decision=decision, values=values)
    assert "not subject to call-in" in caught.value.message_dict["received_on"][0]
    decision_publish(decision=decision, published_on=D(2013, 1, 9))
    with pytest.raises(ValidationError) as caught:
        call_in_record(decision=decision, values=values)
    assert "Wednesday 16 January 2013" in caught.value.message_dict["received_on"][0]


def test_referred_back_decision_never_takes_effect():
    """Referred back to the decision maker, the record says so and gives no effective date."""
    decision = decision_record(values=_decision_values(None, taken_on=D(2013, 1, 8)))
    decision_publish(decision=decision, published_on=D(2013, 1, 9))
    call_in = call_in_record(
        decision=decision, values={"received_on": D(2013, 1, 10), "members": "Mr M Baldock", "reasons": "Cost"}
    )
    call_in_resolve(call_in=call_in, outcome=CallInOutcome.REFERRED_BACK, resolved_on=D(2013, 1, 20))
    decision = Decision.objects.prefetch_related("call_ins").get(pk=decision.pk)
    status = decision_status(decision=decision, today=D(2013, 3, 1))
    assert status.effective_on is None
    assert status.label == "Called in and referred back to the decision maker"


def test_decision_not_subject_to_call_in_takes_effect_when_published():
    """Zero call-in days (an urgent decision): in effect on the day it is published."""
    decision = decision_record(values=_decision_values(None, taken_on=D(2013, 1, 8), call_in_working_days=0))
    decision_publish(decision=decision, published_on=D(2013, 1, 9))
    decision = Decision.objects.prefetch_related("call_ins").get(pk=decision.pk)
    assert decision_status(decision=decision, today=D(2013, 1, 9)).effective_on == D(2013, 1, 9)
