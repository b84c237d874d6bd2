from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Business plans and organisation"

    def ready(self) -> None:
        # Registers the "plan" PDF renderer with the document pipeline.
        from . import comparison_pdf  # noqa: F401
        from .documents import plan_renderer  # noqa: F401
