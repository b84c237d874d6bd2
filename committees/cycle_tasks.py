"""Celery tasks of the decision cycle (imported by CommitteesConfig.ready so workers register them). Thin: the work
is in ``minutes_paper`` and ``decision_notice``; both are idempotent, so a message delivered twice does no harm."""

from celery import shared_task

from .decision_notice import decision_notice_render
from .minutes_paper import minutes_attach_to_next_meeting

# One short PDF each: well inside the broker's visibility timeout (CELERY_BROKER_TRANSPORT_OPTIONS).
LIMITS = {"acks_late": True, "soft_time_limit": 240, "time_limit": 300, "ignore_result": True}


@shared_task(name="committees.attach_minutes_to_next_meeting", **LIMITS)
def attach_minutes_to_next_meeting(minutes_id: int) -> None:
    """Give the next meeting's A4 item the published minutes; run twice, it attaches them once."""
    minutes_attach_to_next_meeting(minutes_id=minutes_id)


@shared_task(name="committees.render_decision_notice", **LIMITS)
def render_decision_notice(decision_id: int) -> None:
    """Render a published decision's notice as a tagged PDF for the public page."""
    decision_notice_render(decision_id=decision_id)
