from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    """The PDF pipeline every app uses: safe fetcher, WeasyPrint, render jobs, private storage."""

    name = "documents"
    verbose_name = "Documents (PDF rendering)"

    def ready(self) -> None:
        # Render jobs' files in private storage, for purge_storage (documents/retention.py).
        from . import retention

        retention.register(retention.RENDER_JOBS)
        # The council's Word templates (documents/word_templates.py).
        from . import word_templates

        retention.register(
            retention.Owner(
                key="documents.word_templates",
                folders=(word_templates.FOLDER,),
                referenced=word_templates.referenced_names,
            )
        )
