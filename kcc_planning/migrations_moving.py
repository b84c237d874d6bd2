"""Moving a model to another app without touching its rows: the content type goes with it (ADR 0005).

Content types are kept by id, so permissions granted on the model, generic links (a render job's
subject, audit entries) and admin history keep pointing at the same rows.
"""

from collections.abc import Iterable


def move_content_types(*, from_app: str, to_app: str, models: Iterable[str]):
    """A ``RunPython`` pair (forwards, backwards) relabelling the models' content types."""
    names = [name.lower() for name in models]

    def relabel(apps, source: str, target: str) -> None:
        content_type = apps.get_model("contenttypes", "ContentType")
        for name in names:
            moving = content_type.objects.filter(app_label=source, model=name).first()
            if moving is None:
                continue  # a new database: post_migrate creates the content type under its new app
            # A row under the new name exists only as a stand-in that post_migrate made while the
            # database stood between the two layouts (a partial migrate); the old row, which
            # permissions and generic links use, wins.
            content_type.objects.filter(app_label=target, model=name).delete()
            moving.app_label = target
            moving.save(update_fields=["app_label"])

    def forwards(apps, schema_editor):
        relabel(apps, from_app, to_app)

    def backwards(apps, schema_editor):
        relabel(apps, to_app, from_app)

    return forwards, backwards
