from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Business plans and organisation"

    def ready(self) -> None:
        # Register the plan and comparison PDF renderers with the document pipeline.
        from . import audit_permissions, comparison_pdf, plan_renderer  # noqa: F401

        # Changes to who may edit what go on the audit trail.
        audit_permissions.connect()
