"""The shared optimistic lock (kcc_planning.locking) and one-time form token (kcc_planning.once)."""

import uuid
from unittest import mock

import pytest
from django.db import IntegrityError, transaction

from kcc_planning import once
from kcc_planning.locking import EditConflict, LockVersionForm, conflict_context, lock_bump, lock_check
from kcc_planning.once import SubmitTokenForm, once_create
from plans.forms import LockedForm, PlanSummaryForm
from plans.models import Plan
from plans.services import PlanConflictError, plan_section_save
from risks.models import Risk

from ..factories import DivisionalPlanFactory
from ..risks.factories import DivisionRegisterFactory, RiskFactory

pytestmark = pytest.mark.django_db


def test_a_matching_version_passes_and_bump_gives_the_next_one():
    """The stored version is returned; ``lock_bump`` sets the next one for the caller's save."""
    plan = DivisionalPlanFactory()
    with transaction.atomic():
        assert lock_check(instance=plan, submitted=plan.lock_version) == 1
        lock_bump(instance=plan, submitted=1)
        assert plan.lock_version == 2


def test_a_stale_version_raises_with_the_saved_record():
    """Someone saved since the form was loaded: ``EditConflict`` carries the record as now saved."""
    plan = DivisionalPlanFactory(status_note="Theirs")
    Plan.objects.filter(pk=plan.pk).update(lock_version=5)
    plan.status_note = "Mine, typed into the form"
    with transaction.atomic(), pytest.raises(EditConflict) as raised:
        lock_check(instance=plan, submitted=4)
    assert raised.value.saved.status_note == "Theirs"
    assert raised.value.saved.lock_version == 5


def test_no_version_sent_means_no_check():
    """Imports and scripts send no version: nothing to compare, the write goes ahead."""
    plan = DivisionalPlanFactory()
    Plan.objects.filter(pk=plan.pk).update(lock_version=9)
    with transaction.atomic():
        assert lock_check(instance=plan, submitted=None) == 9


def test_the_check_refuses_to_run_outside_a_transaction():
    """A row lock outside a transaction ends at once, so two saves could both pass: that is a bug, said loudly."""
    plan = DivisionalPlanFactory()
    with mock.patch("django.db.transaction.get_connection") as connection:
        connection.return_value.in_atomic_block = False
        with pytest.raises(RuntimeError):
            lock_check(instance=plan, submitted=1)


def test_plan_sections_use_the_shared_lock():
    """Plans raise the shared ``EditConflict`` (``PlanConflictError`` is the same class) and save nothing."""
    plan = DivisionalPlanFactory(status_note="Before")
    assert PlanConflictError is EditConflict
    Plan.objects.filter(pk=plan.pk).update(lock_version=3)
    with pytest.raises(EditConflict):
        plan_section_save(plan=plan, values={"status_note": "Stale"}, tables=[], lock_version=2)
    plan.refresh_from_db()
    assert plan.status_note == "Before"


def test_plan_lock_form_still_requires_a_version_but_the_shared_form_does_not():
    """Plan pages always sent a version; the other edit pages treat a missing one as "do not check"."""
    assert not LockedForm({}).is_valid()
    shared = LockVersionForm({})
    assert shared.submitted is None
    assert LockVersionForm({"lock_version": "7"}).submitted == 7
    assert LockVersionForm({"lock_version": "seven"}).submitted is None


def test_conflict_context_lists_the_saved_values_under_the_form_labels():
    """The conflict page shows each field as the other person saved it, labelled as the form labels it."""
    plan = DivisionalPlanFactory(status_note="Draft for P&R", summary_fte="")
    form = PlanSummaryForm({"status_note": "Mine"}, instance=plan)
    context = conflict_context(EditConflict(plan), form=form, noun="plan", names=["status_note", "summary_fte"])
    assert context["noun"] == "plan"
    assert context["saved"] == [
        (form["status_note"].label, "Draft for P&R"),
        (form["summary_fte"].label, ""),
    ]


def test_a_token_creates_once_and_returns_the_same_row_when_sent_again():
    """The second send with the same token gets the first send's row; no second row is made."""
    register = DivisionRegisterFactory()
    token = uuid.uuid4()

    def create():
        return RiskFactory(register=register, reference=f"R{Risk.objects.count() + 1}", submit_token=token)

    first, created = once_create(model=Risk, token=token, create=create)
    again, created_again = once_create(model=Risk, token=token, create=create)
    assert (created, created_again) == (True, False)
    assert again.pk == first.pk
    assert Risk.objects.filter(register=register).count() == 1


def test_a_racing_second_send_finds_the_first_row_instead_of_failing():
    """Both sends pass the first look-up; the unique token stops the second insert, which then returns row one."""
    register = DivisionRegisterFactory()
    token = uuid.uuid4()
    first = RiskFactory(register=register, reference="R1", submit_token=token)
    real = once._created_with
    # The first look-up misses, as it does when the other request has not committed yet.
    with mock.patch.object(once, "_created_with", side_effect=[None, real(Risk, token)]):
        row, created = once_create(
            model=Risk, token=token, create=lambda: RiskFactory(register=register, reference="R2", submit_token=token)
        )
    assert (row.pk, created) == (first.pk, False)
    assert Risk.objects.filter(register=register).count() == 1


def test_a_clash_on_another_unique_field_is_left_to_the_caller():
    """An IntegrityError that is not the token's is re-raised, and the caller's transaction is still usable."""
    register = DivisionRegisterFactory()
    RiskFactory(register=register, reference="R1")
    with transaction.atomic():
        with pytest.raises(IntegrityError):
            once_create(
                model=Risk,
                token=uuid.uuid4(),
                create=lambda: Risk.objects.create(register=register, reference="R1", title="Copy"),
            )
        assert Risk.objects.filter(register=register).count() == 1


def test_the_token_form_gives_a_fresh_token_and_keeps_a_sent_one():
    """A blank form gets a new token each time; a sent form keeps its own (malformed: not de-duplicated)."""
    assert SubmitTokenForm().initial["submit_token"] != SubmitTokenForm().initial["submit_token"]
    token = uuid.uuid4()
    assert SubmitTokenForm({"submit_token": str(token)}).token == token
    assert SubmitTokenForm({"submit_token": "not-a-uuid"}).token is None
