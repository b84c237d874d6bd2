"""A plan's key decisions answered by the Forward Plan (issue 13).

"Already in the Forward Plan?" is no longer typed: a key decision is in the Forward Plan when an entry of it
links to it. ``plans`` never imports ``committees`` (ADR 0005), so the app that keeps the Forward Plan
registers how to read those links and where to add or make one (``register_forward_plan_answer`` from its
``AppConfig.ready()``), as the other apps register their sections in ``plans.extensions``.

What was approved or sent to committee keeps the answer it then had: a stored document (a snapshot, an
earlier version) carries its own ``in_forward_plan`` (typed, before issue 13) and, since, the decision number
it was linked to; only the live plan asks the link.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .extensions import _add


@dataclass(frozen=True)
class ForwardPlanAnswer:
    """The Forward Plan entry a key decision is linked to.

    ``url`` is the entry's page for the people who keep the Forward Plan; ``public_url`` its place in the
    published Forward Plan ("" until a publication has carried it).
    """

    decision_number: str
    subject: str
    url: str
    public_url: str = ""


@dataclass(frozen=True)
class ForwardPlanProvider:
    """How the app that keeps the Forward Plan answers for key decisions and offers to link them.

    ``answers(decision_ids=[...])`` gives ``{key decision id: ForwardPlanAnswer}`` for the linked ones in one
    query however many there are; ``may_edit(user)`` says whether ``user`` may add or link entries;
    ``add_url(decision_id)`` and ``link_url(decision_id)`` are the pages that do it.
    """

    answers: Callable[..., dict[int, ForwardPlanAnswer]]
    may_edit: Callable[[Any], bool]
    add_url: Callable[[int], str]
    link_url: Callable[[int], str]


_providers: dict[str, ForwardPlanProvider] = {}


def register_forward_plan_answer(
    *,
    answers: Callable[..., dict[int, ForwardPlanAnswer]],
    may_edit: Callable[[Any], bool],
    add_url: Callable[[int], str],
    link_url: Callable[[int], str],
) -> None:
    """Register the one provider of Forward Plan answers (a second, different one is a configuration error)."""
    _add(_providers, "forward_plan", ForwardPlanProvider(answers, may_edit, add_url, link_url))


def forward_plan_answers(*, decision_ids: list[int]) -> dict[int, ForwardPlanAnswer]:
    """The linked entry of each of ``decision_ids`` that has one; nothing when no app keeps a Forward Plan."""
    provider = _providers.get("forward_plan")
    if provider is None or not decision_ids:
        return {}
    return provider.answers(decision_ids=decision_ids)


def attach_forward_plan_answers(priorities: Iterable, *, user=None) -> None:
    """Give each live key decision of ``priorities`` its answer, in one query for the whole plan.

    Sets ``forward_plan_live`` (the templates then ask the link, not the old typed column),
    ``forward_plan`` (a ``ForwardPlanAnswer`` or None) and, for a ``user`` who keeps the Forward Plan,
    ``forward_plan_url`` (the entry's page) or ``forward_plan_add_url`` and ``forward_plan_link_url``.
    """
    decisions = [decision for priority in priorities for decision in priority.key_decisions.all()]
    answers = forward_plan_answers(decision_ids=[decision.pk for decision in decisions])
    provider = _providers.get("forward_plan")
    may_edit = bool(user is not None and provider is not None and provider.may_edit(user))
    for decision in decisions:
        answer = answers.get(decision.pk)
        decision.forward_plan_live = True
        decision.forward_plan = answer
        decision.forward_plan_url = ""
        decision.forward_plan_add_url = decision.forward_plan_link_url = ""
        if answer is not None:
            decision.forward_plan_url = answer.url if may_edit else answer.public_url
        elif may_edit:
            decision.forward_plan_add_url = provider.add_url(decision.pk)
            decision.forward_plan_link_url = provider.link_url(decision.pk)


def frozen_answers(*, decision_ids: list[int]) -> dict[int, str]:
    """What a new version records of each key decision: the decision number it is linked to now, or ""."""
    answers = forward_plan_answers(decision_ids=decision_ids)
    return {
        decision_id: answers[decision_id].decision_number if decision_id in answers else ""
        for decision_id in decision_ids
    }
