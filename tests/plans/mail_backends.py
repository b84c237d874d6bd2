"""Email backends for tests: one standing in for a mail server that is down."""

from django.core.mail.backends.base import BaseEmailBackend


class MailServerDownBackend(BaseEmailBackend):
    """Every send fails as a refused SMTP connection does."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError(111, "Connection refused")
