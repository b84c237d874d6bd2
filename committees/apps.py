from django.apps import AppConfig


class CommitteesConfig(AppConfig):
    """Committees, meetings, agendas, papers and agenda packs (the top layer: it prints the other apps' papers)."""

    name = "committees"
    verbose_name = "Committees and agenda packs"
