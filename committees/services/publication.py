"""Publishing a finished pack build: it becomes immutable, a republication says why, and the public papers are
cut from it by a task queued on commit."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from documents import storage

from ..models import BuildStatus, PackBuild
from ..packs.changes import item_changes

if TYPE_CHECKING:
    from django.contrib.auth.models import User


logger = logging.getLogger(__name__)


def _publication_changes(previous: PackBuild | None, build: PackBuild) -> list[str]:
    """What changed since the previous publication, item by item."""
    if previous is None:
        return []
    changes = []
    old, new = previous.item_hashes, build.item_hashes
    changed = item_changes(old, new)
    for number in new:
        if changed.get(number) == "added":
            changes.append(f"Item {number} added")
        elif number in changed:
            changes.append(f"Item {number} papers changed")
        elif previous.ranges.get(number) != build.ranges.get(number):
            changes.append(f"Item {number} moved to pages {build.ranges[number][0]} - {build.ranges[number][1]}")
    changes += [f"Item {number} removed" for number in old if number not in new]
    return changes


@transaction.atomic
def pack_publish(*, build: PackBuild, published_by: User | None, change_note: str = "") -> PackBuild:
    """Publish a finished build; it becomes immutable. A republication must say why."""
    build = PackBuild.objects.select_for_update().get(pk=build.pk)
    if build.is_published:
        raise ValidationError({"change_note": "This pack has already been published; it cannot be changed."})
    if build.status != BuildStatus.DONE or build.files.count() != 2:
        raise ValidationError({"change_note": "Only a finished build can be published."})
    previous = (
        PackBuild.objects.select_for_update()
        # A supplement's versions are its own: the main pack's publication never counts a supplement's, and back.
        .filter(meeting=build.meeting_id, supplement=build.supplement_id, published_at__isnull=False)
        .order_by("-version")
        .first()
    )
    if previous is not None and not change_note.strip():
        raise ValidationError({"change_note": "Enter what changed since the pack was last published"})
    build.version = (previous.version if previous else 0) + 1
    build.published_at = timezone.now()
    build.published_by = published_by if getattr(published_by, "is_authenticated", False) else None
    build.change_note = change_note.strip()
    build.changes = _publication_changes(previous, build)
    build.full_clean()
    build.save()
    for record in build.files.all():
        # Immutable on disk too: nothing in the app writes a published file again.
        storage.protect(record.file_name)
    build_id = str(build.pk)
    transaction.on_commit(lambda: _enqueue_public_papers(build_id))
    return build


def _enqueue_public_papers(build_id: str) -> None:
    """Queue the cutting of the published pack into its items' papers; with the broker down the publication stands
    (the whole pack is there) and the sweeper queues the papers later (``papers.public_papers_sweep``)."""
    from ..tasks import make_public_papers

    try:
        make_public_papers.delay(build_id)
    except Exception:  # noqa: BLE001 - the publication is committed; the papers can be made again later
        logger.exception("Pack build %s: could not queue its public papers; the sweeper will", build_id)
