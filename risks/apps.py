from django.apps import AppConfig


class RisksConfig(AppConfig):
    name = "risks"
    verbose_name = "Risk registers"

    def ready(self) -> None:
        from .documents import register_renderer

        register_renderer()
