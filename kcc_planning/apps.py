"""The project package as an app of its own, so its signal receivers are connected at start-up."""

from django.apps import AppConfig


class KccPlanningConfig(AppConfig):
    name = "kcc_planning"
    verbose_name = "Council business planning"

    def ready(self) -> None:
        # The second-factor decision is made once at sign-in (kcc_planning/otp.py), not on a session's first page.
        from . import otp  # noqa: F401
