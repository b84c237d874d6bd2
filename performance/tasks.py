"""Celery tasks of the performance app. Thin: the work is in the services."""

from celery import shared_task

from .services import reminders_send


@shared_task(name="performance.send_reminders", acks_late=True, ignore_result=True, serializer="json")
def send_reminders() -> int:
    """Email the owners of missing actuals (scheduled by Celery beat when Redis is configured)."""
    return sum(1 for batch in reminders_send() if batch.sent)
