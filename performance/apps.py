from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "performance"
    verbose_name = "Performance indicators"

    def ready(self) -> None:
        # Registers the "performance_dashboard" PDF renderer with the shared pipeline.
        from . import documents  # noqa: F401
