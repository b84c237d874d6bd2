"""Celery tasks of the plans app: the emails to the people who must act next.

Plan PDFs are rendered by the document pipeline's task (``documents.tasks.render_document``).

The tasks are thin (they take ids; the mail is written in ``notifications``) and are queued only once the
change that prompts them is committed. A mail server that is down is retried with backoff by the worker; it
never fails the request that made the change, and neither does a broker that cannot take the task
(docs/operations.md, "Email").
"""

import logging
import smtplib

from celery import Task, shared_task
from django.db import transaction

from . import notifications
from .progress.reminders import progress_reminders_send

logger = logging.getLogger(__name__)

# Connection refused or timed out, and SMTP errors: worth trying again later.
MAIL_ERRORS = (OSError, smtplib.SMTPException)

EMAIL_TASK_OPTIONS = {
    "bind": True,
    "autoretry_for": MAIL_ERRORS,
    "retry_backoff": 60,  # 1, 2, 4, 8... minutes between tries
    "retry_backoff_max": 3600,
    "retry_jitter": True,
    "max_retries": 8,  # about four hours of tries before giving up
    "soft_time_limit": 60,
    "time_limit": 90,
    "acks_late": True,
    "ignore_result": True,
    "serializer": "json",
}


class EmailTask(Task):
    """Logs each failed try (a warning) and giving up (an error), with the ids, so a lost email can be traced."""

    def on_retry(self, exc, task_id, args, kwargs, einfo):
        logger.warning(
            "Email task %s could not send (try %s of %s), will retry: %r",
            self.name,
            self.request.retries + 1,
            self.max_retries + 1,
            exc,
            extra={"reference": task_id, "task_kwargs": repr(kwargs)},
        )

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        logger.error(
            "Email task %s gave up: %r",
            self.name,
            exc,
            exc_info=(type(exc), exc, exc.__traceback__),
            extra={"reference": task_id, "task_kwargs": repr(kwargs)},
        )


def _send(task: Task, send, **ids) -> None:
    try:
        send(**ids)
    except MAIL_ERRORS as error:
        if not task.request.is_eager:
            raise  # the worker retries it later (autoretry_for)
        # Run in-process (no broker: development) there is no later, and retrying now would only keep the
        # request waiting on the mail server: one try, logged.
        logger.warning("Email task %s could not send and will not be retried: %r", task.name, error, exc_info=True)


@shared_task(name="plans.send_transition_email", base=EmailTask, **EMAIL_TASK_OPTIONS)
def send_transition_email(self, transition_id: int) -> None:
    _send(self, notifications.notify_transition, transition_id=transition_id)


@shared_task(name="plans.send_comment_email", base=EmailTask, **EMAIL_TASK_OPTIONS)
def send_comment_email(self, comment_id: int) -> None:
    _send(self, notifications.notify_comment, comment_id=comment_id)


def _enqueue(task, **kwargs) -> None:
    """Hands the task to the broker (or runs it, when eager). Never raises: the change is already saved."""
    try:
        task.delay(**kwargs)
    except Exception:
        logger.exception("Could not queue %s with %s: the email will not be sent", task.name, kwargs)


def transition_email_queue(*, transition_id: int) -> None:
    """Emails the people who act next about a plan transition, once the transaction commits."""
    transaction.on_commit(lambda: _enqueue(send_transition_email, transition_id=transition_id))


def comment_email_queue(*, comment_id: int) -> None:
    """Emails the plan's officers about a new comment, once the transaction commits."""
    transaction.on_commit(lambda: _enqueue(send_comment_email, comment_id=comment_id))


@shared_task(
    name="plans.send_progress_reminders",
    acks_late=True,
    ignore_result=True,
    serializer="json",
    soft_time_limit=240,
    time_limit=300,
)
def send_progress_reminders() -> int:
    """Remind officers of rows not updated when a reporting period closed (daily, by Celery beat). Idempotent:
    each person is reminded once per plan and period (``plans.progress.reminders``)."""
    return sum(1 for batch in progress_reminders_send() if batch.sent)
