"""Serving frozen versions: a snapshot is only shown as what was sent or approved if it passes its integrity check."""

import logging

from django.http import HttpResponse
from django.shortcuts import render

from ..models import Plan, PlanSnapshot
from ..services.workflow import snapshot_verify

logger = logging.getLogger(__name__)


def failed_snapshot_response(
    request, *, plan: Plan, snapshot: PlanSnapshot, public: bool = False
) -> HttpResponse | None:
    """None if the snapshot is intact; otherwise the page saying its frozen copy failed the check.

    That page quotes nothing from the stored document: only the live plan's name and the snapshot's record.
    """
    if snapshot_verify(snapshot):
        return None
    logger.error("Plan %s snapshot %s failed its integrity check; not shown", plan.pk, snapshot.pk)
    return render(request, "plans/snapshot_failed.html", {"live_plan": plan, "snapshot": snapshot, "public": public})
