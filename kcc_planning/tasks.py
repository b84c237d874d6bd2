"""Celery task of the project package: the password-reset email (kcc_planning/accounts.py).

The worker finds it by autodiscovery (``kcc_planning`` is an installed app: ``kcc_planning/apps.py``). The work
is imported inside the task, so importing this module never needs the apps to be ready.

The request that asks for a reset only queues this task with the address typed, whether or not an account has
it: looking the address up, writing and sending the email all happen here, so the response and its timing say
nothing about which addresses have accounts. A mail server that is down is retried with backoff, as in
``plans/tasks.py`` (which this layer may not import).
"""

import logging
import smtplib

from celery import shared_task

logger = logging.getLogger(__name__)

# Connection refused or timed out, and SMTP errors: worth trying again later.
MAIL_ERRORS = (OSError, smtplib.SMTPException)


@shared_task(
    name="kcc_planning.send_password_reset_email",
    bind=True,
    autoretry_for=MAIL_ERRORS,
    retry_backoff=60,
    retry_backoff_max=600,
    retry_jitter=True,
    # The link expires an hour after it is made (PASSWORD_RESET_TIMEOUT): a few tries within minutes, then stop.
    max_retries=4,
    soft_time_limit=60,
    time_limit=90,
    acks_late=True,
    ignore_result=True,
    serializer="json",
)
def send_password_reset_email(self, email: str) -> None:
    from .accounts import password_reset_email_send

    try:
        password_reset_email_send(email=email)
    except MAIL_ERRORS as error:
        if not self.request.is_eager:
            logger.warning(
                "Password reset email could not be sent (try %s), will retry: %r", self.request.retries + 1, error
            )
            raise  # the worker retries it later (autoretry_for)
        # Run in-process (no broker: development) there is no later: one try, logged.
        logger.warning("Password reset email could not be sent and will not be retried: %r", error, exc_info=True)
