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
        # Cover reports as Word documents (issue 16).
        from .word import register_word_export

        register_word_export()
        # Meetings whose agenda pack is not published yet, on democratic services' "My work" (issue 16).
        from plans.work import register_work_item

        from .work import packs_to_publish

        register_work_item(
            "packs_to_publish", packs_to_publish, title="Packs to publish", empty="Every meeting's pack is published."
        )
        # The council-wide view of a plan year can be narrowed to the plans whose papers went to a committee.
        from plans.extensions import register_council_filter

        from .council import committee_choices, committee_plan_ids

        register_council_filter(
            "committee",
            label="Committee",
            any_label="Any committee",
            choices=committee_choices,
            plan_ids=committee_plan_ids,
        )
        # "Already in the Forward Plan?" on a plan's key decisions is answered by the entries' links (issue 13).
        from . import forward_plan_links

        forward_plan_links.register()
        # The decision cycle's tasks live beside it, not in tasks.py: importing them here registers them in workers.
        from . import cycle_tasks  # noqa: F401
