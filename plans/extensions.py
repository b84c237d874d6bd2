"""What the apps above ``plans`` add to a plan, registered from their ``AppConfig.ready()``.

``plans`` never imports ``risks`` or ``performance`` (ADR 0005, enforced by import-linter): section E
reads the unit's risk register and sections F/L the plan's indicators through ``linked_sections``,
and the path to approval asks every registered completeness check. The document renderer
registry (``documents.registry``) is the same pattern.

A linked section is read live, but a snapshot must keep what the committee saw: each registration
also says how to freeze what it read into plain JSON (kept in the snapshot's document under
``"linked"``), how to thaw that back into what the templates show, and which rows the "what changed"
comparison sets side by side.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured

LinkedReader = Callable[..., Any]
CompletenessCheck = Callable[..., list[str]]


@dataclass(frozen=True)
class LinkedSection:
    """One section another app adds to a plan.

    ``read(plan=plan)`` gives what the templates show under ``key``; ``freeze(read_value)`` turns it
    into JSON-able lists and dicts (Decimals and dates as text, no model instances) and ``thaw(frozen)``
    back into the same shape the templates use. ``rows(frozen)`` lists dicts with a stable ``key``, a
    ``label`` and the shown fields as text, compared under the plan section of kind ``section``.
    """

    key: str
    section: str
    read: LinkedReader
    freeze: Callable[[Any], Any]
    thaw: Callable[[Any], Any]
    rows: Callable[[Any], list[dict]]


_linked_sections: dict[str, LinkedSection] = {}
_completeness_checks: dict[str, CompletenessCheck] = {}


def _add(registry: dict, key: str, entry: Any) -> None:
    existing = registry.get(key)
    if existing is not None and existing != entry:
        raise ImproperlyConfigured(f"Two apps registered {key!r} for plans.")
    registry[key] = entry


def register_linked_section(
    key: str,
    reader: LinkedReader,
    *,
    section: str,
    freeze: Callable[[Any], Any],
    thaw: Callable[[Any], Any],
    rows: Callable[[Any], list[dict]],
) -> None:
    """Register section ``key`` (e.g. ``section_e_risks``): how to read, freeze, thaw and compare it."""
    _add(_linked_sections, key, LinkedSection(key, section, reader, freeze, thaw, rows))


def register_completeness_check(key: str, check: CompletenessCheck) -> None:
    """``check(plan=plan)`` returns the problems that stop the plan being submitted (empty when none)."""
    _add(_completeness_checks, key, check)


def linked_sections(*, plan) -> dict[str, Any]:
    """Every registered section read live for ``plan``, by template name."""
    return {key: entry.read(plan=plan) for key, entry in _linked_sections.items()}


def linked_sections_frozen(*, plan) -> dict[str, Any]:
    """Every registered section read for ``plan`` and frozen, for a document that must not change."""
    return {key: entry.freeze(entry.read(plan=plan)) for key, entry in _linked_sections.items()}


def linked_sections_thawed(frozen: dict[str, Any]) -> dict[str, Any]:
    """The template context for the frozen sections; a section the document did not record is None."""
    return {key: entry.thaw(frozen[key]) if key in frozen else None for key, entry in _linked_sections.items()}


def linked_rows(frozen: dict[str, Any], *, section: str) -> list[dict] | None:
    """The comparable rows of every frozen section shown under ``section``; None if none is registered there."""
    entries = [entry for entry in _linked_sections.values() if entry.section == section]
    if not entries:
        return None
    return [row for entry in entries if entry.key in frozen for row in entry.rows(frozen[entry.key])]


def completeness_problems(*, plan) -> list[str]:
    """The problems every registered check finds with ``plan``, in registration order."""
    return [problem for check in _completeness_checks.values() for problem in check(plan=plan)]
