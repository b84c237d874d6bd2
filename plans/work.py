"""The "My work" page's registry: what needs each person, from every app, in a fixed number of queries.

``plans`` knows people and roles, so the page lives here; the apps above it (risks, performance,
committees) add their own lists from their ``AppConfig.ready()`` with ``register_work_item``, as they add
sections to a plan (``plans.extensions``), so ``plans`` never imports them.

A reader is called as ``reader(worker=worker)`` with the signed-in person's ``Worker`` (their roles and
the plans they write, each read once for the whole page). It returns ``None`` when the list is not for
them (a committee member has no packs to publish), else its entries (empty: shown as nothing to do).
Each reader must run a fixed number of queries whatever the data.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q

from kcc_planning.roles import Role

from .models import Person

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@dataclass(frozen=True)
class WorkEntry:
    """One thing to do: the link's words, where it goes, and a line of detail under it."""

    text: str
    href: str
    hint: str = ""


@dataclass
class Worker:
    """The signed-in user as the readers need them: roles and person read once."""

    user: User
    today: datetime.date
    person: Person | None = None
    roles: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def for_user(cls, user: User, *, today: datetime.date) -> Worker:
        person = Person.objects.filter(user=user).first()
        roles = frozenset(user.groups.values_list("name", flat=True))
        return cls(user=user, today=today, person=person, roles=roles)

    @property
    def is_administrator(self) -> bool:
        # The same rule as kcc_planning.roles.is_administrator, from the roles already read.
        return self.user.is_superuser or Role.ADMINISTRATOR.value in self.roles

    def has_role(self, role: Role) -> bool:
        return self.is_administrator or role.value in self.roles

    def writes(self) -> Q:
        """Plans (or registers: they carry ``division`` and ``directorate`` too) this person writes.

        The query form of ``plans.rules.may_write_plan`` without the administrator, who writes everything.
        """
        if self.person is None:
            return Q(pk__in=[])
        return Q(division__officers=self.person) | Q(
            Q(division__isnull=True),
            Q(directorate__leads=self.person) | Q(directorate__corporate_director=self.person),
        )

    @cached_property
    def written_plan_ids(self) -> list[int]:
        """The plans this person may write (every plan for an administrator), read once for the page."""
        from .models import Plan

        plans = Plan.objects.all() if self.is_administrator else Plan.objects.filter(self.writes())
        return list(plans.values_list("pk", flat=True).distinct())


WorkReader = Callable[..., "list[WorkEntry] | None"]


@dataclass(frozen=True)
class WorkItem:
    key: str
    title: str
    empty: str
    read: WorkReader


@dataclass(frozen=True)
class WorkGroup:
    """One list on the page: its heading, its entries, and what to say when it is empty."""

    key: str
    title: str
    empty: str
    entries: list[WorkEntry]


_items: dict[str, WorkItem] = {}


def register_work_item(key: str, reader: WorkReader, *, title: str, empty: str) -> None:
    """Add the list ``key`` (e.g. ``risks_due``) to "My work": ``title`` heads it, ``empty`` is said when
    the reader finds nothing. Lists are shown in the order they were registered."""
    item = WorkItem(key, title, empty, reader)
    existing = _items.get(key)
    if existing is not None and existing != item:
        raise ImproperlyConfigured(f"Two apps registered the work item {key!r}.")
    _items[key] = item


def my_work(*, user: User, today: datetime.date) -> list[WorkGroup]:
    """Every registered list that applies to ``user``, with its entries."""
    worker = Worker.for_user(user, today=today)
    groups = []
    for item in _items.values():
        entries = item.read(worker=worker)
        if entries is not None:
            groups.append(WorkGroup(item.key, item.title, item.empty, list(entries)))
    return groups
