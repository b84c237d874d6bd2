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
