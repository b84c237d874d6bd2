"""Writes to risks: create, edit details (with controls and actions), record a review, delete.

Ratings change only through a review, so every rating a risk has had is in
its history and the register can show the movement since the last review.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from kcc_planning.locking import lock_bump
from kcc_planning.once import once_create
from kcc_planning.validation import RowInput, full_clean_errors, length_message, rows_check, text_errors
from plans.models import Person, Priority

from ..due import due_error, parse_due
from ..models import Control, Register, Review, Risk, RiskAction, RiskOwner
from .errors import RiskValidationError
from .ratings import Ratings, _ratings_errors

if TYPE_CHECKING:
    from django.contrib.auth.models import User

RISK_FIELDS = ("reference", "title", "source_cause", "risk_events", "consequences", "next_review_on")


@dataclass
class ControlInput:
    title: str
    owner: str = ""
    id: int | None = None
    delete: bool = False


@dataclass
class ActionInput:
    title: str
    owner: str = ""
    due_text: str = ""
    done: bool = False
    id: int | None = None
    delete: bool = False


@dataclass(frozen=True)
class OwnerInput:
    """A risk owner with the role as the register words it (kept even if the person's job title changes)."""

    person: Person
    role: str = ""


@dataclass
class RiskDetails:
    """Everything about a risk except its ratings."""

    reference: str
    title: str
    source_cause: str = ""
    risk_events: str = ""
    consequences: str = ""
    next_review_on: datetime.date | None = None
    owners: Sequence[Person | OwnerInput] = ()
    priorities: Sequence[Priority] = ()
    controls: Sequence[ControlInput] = field(default_factory=list)
    actions: Sequence[ActionInput] = field(default_factory=list)


def _reviewer_name(user: User | None) -> str:
    if user is None:
        return ""
    person = getattr(user, "person", None)
    return (person.name if person else "") or user.get_full_name() or user.get_username()


def _check_details(risk: Risk, details: RiskDetails, errors: RiskValidationError) -> None:
    values = {name: getattr(details, name) for name in RISK_FIELDS}
    errors.add_all(text_errors(values))
    if errors:
        return
    for name, value in values.items():
        setattr(risk, name, value)
    if isinstance(risk.reference, str):
        risk.reference = risk.reference.strip()
    if risk.reference and _reference_taken(risk.register, risk.reference, exclude=risk):
        errors.add_all(_reference_error(risk.reference).fields)
    # The model's own unique check is replaced by the case-insensitive one above.
    for name, messages in full_clean_errors(risk, exclude=["register"]).items():
        if name == "__all__":
            messages = [m for m in messages if "reference" not in m.lower()]
        errors.add_all({name: messages})
    allowed = _allowed_priority_ids(risk.register)
    if any(priority.pk not in allowed for priority in details.priorities):
        errors.add("priorities", "Choose priorities from this register's own plans.")


def _reference_taken(register: Register, reference: str, *, exclude: Risk | None = None) -> bool:
    same = Risk.objects.filter(register=register, reference__iexact=reference)
    return same.exclude(pk=exclude.pk if exclude else None).exists()


def _reference_error(reference: str) -> RiskValidationError:
    message = f"{reference} is already used in this register. Enter a different reference."
    return RiskValidationError(fields={"reference": [message]})


def _allowed_priority_ids(register: Register) -> set[int]:
    from ..selectors import register_priorities

    return set(register_priorities(register=register).values_list("pk", flat=True))


def _check_rows(risk: Risk, table: str, model, rows: Sequence, fields: tuple[str, ...], errors, prepare=None):
    """Check one table's rows; they are created, updated, deleted and ordered only if the whole risk is valid."""
    existing = {obj.pk: obj for obj in model.objects.filter(risk=risk)} if risk.pk else {}
    inputs = [
        RowInput(
            id=row.id,
            values={name: _stripped(getattr(row, name)) for name in fields},
            delete=row.delete,
        )
        for row in rows
    ]
    return rows_check(
        table=table,
        existing=existing,
        new_row=lambda: model(risk=risk),
        rows=inputs,
        errors=errors,
        exclude=["risk"],
        prepare=prepare,
    )


def _stripped(value):
    return value.strip() if isinstance(value, str) else value


def _prepare_action(action: RiskAction, index: int) -> dict[str, list[str]]:
    message = due_error(action.due_text)
    if message:
        return {"due_text": [message]}
    action.due_on = parse_due(action.due_text)
    return {}


def _save_rows(risk: Risk, kept: list, doomed: list) -> None:
    for instance in doomed:
        instance.delete()
    for instance in kept:
        instance.risk = risk
        instance.save()


def _set_owners(risk: Risk, owners: Sequence[Person | OwnerInput]) -> None:
    """Keep the listed order and roles of owners that stay; new owners go after them."""
    wanted: dict[int, OwnerInput] = {}
    for owner in owners:
        item = owner if isinstance(owner, OwnerInput) else OwnerInput(person=owner)
        wanted.setdefault(item.person.pk, item)
    current = {ownership.person_id: ownership for ownership in RiskOwner.objects.filter(risk=risk)}
    RiskOwner.objects.filter(risk=risk).exclude(person_id__in=wanted).delete()
    arrival = list(wanted)
    order = sorted(arrival, key=lambda pk: (current[pk].position if pk in current else 10**6, arrival.index(pk)))
    for position, person_id in enumerate(order, start=1):
        item = wanted[person_id]
        role = item.role or (current[person_id].role if person_id in current else "")
        RiskOwner.objects.update_or_create(risk=risk, person=item.person, defaults={"position": position, "role": role})


def _save_details(risk: Risk, details: RiskDetails, errors: RiskValidationError) -> None:
    controls = _check_rows(risk, "controls", Control, details.controls, ("title", "owner"), errors)
    actions = _check_rows(
        risk, "actions", RiskAction, details.actions, ("title", "owner", "due_text", "done"), errors, _prepare_action
    )
    # An owner's role is refused when too long, never cut short (it comes from imported registers).
    role_limit = RiskOwner._meta.get_field("role").max_length
    for owner in details.owners:
        if isinstance(owner, OwnerInput) and len(owner.role or "") > role_limit:
            errors.add("owners", length_message(f"The role of {owner.person}", role_limit))
    if errors:
        raise errors
    risk.save()
    _save_rows(risk, *controls)
    _save_rows(risk, *actions)
    _set_owners(risk, details.owners)
    risk.priorities.set(details.priorities)


@transaction.atomic
def risk_create(
    *,
    register: Register,
    details: RiskDetails,
    ratings: Ratings,
    created_by: User | None = None,
    reviewed_on: datetime.date | None = None,
    review_note: str = "Risk added to the register.",
    submit_token: uuid.UUID | None = None,
) -> Risk:
    """Add a risk with its first assessment (a review, so its history starts here).

    The add form's ``submit_token`` makes a second send of the same form return the risk the first created.
    """

    def create() -> Risk:
        next_position = (register.risks.aggregate(top=Max("position"))["top"] or 0) + 1
        risk = Risk(register=register, position=next_position, submit_token=submit_token)
        errors = RiskValidationError()
        errors.add_all(_ratings_errors(ratings))
        if not errors.fields:
            for name, value in ratings.as_dict().items():
                setattr(risk, name, value)
        _check_details(risk, details, errors)
        _save_details(risk, details, errors)
        _record_review(
            risk=risk,
            ratings=ratings,
            reviewed_on=reviewed_on or timezone.localdate(),
            reviewed_by=created_by,
            note=review_note,
        )
        return risk

    try:
        risk = once_create(model=Risk, token=submit_token, create=create)[0]
    except IntegrityError:
        # Another request took the reference between our check and our insert: the same message the check gives.
        reference = (details.reference or "").strip()
        if _reference_taken(register, reference):
            raise _reference_error(reference) from None
        raise
    if risk.register_id != register.pk:
        raise PermissionDenied  # a token is only sent back by the add form of the register it was given for
    return risk


@transaction.atomic
def risk_update(*, risk: Risk, details: RiskDetails, lock_version: int | None = None) -> Risk:
    """Change a risk's details, owners, priorities, controls and actions.

    Not its ratings: those change only through ``risk_review_record``. ``lock_version`` is the version the
    edit page was loaded with: ``EditConflict`` if someone else saved the risk since (None: not checked).
    """
    # Locked before it is read, so a review recorded meanwhile is not overwritten by stale ratings.
    risk = Risk.objects.select_for_update().select_related("register").get(pk=risk.pk)
    lock_bump(instance=risk, submitted=lock_version)
    errors = RiskValidationError()
    _check_details(risk, details, errors)
    _save_details(risk, details, errors)
    return risk


def _record_review(*, risk: Risk, ratings: Ratings, reviewed_on, reviewed_by: User | None, note: str) -> Review:
    review = Review(
        risk=risk,
        reviewed_on=reviewed_on,
        reviewed_by=reviewed_by,
        reviewer_name=_reviewer_name(reviewed_by),
        note=note,
        **ratings.as_dict(),
    )
    review.full_clean(exclude=["risk", "reviewed_by"])
    review.save()
    return review


@transaction.atomic
def risk_review_record(
    *, risk: Risk, ratings: Ratings, reviewed_on: datetime.date, reviewed_by: User | None = None, note: str = ""
) -> Review:
    """Record a review: the ratings as they now stand become the risk's ratings and a point in its history."""
    risk = Risk.objects.select_for_update().get(pk=risk.pk)
    errors = RiskValidationError()
    errors.add_all({**_ratings_errors(ratings), **text_errors({"note": note})})
    if reviewed_on is None:
        errors.add("reviewed_on", "Enter the date of the review.")
    elif reviewed_on > timezone.localdate():
        errors.add("reviewed_on", "The date of the review must be today or in the past.")
    if errors:
        raise errors
    for name, value in ratings.as_dict().items():
        setattr(risk, name, value)
    errors.add_all(full_clean_errors(risk, exclude=["register"]))
    if errors:
        raise errors
    risk.save(update_fields=[*ratings.as_dict(), "updated_at"])
    return _record_review(risk=risk, ratings=ratings, reviewed_on=reviewed_on, reviewed_by=reviewed_by, note=note)


@transaction.atomic
def risk_delete(*, risk: Risk) -> None:
    """Remove a risk with its controls, actions and history."""
    Risk.objects.filter(pk=risk.pk).delete()
