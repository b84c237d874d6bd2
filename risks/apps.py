from django.apps import AppConfig


class RisksConfig(AppConfig):
    name = "risks"
    verbose_name = "Risk registers"

    def ready(self) -> None:
        from plans import extensions

        from .documents import register_renderer
        from .selectors import plan_section_e_risks

        register_renderer()
        # Section E of a plan reads the unit's register (plans never imports this app).
        extensions.register_linked_section("section_e_risks", plan_section_e_risks)
