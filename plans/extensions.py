"""What the apps above ``plans`` add to a plan, registered from their ``AppConfig.ready()``.

``plans`` never imports ``risks`` or ``performance`` (ADR 0005, enforced by import-linter): section E
reads the unit's risk register and sections F/L the plan's indicators through ``linked_sections``,
and the path to approval asks every registered completeness check. The document renderer
registry (``documents.registry``) is the same pattern.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured

LinkedReader = Callable[..., Any]
CompletenessCheck = Callable[..., list[str]]

_linked_sections: dict[str, LinkedReader] = {}
_completeness_checks: dict[str, CompletenessCheck] = {}


def _add(registry: dict, key: str, function: Callable) -> None:
    existing = registry.get(key)
    if existing is not None and existing is not function:
        raise ImproperlyConfigured(f"Two apps registered {key!r} for plans.")
    registry[key] = function


def register_linked_section(key: str, reader: LinkedReader) -> None:
    """``reader(plan=plan)`` returns what the plan's templates show under ``key`` (e.g. ``section_e_risks``)."""
    _add(_linked_sections, key, reader)


def register_completeness_check(key: str, check: CompletenessCheck) -> None:
    """``check(plan=plan)`` returns the problems that stop the plan being submitted (empty when none)."""
    _add(_completeness_checks, key, check)


def linked_sections(*, plan) -> dict[str, Any]:
    """Every registered section read for ``plan``, by template name."""
    return {key: reader(plan=plan) for key, reader in _linked_sections.items()}


def completeness_problems(*, plan) -> list[str]:
    """The problems every registered check finds with ``plan``, in registration order."""
    return [problem for check in _completeness_checks.values() for problem in check(plan=plan)]
