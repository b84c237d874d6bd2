"""A plan's key decisions answered by their Forward Plan entries (issue 13), for ``plans.forward_plan``.

Registered from ``CommitteesConfig.ready()``: ``plans`` asks here, through its registry, which of a plan's key
decisions an entry announces, and where democratic services add or link one. Reads only; the writes are
``services.decisions.forward_plan_entry_link`` and ``forward_plan_entry_create``.
"""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from plans.forward_plan import ForwardPlanAnswer, register_forward_plan_answer
from plans.models import KeyDecision, Plan

from .models import Appendix, AppendixKind, DecisionMaker, ForwardPlanEntry, Meeting


def entry_public_url(entry: ForwardPlanEntry) -> str:
    """The entry's place in the published Forward Plan; "" until a publication has carried it."""
    if entry.first_published_on is None:
        return ""
    return f"{reverse('committees_public:forward_plan')}#decision-{slugify(entry.decision_number)}"


def answers(*, decision_ids: list[int]) -> dict[int, ForwardPlanAnswer]:
    """The entry announcing each of ``decision_ids`` (withdrawn ones announce nothing), in one query."""
    entries = ForwardPlanEntry.objects.filter(key_decision_id__in=decision_ids, withdrawn=False).only(
        "pk", "decision_number", "subject", "first_published_on", "key_decision_id"
    )
    return {
        entry.key_decision_id: ForwardPlanAnswer(
            decision_number=entry.decision_number,
            subject=entry.subject,
            url=reverse("committees:entry_edit", args=[entry.pk]),
            public_url=entry_public_url(entry),
        )
        for entry in entries
    }


def may_edit(user) -> bool:
    return user.has_perm("committees.manage_decisions")


def register() -> None:
    register_forward_plan_answer(
        answers=answers,
        may_edit=may_edit,
        add_url=lambda decision_id: reverse("committees:key_decision_add", args=[decision_id]),
        link_url=lambda decision_id: reverse("committees:key_decision_link", args=[decision_id]),
    )


def _plan_year_dates(plan: Plan) -> tuple[datetime.date, datetime.date]:
    start = plan.plan_year.start_year
    return datetime.date(start, 4, 1), datetime.date(start + 1, 3, 31)


def _plan_committee_meeting(plan: Plan) -> Meeting | None:
    """The latest meeting whose agenda carried a snapshot of ``plan``: its committee considers the plan."""
    appendix = (
        Appendix.objects.filter(kind=AppendixKind.PLAN_SNAPSHOT, snapshot__plan=plan)
        .select_related("paper__item__meeting__committee")
        .order_by("-paper__item__meeting__date", "-pk")
        .first()
    )
    return appendix.paper.item.meeting if appendix is not None else None


def entry_initial(*, key_decision: KeyDecision) -> dict:
    """A new entry's values pre-filled from ``key_decision`` and its plan (the clerk adds the decision number).

    The decision maker is the Cabinet Member of the division's portfolio (the plan's own summary when the
    division has none); the first committee the one the plan last went to, meeting next on the expected date.
    """
    plan = key_decision.priority.plan
    portfolio = plan.division.portfolio if plan.division_id and plan.division.portfolio_id else None
    portfolio_title = portfolio.title if portfolio is not None else plan.summary_portfolio
    initial = {
        "subject": key_decision.description[:400],
        "decision_maker": DecisionMaker.CABINET_MEMBER,
        "decision_maker_title": f"Cabinet Member for {portfolio_title}" if portfolio_title else "Cabinet Member",
        "key_decision": key_decision.pk,
    }
    meeting = _plan_committee_meeting(plan)
    if meeting is not None:
        initial["first_committee"] = meeting.committee_id
        upcoming = (
            Meeting.objects.filter(committee_id=meeting.committee_id, date__gte=timezone.localdate())
            .order_by("date")
            .first()
        )
        if upcoming is not None:
            initial["expected_date"] = upcoming.date
    if "expected_date" not in initial:
        initial["expected_date"] = max(_plan_year_dates(plan)[0], timezone.localdate())
    return initial


def unlinked_entries(*, key_decision: KeyDecision) -> list[ForwardPlanEntry]:
    """Entries of the plan's year (expected in it) that announce no key decision yet and are not withdrawn."""
    start, end = _plan_year_dates(key_decision.priority.plan)
    return list(
        ForwardPlanEntry.objects.filter(
            key_decision__isnull=True, withdrawn=False, expected_date__gte=start, expected_date__lte=end
        ).order_by("expected_date", "decision_number")
    )


def key_decision_get(*, key_decision_id: int) -> KeyDecision:
    """The key decision with its plan, year and division read in one query; ``KeyDecision.DoesNotExist`` if none."""
    return KeyDecision.objects.select_related(
        "priority__plan__directorate__plan_year", "priority__plan__division__portfolio"
    ).get(pk=key_decision_id)
