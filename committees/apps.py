from django.apps import AppConfig


class CommitteesConfig(AppConfig):
    """Committees, meetings, agendas, papers and agenda packs (the top layer: it prints the other apps' papers)."""

    name = "committees"
    verbose_name = "Committees and agenda packs"

    def ready(self) -> None:
        # Pack builds, the part cache and uploaded papers in private storage, for purge_storage.
        from documents import retention as storage_retention

        from . import retention

        storage_retention.register(retention.OWNER)
