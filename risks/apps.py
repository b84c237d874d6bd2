from django.apps import AppConfig


class RisksConfig(AppConfig):
    name = "risks"
    verbose_name = "Risk registers"

    def ready(self) -> None:
        from plans import extensions

        from .documents import register_renderer
        from .section_e import section_e_freeze, section_e_thaw
        from .section_e_changes import section_e_rows
        from .selectors import plan_section_e_risks

        register_renderer()
        # The register as a Word document (issue 16).
        from .word import register_word_export

        register_word_export()
        # Section E of a plan reads the unit's register (plans never imports this app); a snapshot keeps
        # a frozen copy, so what the committee saw does not follow later changes to the register.
        extensions.register_linked_section(
            "section_e_risks",
            plan_section_e_risks,
            section="continuity",
            freeze=section_e_freeze,
            thaw=section_e_thaw,
            rows=section_e_rows,
        )
        # The unit's risks with their movement in a plan's monitoring report (issue 12).
        from .monitoring import monitoring_risks, monitoring_risks_freeze, monitoring_risks_thaw

        extensions.register_monitoring_section(
            "risks",
            monitoring_risks,
            title="Risks",
            freeze=monitoring_risks_freeze,
            thaw=monitoring_risks_thaw,
            template="plans/monitoring/_risks.html",
            print_template="print/monitoring/_risks.html",
            position=20,
        )
        # Risks due for review on "My work" (issue 16).
        from plans.work import register_work_item

        from .selectors.work import risks_due

        register_work_item(
            "risks_due", risks_due, title="Risks due for review", empty="No risk of yours is due for review."
        )
        # The unit's risks carried into next year's register when its plan is rolled forward (issue 12).
        from .rollforward import risks_roll_forward

        extensions.register_roll_forward_hook("risks", risks_roll_forward)
        # High risks without a recent review among the exceptions of the council-wide view (issue 12).
        from .council import council_risk_exceptions

        extensions.register_council_exceptions("risks", council_risk_exceptions)
