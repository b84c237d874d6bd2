from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "performance"
    verbose_name = "Performance indicators"

    def ready(self) -> None:
        from plans import extensions

        # Registers the "performance_dashboard" PDF renderer with the shared pipeline.
        from . import documents  # noqa: F401
        from .section_f import indicators_freeze, indicators_thaw
        from .section_f_changes import indicators_rows
        from .selectors import plan_indicators
        from .selectors.completeness import plan_indicator_problems

        # Sections F / L of a plan and the KPI part of its completeness check (plans never imports this app).
        # A snapshot keeps a frozen copy of the tables, so what the committee saw does not follow later edits.
        extensions.register_linked_section(
            "plan_indicators",
            plan_indicators,
            section="performance",
            freeze=indicators_freeze,
            thaw=indicators_thaw,
            rows=indicators_rows,
        )
        extensions.register_completeness_check("performance_indicators", plan_indicator_problems)
