"""Sending queued work (render jobs, pack builds) to Celery so that a broker outage or a dead worker loses nothing.

* ``send_safely`` sends a message and, if the broker cannot be reached, logs it with the work's id and marks the
  work ``enqueue_failed_at`` instead of raising: the request that asked for it still succeeds, and the job page
  says it will start when the rendering service is back.
* ``sweep`` (run by Celery beat every minute, and by ``manage.py sweep_jobs``) sends again the work that never
  reached the broker or has waited too long without starting, and puts back in the queue the runs whose worker
  died (still "running" after their task's hard time limit), at most ``max_retries`` times; after that the work
  fails with a message and its reference.

Every message carries the work's ``attempt`` number; a worker ignores a message older than the work's latest
(``is_stale``), so a message redelivered by Redis after the sweeper re-queued the work does not start it twice.
The ``started_at`` stamp claim of each run does the rest: a late original run never overwrites a newer result.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.db import models, transaction
from django.utils import timezone

from .models import STALL_MARGIN, QueuedWork

logger = logging.getLogger(__name__)

# Sent but not started after this long: the message was probably lost (a Redis restart), so it is sent again.
# Longer than the broker's visibility timeout, so Redis redelivers a message held by a dead worker first.
QUEUED_AFTER = timedelta(minutes=15)
MAX_RETRIES = 2
REQUEUE_FIELDS = ("status", "attempt", "queued_at", "enqueue_failed_at", "retries", "progress", "started_at")


class Action(enum.StrEnum):
    LEAVE = "leave"
    SEND = "send"  # queued: never reached the broker, or waited too long
    RETRY = "retry"  # running past its time limit: its worker died; queue it again
    FAIL = "fail"  # interrupted too often: give up with a message


def sweep_action(
    work: QueuedWork,
    *,
    now: datetime,
    queued_after: timedelta = QUEUED_AFTER,
    margin: timedelta = STALL_MARGIN,
    max_retries: int = MAX_RETRIES,
) -> Action:
    """What the sweeper does with one job or build."""
    if work.status == "queued":
        if work.enqueue_failed_at is not None or work.queued_at <= now - queued_after:
            return Action.SEND
        return Action.LEAVE
    if work.status == "running":
        limit = now - timedelta(seconds=work.time_limit) - margin
        if work.started_at is None or work.started_at <= limit:
            return Action.RETRY if work.retries < max_retries else Action.FAIL
    return Action.LEAVE


def is_stale(work: QueuedWork, attempt: int | None) -> bool:
    """A message older than the work's latest one (the sweeper has sent a newer one since); the first message,
    sent when the work was asked for, carries no number and counts as 0."""
    return (attempt or 0) < work.attempt


def send_safely(model: type[QueuedWork], pk, attempt: int, send: Callable[[], object], *, what: str) -> bool:
    """Send the work's message; if that fails (the broker is down), log it and mark the work, never raise."""
    try:
        send()
    except Exception:
        logger.exception("%s %s could not be queued (is the broker down?); the sweeper will send it again", what, pk)
        try:
            model.objects.filter(pk=pk, status="queued", attempt=attempt).update(enqueue_failed_at=timezone.now())
        except Exception:
            logger.exception("%s %s: could not record that it was not queued", what, pk)
        return False
    return True


@dataclass
class SweepReport:
    sent: list[str] = field(default_factory=list)
    retried: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    unsent: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return (
            f"{len(self.sent)} sent again, {len(self.retried)} interrupted and queued again, "
            f"{len(self.failed)} failed after {MAX_RETRIES} interruptions, {len(self.unsent)} could not be sent"
        )


def sweep(
    model: type[QueuedWork],
    *,
    send: Callable[[str, int], object],
    fail_message: str,
    what: str,
    cleanup: Callable[[object], None] | None = None,
    now: datetime | None = None,
    queued_after: timedelta = QUEUED_AFTER,
    margin: timedelta = STALL_MARGIN,
    max_retries: int = MAX_RETRIES,
) -> SweepReport:
    """Send again, retry or fail the model's stuck work (see the module's docstring). Safe to run concurrently."""
    now = now or timezone.now()
    report = SweepReport()
    stalled_before = now - timedelta(seconds=model.time_limit) - margin
    candidates = model.objects.filter(
        models.Q(status="queued", enqueue_failed_at__isnull=False)
        | models.Q(status="queued", queued_at__lte=now - queued_after)
        | models.Q(status="running", started_at__lte=stalled_before)
        | models.Q(status="running", started_at__isnull=True)
    ).values_list("pk", flat=True)
    for pk in list(candidates):
        attempt = None
        with transaction.atomic():
            work = model.objects.select_for_update(skip_locked=True).filter(pk=pk).first()
            if work is None:
                continue
            action = sweep_action(work, now=now, queued_after=queued_after, margin=margin, max_retries=max_retries)
            if action == Action.LEAVE:
                continue
            if action == Action.FAIL:
                work.status = "failed"
                work.error = fail_message.format(reference=work.pk)
                work.finished_at = now
                work.save(update_fields=["status", "error", "finished_at"])
                logger.error("%s %s failed: its run was interrupted %s times", what, pk, work.retries + 1)
                report.failed.append(str(pk))
            elif action == Action.RETRY:
                work.retries += 1
                work.progress = 0
                work.started_at = None
                logger.warning(
                    "%s %s was still running past its time limit (its worker died); queued again (retry %s of %s)",
                    what,
                    pk,
                    work.retries,
                    max_retries,
                )
                report.retried.append(str(pk))
            else:
                logger.info("%s %s had not reached a worker; sending it again", what, pk)
            if action in {Action.RETRY, Action.SEND}:
                work.status = "queued"
                work.attempt += 1
                work.queued_at = now
                work.enqueue_failed_at = None
                work.save(update_fields=[*REQUEUE_FIELDS])
                attempt = work.attempt
        if action == Action.FAIL and cleanup is not None:
            cleanup(pk)
        if attempt is None:
            continue
        # After the commit, so the worker sees the new attempt number.
        if not send_safely(model, pk, attempt, lambda pk=pk, attempt=attempt: send(str(pk), attempt), what=what):
            report.unsent.append(str(pk))
        elif action == Action.SEND:
            report.sent.append(str(pk))
    return report


def failure_message(
    error: Exception,
    *,
    what: str,
    reference,
    expected: type[Exception],
    failed: str,
    timeout: str,
    log: logging.Logger,
) -> str:
    """The message a failed job or build shows, logged once with the reference the person sees on its page.

    ``expected`` errors carry their own message for the person (a paper to fix, a subject gone): a warning. A stop
    at the soft time limit: an error, no traceback. Anything else: the traceback, and only ``failed`` is shown.
    Call it from the ``except`` block, so the traceback is the one being handled.
    """
    extra = {"reference": str(reference)}
    if isinstance(error, expected):
        message = str(error)
        log.warning("%s %s failed: %s", what, reference, message, extra=extra)
    elif isinstance(error, SoftTimeLimitExceeded):
        message = timeout.format(reference=reference)
        log.error("%s %s stopped at its time limit", what, reference, extra=extra)
    else:
        message = failed.format(reference=reference)
        log.exception("%s %s failed", what, reference, extra=extra)
    return message
