from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "performance"
    verbose_name = "Performance indicators"

    def ready(self) -> None:
        from plans import extensions

        # Registers the "performance_dashboard" PDF renderer with the shared pipeline.
        from . import documents  # noqa: F401
        from .section_f import indicators_count, indicators_freeze, indicators_thaw
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
            count=indicators_count,
        )
        extensions.register_completeness_check("performance_indicators", plan_indicator_problems)
        # Actuals due on each officer's "My work" page (issue 16).
        from plans.work import register_work_item

        from .selectors.work import actuals_due

        register_work_item("actuals_due", actuals_due, title="Actuals due", empty="No actual is due from you.")
        # The plan's KPIs with RAG and direction in its monitoring report (issue 12).
        from .monitoring import monitoring_kpis, monitoring_kpis_freeze, monitoring_kpis_thaw

        extensions.register_monitoring_section(
            "kpis",
            monitoring_kpis,
            title="Key performance indicators",
            freeze=monitoring_kpis_freeze,
            thaw=monitoring_kpis_thaw,
            template="plans/monitoring/_kpis.html",
            print_template="print/monitoring/_kpis.html",
            position=10,
        )
        # The plan's KPIs and activity indicators carried into next year's plan when it is rolled forward (issue 12).
        from .rollforward import indicators_roll_forward

        extensions.register_roll_forward_hook("indicators", indicators_roll_forward)
        # Red KPIs among the exceptions of the council-wide view (issue 12).
        from .council import council_kpi_exceptions

        extensions.register_council_exceptions("kpis", council_kpi_exceptions)
