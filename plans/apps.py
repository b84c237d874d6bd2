from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Business plans and organisation"

    def ready(self) -> None:
        # Register the plan and comparison PDF renderers with the document pipeline.
        # The plan as a Word document, and the public PDF of a published plan as approved (issue 16).
        from . import audit_permissions, comparison_pdf, plan_renderer, public_pdf, word  # noqa: F401  # noqa: F401

        # Changes to who may edit what go on the audit trail.
        audit_permissions.connect()

        # The plans app's own lists on "My work", first on the page (the apps above add theirs).
        from . import work_items

        work_items.register()
        # Issue 12: progress updates due (after the plans app's own lists).
        from .progress import work as progress_work

        progress_work.register()

        # The monitoring report's PDF renderer ("monitoring_report", issue 12).
        from .monitoring import printing  # noqa: F401
