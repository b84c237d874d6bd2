"""Checking a write before anything is saved: every problem is collected first, then raised once.

Services in every app collect errors the same way, so a page can put each message next to what the user
typed: ``fields`` for the record being written, ``rows`` for each of its tables of rows, by the row's
place in the submitted list (``{"actions": {2: {"end_text": ["..."]}}}``). Services raise inside their
transaction, so nothing is half-saved.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import models
from django.utils.text import capfirst

FieldErrors = dict[str, list[str]]

# The same check (and message) Django's form CharFields make, for text that reaches a service another way.
prohibit_null_characters = ProhibitNullCharactersValidator()


@dataclass(eq=False)
class WriteValidationError(Exception):
    """Field errors on the record being written and per-row field errors on each of its tables."""

    fields: FieldErrors = field(default_factory=dict)
    rows: dict[str, dict[int, FieldErrors]] = field(default_factory=dict)

    def add(self, name: str, message: str) -> None:
        self.fields.setdefault(name, []).append(message)

    def add_all(self, errors: Mapping[str, Sequence[str]]) -> None:
        for name, messages in errors.items():
            for message in messages:
                self.add(name, message)

    def add_row(self, table: str, index: int, name: str, message: str) -> None:
        self.rows.setdefault(table, {}).setdefault(index, {}).setdefault(name, []).append(message)

    def __bool__(self) -> bool:
        return bool(self.fields or self.rows)

    def __str__(self) -> str:
        parts = [f"{name}: {' '.join(messages)}" for name, messages in self.fields.items()]
        for table, rows in self.rows.items():
            for index, fields in rows.items():
                parts.extend(f"{table} row {index + 1}, {name}: {' '.join(m)}" for name, m in fields.items())
        return "; ".join(parts)


class ForeignRowError(Exception):
    """A submitted row id is not one of the rows being edited: the form was tampered with."""


@dataclass
class RowInput:
    """One submitted table row: ``id`` is None for a new row."""

    id: int | None
    values: dict[str, Any]
    delete: bool = False


def text_errors(values: Mapping[str, Any]) -> FieldErrors:
    """Text the database cannot store (PostgreSQL refuses NUL), refused with a message rather than a 500."""
    errors: FieldErrors = {}
    for name, value in values.items():
        if not isinstance(value, str):
            continue
        try:
            prohibit_null_characters(value)
        except ValidationError as error:
            errors[name] = error.messages
    return errors


def length_message(label: str, limit: int) -> str:
    """GOV.UK wording for text over its limit, naming the limit (forms and services say the same)."""
    return f"{capfirst(label)} must be {limit:,} characters or fewer"


def full_clean_errors(instance: models.Model, *, exclude: Sequence[str] = ()) -> FieldErrors:
    """The model's own checks (``full_clean``) as field errors, instead of an exception.

    Text over a field's limit is refused (never cut short) with a message naming the limit.
    """
    try:
        instance.full_clean(exclude=list(exclude))
    except ValidationError as error:
        return {
            name: [_field_message(instance, name, item) for item in items] for name, items in error.error_dict.items()
        }
    return {}


def _field_message(instance: models.Model, name: str, error: ValidationError) -> str:
    if error.code == "max_length" and error.params:
        label = instance._meta.get_field(name).verbose_name
        return length_message(str(label), int(error.params["limit_value"]))
    return error.messages[0]


RowPrepare = Callable[[models.Model, int], FieldErrors]


def rows_check(
    *,
    table: str,
    existing: Mapping[int, models.Model],
    new_row: Callable[[], models.Model],
    rows: Sequence[RowInput],
    errors: WriteValidationError,
    exclude: Sequence[str] = (),
    prepare: RowPrepare | None = None,
) -> tuple[list[models.Model], list[models.Model]]:
    """Apply submitted rows to unsaved instances and collect every row's field errors in ``errors``.

    Returns the rows to keep, in the order given and with ``position`` set, and the rows to delete.
    Nothing is saved: the caller saves only when the whole write is valid. ``prepare(instance, index)``
    derives what the row's text implies (a parsed month, a parent row) and returns its own errors.
    A row id that is not in ``existing`` raises ``ForeignRowError``.
    """
    kept: list[models.Model] = []
    doomed: list[models.Model] = []
    for index, row in enumerate(rows):
        if row.id is not None and row.id not in existing:
            raise ForeignRowError(f"{table} row {row.id} is not one of the rows being edited")
        if row.delete:
            if row.id is not None:
                doomed.append(existing[row.id])
            continue
        instance = existing[row.id] if row.id is not None else new_row()
        row_errors = text_errors(row.values)
        for name, value in row.values.items():
            setattr(instance, name, value)
        if prepare is not None:
            for name, messages in prepare(instance, index).items():
                row_errors.setdefault(name, []).extend(messages)
        instance.position = len(kept) + 1
        if not row_errors:
            row_errors = full_clean_errors(instance, exclude=exclude)
        for name, messages in row_errors.items():
            for message in messages:
                errors.add_row(table, index, name, message)
        kept.append(instance)
    return kept, doomed
