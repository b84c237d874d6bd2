"""Optimistic locking, the one mechanism every edit screen uses: a stale form never silently overwrites a save.

The convention: a lockable model has a ``lock_version`` integer (``lock_version_field()``). The edit page
carries the version it was loaded with in a hidden field (``LockVersionForm``, rendered as
``{{ lock_form.lock_version }}``). The service, inside its transaction, calls ``lock_bump`` (or
``lock_check`` where it bumps the version itself): the row is locked with SELECT ... FOR UPDATE, so two
saves cannot both pass the check, and a version that moved on raises ``EditConflict`` carrying the record
as it is now saved. The view then shows ``templates/includes/conflict.html`` above the form, which keeps
what the user typed, using ``conflict_context``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.db import models, transaction
from django.utils import dateformat

from .forms import FieldsOnlyMixin


def lock_version_field() -> models.PositiveIntegerField:
    """The version every save bumps; not editable, so no ModelForm or admin page can set it by hand."""
    return models.PositiveIntegerField(
        default=1, editable=False, help_text="Goes up by one with every save (optimistic locking)."
    )


class EditConflict(Exception):
    """Someone else saved the record after this form was loaded; ``saved`` is the record as it is now."""

    def __init__(self, saved: models.Model):
        super().__init__(f"This {saved._meta.verbose_name} was changed by someone else since you opened the page.")
        self.saved = saved


def lock_check(*, instance: models.Model, submitted: int | None) -> int:
    """Lock ``instance``'s row until the transaction ends and return its stored version.

    Raises ``EditConflict`` (with ``instance`` refreshed to the saved values) if the stored version is not
    ``submitted``. ``None`` means no form version was sent (imports, scripts, old clients): nothing to
    compare, but the row is still locked so the caller's read-then-write is safe.
    """
    if not transaction.get_connection().in_atomic_block:
        # Outside a transaction the row lock would end at once and two saves could both pass.
        raise RuntimeError("lock_check must run inside the service's transaction.")
    current = (
        type(instance)._default_manager.select_for_update().values_list("lock_version", flat=True).get(pk=instance.pk)
    )
    if submitted is not None and current != submitted:
        instance.refresh_from_db()
        raise EditConflict(instance)
    return current


def lock_bump(*, instance: models.Model, submitted: int | None) -> None:
    """``lock_check``, then give ``instance`` the next version: the caller's save (same transaction) stores it."""
    instance.lock_version = lock_check(instance=instance, submitted=submitted) + 1


# The version a page sends for a row that did not exist when it was loaded (a figure not entered yet).
ABSENT = 0


def stale_versions(*, stored: Mapping[Any, int], submitted: Mapping[Any, int | None]) -> list:
    """For screens that edit many rows at once (a period's actuals): the keys whose stored version is not the one
    the page was loaded with. A row missing from ``stored`` has version ``ABSENT``, so a row someone else added
    meanwhile is stale too; a key submitted as None (no version sent) is not checked.

    The caller holds the rows' locks (SELECT ... FOR UPDATE, in its transaction), as ``lock_check`` does for one.
    """
    return [key for key, version in submitted.items() if version is not None and stored.get(key, ABSENT) != version]


class LockVersionField(forms.IntegerField):
    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        super().__init__(**kwargs)


class LockVersionForm(FieldsOnlyMixin, forms.Form):
    """The version the page was loaded with. Optional: a missing version means "do not check"."""

    lock_version = LockVersionField(required=False)

    @classmethod
    def for_instance(cls, instance: models.Model, data=None) -> LockVersionForm:
        return cls(data, initial={"lock_version": instance.lock_version})

    @property
    def submitted(self) -> int | None:
        """The version sent, or None if it was missing or not a whole number (call after ``is_valid``)."""
        return self.cleaned_data.get("lock_version") if self.is_valid() else None


def _shown(instance: models.Model, name: str) -> Any:
    """A field's saved value as words a person reads, or "" for nothing."""
    field = instance._meta.get_field(name)
    if field.many_to_many:
        return ", ".join(str(related) for related in getattr(instance, name).all())
    value = getattr(instance, name)
    if field.choices and value not in (None, ""):
        return instance._get_FIELD_display(field)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.date):
        return dateformat.format(value, "j F Y")
    return "" if value is None else str(value)


def conflict_context(
    conflict: EditConflict,
    *,
    form: forms.BaseForm,
    noun: str,
    names: Iterable[str] | None = None,
    saved_values: Mapping[str, str] | None = None,
) -> dict:
    """What ``includes/conflict.html`` shows: each of the form's fields as the other person saved it.

    ``names`` limits and orders the fields; by default every visible form field that is also a field of the
    model (or in ``saved_values``, for form fields that are typed differently from how they are stored),
    labelled as the form labels it so the user can match each value to what they typed.
    """
    saved = conflict.saved
    saved_values = saved_values or {}
    model_fields = {f.name for f in saved._meta.get_fields() if f.concrete or f.many_to_many}
    rows = []
    for name in names if names is not None else form.fields:
        if name not in form.fields or form[name].is_hidden:
            continue
        if name in saved_values:
            rows.append((form[name].label, saved_values[name]))
        elif name in model_fields:
            rows.append((form[name].label, _shown(saved, name)))
    return {"noun": noun, "saved": rows, "version": saved.lock_version}
