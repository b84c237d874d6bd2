"""One-time form tokens: an "add" form sent twice (a double click, a resend after a timeout) creates one row.

The convention: the created model has a unique ``submit_token`` (``submit_token_field()``); the add page
carries a fresh token in a hidden field (``SubmitTokenForm``, rendered as ``{{ token_form.submit_token }}``,
kept when the page is shown again with errors); the service creates through ``once_create``, which returns
the row an earlier send with the same token created instead of making another one. Two sends racing each
other both get past the first look-up, but the unique token stops the second insert, and the second send
then finds and returns the first one's row rather than failing with a 500.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.db import IntegrityError, models, transaction

from .forms import FieldsOnlyMixin

M = TypeVar("M", bound=models.Model)


def submit_token_field() -> models.UUIDField:
    """Where a created row keeps the token of the form that created it (empty for rows made another way)."""
    return models.UUIDField(
        null=True, blank=True, unique=True, editable=False, help_text="The one-time token of the form that added it."
    )


class SubmitTokenForm(FieldsOnlyMixin, forms.Form):
    """A new token for each blank add form; a bound form (shown again after an error) keeps the one sent."""

    submit_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, data=None, **kwargs):
        kwargs.setdefault("initial", {"submit_token": uuid.uuid4()})
        super().__init__(data, **kwargs)

    @property
    def token(self) -> uuid.UUID | None:
        """The token sent, or None if it was missing or malformed (then the send is not de-duplicated)."""
        return self.cleaned_data.get("submit_token") if self.is_valid() else None


def _created_with(model: type[M], token: uuid.UUID) -> M | None:
    return model._default_manager.filter(submit_token=token).first()


def once_create(*, model: type[M], token: uuid.UUID | None, create: Callable[[], M]) -> tuple[M, bool]:
    """``(row, True)`` from ``create()``, or ``(earlier row, False)`` if ``token`` already created one.

    ``create`` must store ``token`` as the new row's ``submit_token``. It runs in a savepoint, so a failed
    insert leaves the caller's transaction usable; an ``IntegrityError`` that is not this token's (a clash on
    another unique field) is re-raised for the caller to turn into a field error.
    """
    if token is not None and (earlier := _created_with(model, token)) is not None:
        return earlier, False
    try:
        with transaction.atomic():
            return create(), True
    except IntegrityError:
        if token is not None and (earlier := _created_with(model, token)) is not None:
            return earlier, False
        raise
