"""Writing risks: all or nothing, clear messages per field, history on every rating change."""

import datetime

import pytest

from risks.models import Control, Review, Risk, RiskAction
from risks.services import (
    ActionInput,
    ControlInput,
    ForeignRowError,
    Ratings,
    RiskDetails,
    RiskValidationError,
    risk_create,
    risk_review_record,
    risk_update,
)

from ..factories import PersonFactory, PriorityFactory, UserFactory
from .factories import ControlFactory, DivisionRegisterFactory, RiskFactory

pytestmark = pytest.mark.django_db


def _details(**overrides) -> RiskDetails:
    values = {
        "reference": "HR9",
        "title": "Loss of payroll system",
        "controls": [ControlInput(title="Backup payroll run", owner="Head of HR Business Centre")],
        "actions": [ActionInput(title="Test the backup", owner="Payroll Manager", due_text="By March 2014")],
    }
    values.update(overrides)
    return RiskDetails(**values)


def test_create_saves_risk_rows_owners_and_first_review():
    """A new risk is saved with its controls, actions, owners and a first review holding its ratings."""
    register = DivisionRegisterFactory()
    owner = PersonFactory(name="Amanda Beer")
    user = UserFactory(username="officer")
    risk = risk_create(
        register=register,
        details=_details(owners=[owner]),
        ratings=Ratings(3, 4, 2, 4),
        created_by=user,
    )
    assert (risk.current_score, risk.target_score) == (12, 8)
    assert list(risk.controls.values_list("title", "owner")) == [("Backup payroll run", "Head of HR Business Centre")]
    action = risk.actions.get()
    assert (action.due_text, action.due_on) == ("By March 2014", datetime.date(2014, 3, 31))
    assert list(risk.owners.all()) == [owner]
    review = risk.reviews.get()
    assert (review.current_likelihood, review.current_impact, review.reviewer_name) == (3, 4, user.get_full_name())


@pytest.mark.parametrize("bad", [0, 6, -1, "3.5", "NaN", "", "３", "٣", True, 2.0])
def test_create_refuses_bad_scale_values_and_saves_nothing(bad):
    """Only the integers 1-5 pass; anything else is a field error and nothing is written."""
    register = DivisionRegisterFactory()
    with pytest.raises(RiskValidationError) as raised:
        risk_create(register=register, details=_details(), ratings=Ratings(bad, 3, 2, 2))
    assert "current_likelihood" in raised.value.fields
    assert not Risk.objects.exists()
    assert not Control.objects.exists()


def test_half_a_pair_is_refused_with_a_message_on_the_missing_field():
    """Likelihood without impact points at the impact field."""
    with pytest.raises(RiskValidationError) as raised:
        risk_create(register=DivisionRegisterFactory(), details=_details(), ratings=Ratings(3, None, None, None))
    assert raised.value.fields == {"current_impact": ["Select the current impact, or leave both current values empty."]}


def test_assessment_in_progress_is_allowed():
    """A risk may be listed with no rating yet."""
    risk = risk_create(register=DivisionRegisterFactory(), details=_details(), ratings=Ratings.in_progress())
    assert risk.assessment_in_progress
    assert risk.current_score is None


def test_target_above_current_is_accepted():
    """A target worse than the current rating is stored (the page flags it)."""
    risk = risk_create(register=DivisionRegisterFactory(), details=_details(), ratings=Ratings(2, 2, 4, 4))
    assert risk.target_score > risk.current_score


def test_duplicate_reference_is_refused_case_insensitively():
    """hr9 clashes with HR9 in the same register."""
    existing = RiskFactory(reference="HR9")
    with pytest.raises(RiskValidationError) as raised:
        risk_create(register=existing.register, details=_details(reference="hr9"), ratings=Ratings(1, 1, 1, 1))
    assert raised.value.fields["reference"] == ["hr9 is already used in this register. Enter a different reference."]


def test_bad_row_is_reported_against_its_row_and_nothing_is_saved():
    """A control with a NUL and an action due 31/02/2014 are reported per row; the risk is not half-saved."""
    details = _details(
        controls=[ControlInput(title="Fine"), ControlInput(title="Bad\x00text")],
        actions=[ActionInput(title="Check", due_text="31/02/2014")],
    )
    with pytest.raises(RiskValidationError) as raised:
        risk_create(register=DivisionRegisterFactory(), details=details, ratings=Ratings(3, 3, 2, 2))
    assert raised.value.rows == {
        "controls": {1: {"title": ["Null characters are not allowed."]}},
        "actions": {0: {"due_text": ["Enter a real date, for example 31/03/2014, or a month such as March 2014."]}},
    }
    assert not Risk.objects.exists()
    assert not Control.objects.exists()
    assert not RiskAction.objects.exists()


def test_update_edits_adds_removes_and_reorders_rows_without_touching_ratings():
    """Edits apply in the order given; deleted rows go; ratings and history are unchanged."""
    risk = RiskFactory()
    first, second = ControlFactory(risk=risk, title="First"), ControlFactory(risk=risk, title="Second")
    risk_update(
        risk=risk,
        details=_details(
            reference=risk.reference,
            controls=[
                ControlInput(id=second.pk, title="Second, reworded"),
                ControlInput(id=first.pk, title="First", delete=True),
                ControlInput(title="Third"),
            ],
            actions=[],
        ),
    )
    assert list(risk.controls.order_by("position").values_list("title", flat=True)) == ["Second, reworded", "Third"]
    risk.refresh_from_db()
    assert (risk.current_score, risk.reviews.count()) == (9, 1)


def test_update_refuses_rows_of_another_risk():
    """A control id from another risk means a tampered form: refused, nothing changed."""
    risk, other = RiskFactory(), ControlFactory(title="Other risk's control")
    with pytest.raises(ForeignRowError):
        risk_update(
            risk=risk,
            details=_details(reference=risk.reference, controls=[ControlInput(id=other.pk, title="Hijacked")]),
        )
    other.refresh_from_db()
    assert other.title == "Other risk's control"


def test_review_changes_ratings_and_records_history():
    """A review sets the ratings and adds a point to the history; earlier reviews are untouched."""
    risk = RiskFactory()  # 3 × 3, reviewed 1 April 2013
    user = UserFactory(username="reviewer", first_name="Rita", last_name="Reviewer")
    risk_review_record(
        risk=risk, ratings=Ratings(4, 4, 2, 3), reviewed_on=datetime.date(2013, 7, 1), reviewed_by=user, note="Worse."
    )
    risk.refresh_from_db()
    assert (risk.current_score, risk.target_score) == (16, 6)
    history = list(
        Review.objects.filter(risk=risk)
        .order_by("reviewed_on")
        .values_list("current_likelihood", "current_impact", "reviewer_name")
    )
    assert history == [(3, 3, ""), (4, 4, "Rita Reviewer")]


def test_review_in_the_future_or_with_bad_values_is_refused():
    """A review dated tomorrow or with a 6 is refused and the risk keeps its ratings."""
    risk = RiskFactory()
    tomorrow = datetime.date.today() + datetime.timedelta(days=2)
    with pytest.raises(RiskValidationError) as raised:
        risk_review_record(risk=risk, ratings=Ratings(6, 3, 2, 2), reviewed_on=tomorrow, note="")
    assert set(raised.value.fields) == {"current_likelihood", "reviewed_on"}
    risk.refresh_from_db()
    assert risk.current_likelihood == 3
    assert risk.reviews.count() == 1


def test_priorities_must_come_from_the_registers_own_plans():
    """A risk can only threaten priorities of plans in its register's unit."""
    register = DivisionRegisterFactory()
    own = PriorityFactory(plan__division=register.division, plan__directorate=register.directorate)
    foreign = PriorityFactory()
    risk = risk_create(register=register, details=_details(priorities=[own]), ratings=Ratings(2, 2, 1, 1))
    assert list(risk.priorities.all()) == [own]
    with pytest.raises(RiskValidationError) as raised:
        risk_update(risk=risk, details=_details(priorities=[foreign]))
    assert "priorities" in raised.value.fields
