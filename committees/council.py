"""The committee filter of the council-wide view (issue 12): plans whose papers went to a committee.

Registered from ``CommitteesConfig.ready()`` with ``plans.extensions.register_council_filter`` (plans
never imports this app). A plan belongs to a committee when one of its snapshots or its monitoring
report is an appendix on an agenda of one of the committee's meetings. Nothing here reads an item's
papers or title, so an exempt item's content is never shown; only the plan's own name is listed.
"""

from __future__ import annotations

from django.db.models import Q

from .models import Appendix, AppendixKind, Committee


def committee_choices(*, plan_year) -> list[tuple[str, str]]:
    return [(str(committee.pk), committee.name) for committee in Committee.objects.order_by("name")]


def committee_plan_ids(*, value: str, plan_year) -> set[int]:
    """Plans of any year whose snapshot or monitoring report is on an agenda of committee ``value``."""
    if not str(value).isdigit():
        return set()
    appendices = Appendix.objects.filter(paper__item__meeting__committee_id=int(value)).filter(
        Q(kind=AppendixKind.PLAN_SNAPSHOT) | Q(kind=AppendixKind.MONITORING_REPORT)
    )
    ids = set()
    for kind, snapshot_plan, subject in appendices.values_list("kind", "snapshot__plan_id", "subject_id"):
        ids.add(snapshot_plan if kind == AppendixKind.PLAN_SNAPSHOT else subject)
    return ids
