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


@dataclass(frozen=True)
class Problem:
    """One thing that stops a plan going forward, with where to put it right.

    ``href`` is the page (and field anchor) that fixes it; ``section`` is the plan section slug it belongs
    to, so the plan's task list can show that section as in progress.
    """

    text: str
    href: str
    section: str = ""

    def __str__(self) -> str:
        return self.text


CompletenessCheck = Callable[..., list[Problem]]
RowCounter = Callable[..., int]


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
    count: RowCounter | None = None


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
    count: RowCounter | None = None,
) -> None:
    """Register section ``key`` (e.g. ``section_e_risks``): how to read, freeze, thaw and compare it.

    ``count(plan=plan)``, if given, says how many rows the plan has there in one query (the task list's
    "not started" when it is 0).
    """
    _add(_linked_sections, key, LinkedSection(key, section, reader, freeze, thaw, rows, count))


def register_completeness_check(key: str, check: CompletenessCheck) -> None:
    """``check(plan=plan)`` returns the ``Problem``s that stop the plan being submitted (empty when none)."""
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


def linked_row_counts(*, plan) -> dict[str, int]:
    """Rows each section kind holds in the other apps for ``plan`` (only sections registered with a counter)."""
    counts: dict[str, int] = {}
    for entry in _linked_sections.values():
        if entry.count is not None:
            counts[entry.section] = counts.get(entry.section, 0) + entry.count(plan=plan)
    return counts


def completeness_problems(*, plan) -> list[Problem]:
    """The problems every registered check finds with ``plan``, in registration order."""
    return [problem for check in _completeness_checks.values() for problem in check(plan=plan)]


# Monitoring reports (issue 12) ------------------------------------------------------------------------------


@dataclass(frozen=True)
class MonitoringSection:
    """One part another app adds to a monitoring report: the plan's KPIs, the unit's risks.

    ``read(plan=plan, period=period)`` gives what the part shows for a reporting period (an object with
    ``code`` such as ``2017-Q2`` or ``2017-M07``, ``starts_on`` and ``ends_on``); ``freeze(read_value)``
    turns it into JSON (numbers and dates as the report prints them), kept in an agenda appendix so the
    pack prints what it printed when it was built; ``thaw(frozen)`` gives the context the part's
    ``template`` (page) and ``print_template`` (PDF) show. ``title`` heads the part;
    parts print in ``position`` order (apps are ready in ``INSTALLED_APPS`` order, which says nothing).
    """

    key: str
    title: str
    read: LinkedReader
    freeze: Callable[[Any], Any]
    thaw: Callable[[Any], Any]
    template: str
    print_template: str
    position: int


_monitoring_sections: dict[str, MonitoringSection] = {}


def register_monitoring_section(
    key: str,
    read: LinkedReader,
    *,
    title: str,
    freeze: Callable[[Any], Any],
    thaw: Callable[[Any], Any],
    template: str,
    print_template: str,
    position: int,
) -> None:
    """Register part ``key`` of the monitoring report (e.g. ``kpis``): how to read, freeze and show it."""
    entry = MonitoringSection(key, title, read, freeze, thaw, template, print_template, position)
    _add(_monitoring_sections, key, entry)


def _monitoring_in_order() -> list[MonitoringSection]:
    return sorted(_monitoring_sections.values(), key=lambda entry: (entry.position, entry.key))


def monitoring_sections_frozen(*, plan, period) -> dict[str, Any]:
    """Every registered part read for ``plan`` and ``period`` (with ``code``, ``starts_on``, ``ends_on``), frozen."""
    return {entry.key: entry.freeze(entry.read(plan=plan, period=period)) for entry in _monitoring_in_order()}


def monitoring_sections_thawed(frozen: dict[str, Any]) -> list[dict[str, Any]]:
    """The parts a frozen report recorded, each with its title, templates and thawed data, in order."""
    return [
        {
            "key": entry.key,
            "title": entry.title,
            "template": entry.template,
            "print_template": entry.print_template,
            "data": entry.thaw(frozen[entry.key]),
        }
        for entry in _monitoring_in_order()
        if entry.key in frozen
    ]


# Roll forward and the council-wide view (issue 12) ------------------------------------------------------------

RollForwardHook = Callable[..., list[str]]
_roll_forward_hooks: dict[str, RollForwardHook] = {}


def register_roll_forward_hook(key: str, hook: RollForwardHook) -> None:
    """``hook(source=plan, target=new_plan, priorities={old_priority_id: new_priority}, actor=user)`` carries what
    the app keeps for the plan's unit into next year (the unit's risks, the plan's KPIs). It runs inside the
    roll-forward transaction, so a failure undoes the whole roll forward; it returns sentences for the officer
    ("4 risks carried into …")."""
    _add(_roll_forward_hooks, key, hook)


def roll_forward_linked(*, source, target, priorities: dict, actor=None) -> list[str]:
    """Run every registered roll-forward hook; what they carried, in words."""
    return [
        note
        for hook in _roll_forward_hooks.values()
        for note in hook(source=source, target=target, priorities=priorities, actor=actor)
    ]


@dataclass(frozen=True)
class CouncilException:
    """One exception on the council-wide view that another app finds (a red KPI, a high risk not reviewed).

    ``plan_id`` is the plan whose unit it belongs to (the view groups and filters by it); ``url`` is where
    to look at it.
    """

    kind: str
    kind_label: str
    plan_id: int
    reference: str
    title: str
    detail: str
    url: str


ExceptionReader = Callable[..., list[CouncilException]]
_council_exceptions: dict[str, ExceptionReader] = {}


def register_council_exceptions(key: str, reader: ExceptionReader) -> None:
    """``reader(plans=[...], today=date)`` gives the exceptions for those plans in a fixed number of queries,
    however many plans there are (the council-wide view reads every plan of a year at once)."""
    _add(_council_exceptions, key, reader)


def council_exceptions(*, plans: list, today) -> list[CouncilException]:
    """Every registered app's exceptions for ``plans``."""
    return [item for reader in _council_exceptions.values() for item in reader(plans=plans, today=today)]


@dataclass(frozen=True)
class CouncilFilter:
    """A filter of the council-wide view that another app knows how to apply (the committees a plan went to).

    ``choices(plan_year=year)`` gives ``(value, label)`` pairs; ``plan_ids(value=value, plan_year=year)`` the
    plans that match, in a fixed number of queries.
    """

    key: str
    label: str
    any_label: str
    choices: Callable[..., list[tuple[str, str]]]
    plan_ids: Callable[..., set[int]]


_council_filters: dict[str, CouncilFilter] = {}


def register_council_filter(
    key: str,
    *,
    label: str,
    any_label: str,
    choices: Callable[..., list[tuple[str, str]]],
    plan_ids: Callable[..., set[int]],
) -> None:
    """Register filter ``key`` (a query string name, e.g. ``committee``) of the council-wide view."""
    _add(_council_filters, key, CouncilFilter(key, label, any_label, choices, plan_ids))


def council_filters() -> list[CouncilFilter]:
    return list(_council_filters.values())
