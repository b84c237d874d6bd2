from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "performance"
    verbose_name = "Performance indicators"

    def ready(self) -> None:
        from plans import extensions

        # Registers the "performance_dashboard" PDF renderer with the shared pipeline.
        from . import documents  # noqa: F401
        from .selectors import plan_indicators
        from .selectors.completeness import plan_indicator_problems

        # Sections F / L of a plan and the KPI part of its completeness check (plans never imports this app).
        extensions.register_linked_section("plan_indicators", plan_indicators)
        extensions.register_completeness_check("performance_indicators", plan_indicator_problems)
