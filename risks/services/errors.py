"""Errors the risk services raise, shaped so a page can show each message next to its field."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models


@dataclass
class RiskValidationError(Exception):
    """Field errors on the risk (``fields``) and per row of its controls and actions.

    ``rows`` is ``{"controls": {row_index: {field: [messages]}}, "actions": {...}}``.
    Raised before anything is saved, inside a transaction, so nothing is half-saved.
    """

    fields: dict[str, list[str]] = field(default_factory=dict)
    rows: dict[str, dict[int, dict[str, list[str]]]] = field(default_factory=dict)

    def add(self, name: str, message: str) -> None:
        self.fields.setdefault(name, []).append(message)

    def add_row(self, table: str, index: int, name: str, message: str) -> None:
        self.rows.setdefault(table, {}).setdefault(index, {}).setdefault(name, []).append(message)

    def __bool__(self) -> bool:
        return bool(self.fields or self.rows)

    def __str__(self) -> str:
        return f"Risk not saved: {self.fields or ''} {self.rows or ''}".strip()


class ForeignRowError(Exception):
    """A submitted control or action id is not one of the risk's own rows (a tampered form)."""


def text_errors(values: dict[str, Any]) -> dict[str, list[str]]:
    """PostgreSQL cannot store NUL; refuse it with a message rather than a 500."""
    return {
        name: ["Remove the null character (\\x00) from this text."]
        for name, value in values.items()
        if isinstance(value, str) and "\x00" in value
    }


def full_clean_errors(instance: models.Model, exclude: list[str] | None = None) -> dict[str, list[str]]:
    try:
        instance.full_clean(exclude=exclude or [])
    except ValidationError as error:
        return dict(error.message_dict)
    return {}
