"""A supplement's two PDFs (full and public): its own front sheet, then its items' papers as the pack prints them.

The pages are numbered on from the main pack (or from the previous supplement) or from 1, as the council chose;
the public version replaces an exempt item with the same "Document is Restricted" notice as the public pack.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.db.models import F
from django.template.loader import render_to_string

from ..agenda import motion_text
from ..models import PackBuild, Supplement, SupplementNumbering
from .appendices import PackError
from .builder import BuiltPacks, build_packs
from .content import meeting_heading


def last_printed_page(build: PackBuild) -> int:
    """The last page number a build stamps: each item starts on an odd page and a blank follows an odd ending."""
    last = max((pages[1] for pages in build.ranges.values()), default=0)
    return last + last % 2


def _numbered_from(supplement: Supplement) -> PackBuild | None:
    """The document this supplement numbers on from: the previous supplement's latest finished build (its
    publication first), or for the first supplement the main pack's latest publication."""
    builds = PackBuild.objects.filter(meeting=supplement.meeting_id, status="done")
    if supplement.number == 1:
        return builds.filter(supplement__isnull=True, published_at__isnull=False).order_by("-version").first()
    return (
        builds.filter(supplement__meeting=supplement.meeting_id, supplement__number=supplement.number - 1)
        .order_by(F("published_at").desc(nulls_last=True), "-finished_at")
        .first()
    )


def supplement_first_page(supplement: Supplement) -> int:
    if supplement.numbering == SupplementNumbering.OWN:
        return 1
    before = _numbered_from(supplement)
    if before is None:
        what = "the agenda pack" if supplement.number == 1 else f"supplement {supplement.number - 1}"
        raise PackError(f"Build {what} before this supplement: its pages are numbered on from it.")
    return last_printed_page(before) + 1


def supplement_front_html(supplement: Supplement) -> Callable[..., str]:
    def front(*, meeting, members, plans, printed, ranges, public, published_on) -> str:
        kind = "public" if public else "full"
        return render_to_string(
            "print/committees/supplement_front.html",
            {
                "meeting": meeting,
                "supplement": supplement,
                "rows": [
                    {
                        "entry": plan.entry,
                        "title": plan.entry.item.display_public_title if public else plan.entry.item.title,
                        "range": ranges.get(plan.number),
                    }
                    for plan in printed
                ],
                # An exempt item is taken in private, as in the pack: the motion under s100A is printed before it.
                "motion": motion_text(plan.entry.item for plan in printed if plan.exempt),
                "published_on": published_on,
                "document_title": f"{meeting_heading(meeting)}: agenda {supplement.title.lower()} ({kind})",
                "council_name": settings.COUNCIL_NAME,
            },
        )

    return front


def build_supplement(
    *, supplement_id: int, meeting_id: int | None = None, published_on=None, progress=None, counted=None
) -> BuiltPacks:
    """Both versions of a supplement as PDF bytes (``builder.build_packs`` with the supplement's items only)."""
    supplement = Supplement.objects.select_related("meeting").get(pk=supplement_id)
    return build_packs(
        meeting_id=supplement.meeting_id,
        published_on=published_on,
        progress=progress,
        counted=counted,
        only=set(supplement.items.values_list("pk", flat=True)),
        first_page=supplement_first_page(supplement),
        front=supplement_front_html(supplement),
        kind=f"agenda {supplement.title.lower()}",
    )
