from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    """The PDF pipeline every app uses: safe fetcher, WeasyPrint, render jobs, private storage."""

    name = "documents"
    verbose_name = "Documents (PDF rendering)"
