"""A plan's monitoring report as an agenda item's appendix (issue 12), frozen when the pack is built.

The report reads live progress, KPIs and risks, which go on changing after the committee has had its
papers. So the first pack build that prints the appendix freezes the report it printed into the
appendix (JSON with a checksum, the way a plan snapshot is kept), and every later build prints that
frozen copy: rebuilding a published pack never changes the mid-year monitoring item. A frozen copy
that fails its checksum is never printed (the build fails naming the appendix), as for snapshots.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from plans import monitoring
from plans.models import PROGRESS_STATUSES, Plan, ReportingPeriod
from plans.periods import period_label
from plans.services.workflow import snapshot_checksum

from .models import Appendix, AppendixKind


class FrozenReportError(Exception):
    """A monitoring appendix that cannot be printed, with a message fit for the clerk."""


@transaction.atomic
def appendix_monitoring_freeze(*, appendix: Appendix) -> Appendix:
    """Freeze the report into ``appendix`` unless it is frozen already; returns the appendix as stored.

    Safe when two builds race: only the first update finds the appendix unfrozen, and both then print
    what that one stored.
    """
    if appendix.frozen is None:
        plan = Plan.objects.filter(pk=appendix.subject_id).first()
        if plan is None:
            raise FrozenReportError("refers to a plan that no longer exists.")
        try:
            period = monitoring.report_period(plan=plan, code=str((appendix.options or {}).get("period", "")))
        except monitoring.MonitoringError as error:
            raise FrozenReportError(str(error)) from error
        document = monitoring.monitoring_report_read(plan=plan, period=period)
        Appendix.objects.filter(pk=appendix.pk, frozen__isnull=True).update(
            frozen=document, frozen_at=timezone.now(), frozen_checksum=snapshot_checksum(document)
        )
        appendix.refresh_from_db(fields=["frozen", "frozen_at", "frozen_checksum"])
    return appendix


def monitoring_appendix_html(appendix: Appendix) -> str:
    """The print HTML of the frozen report (frozen now, by the first build that prints it)."""
    appendix = appendix_monitoring_freeze(appendix=appendix)
    if snapshot_checksum(appendix.frozen) != appendix.frozen_checksum:
        raise FrozenReportError(
            "cannot be printed: the frozen copy of the monitoring report failed its integrity check, so it is no "
            "longer exactly what the pack printed. Contact the service desk."
        )
    return monitoring.monitoring_report_html(appendix.frozen)


def monitoring_choices(*, per_kind: int) -> list[tuple[str, str]]:
    """Reports an appendix can print, as ``("monitoring_report:<plan id>:<period>", label)``: each approved plan's
    periods someone has reported on, newest first (at most ``per_kind``). One query."""
    periods = (
        ReportingPeriod.objects.filter(plan__status__in=PROGRESS_STATUSES, updates__isnull=False)
        .distinct()
        .select_related("plan__division", "plan__directorate__plan_year")
        .order_by("-ends_on", "plan__directorate__name", "plan__division__name")[:per_kind]
    )
    return [
        (
            f"{AppendixKind.MONITORING_REPORT}:{period.plan_id}:{period.code}",
            f"Monitoring report: {period.plan.unit_name} {period.plan.plan_year.label}, {period_label(period.code)}",
        )
        for period in periods
    ]
