"""A cover report as a Word document: the same print HTML as in the agenda pack, through the Word export.

Only people who may read the paper get a copy: staff who may see the meeting, and for an exempt item only those
who may see the full pack (as on the paper's page).
"""

from documents import word

from .agenda import number_items
from .models import Paper, PaperKind
from .packs.builder import appendix_labels
from .packs.content import cover_report_html


def cover_report_word_html(paper: Paper) -> str:
    """The cover report's print HTML, numbered as the agenda numbers it, with its appendices listed."""
    meeting = paper.item.meeting
    entry = next(entry for entry in number_items(meeting.items.all()) if entry.item.pk == paper.item_id)
    appendices = sorted(paper.appendices.all(), key=lambda appendix: (appendix.position, appendix.pk))
    listed: list[dict] = []
    for appendix, label in zip(appendices, appendix_labels(appendices), strict=True):
        if not listed or listed[-1]["label"] != label:
            listed.append({"label": label, "title": appendix.title})
    return cover_report_html(paper=paper, entry=entry, meeting=meeting, appendices=listed)


def may_export_cover_report(user, paper: Paper) -> bool:
    meeting = paper.item.meeting
    if paper.kind != PaperKind.COVER_REPORT or not user.has_perm("committees.view_meeting", meeting):
        return False
    return not paper.item.exempt or user.has_perm("committees.view_full_pack", meeting)


def register_word_export() -> word.WordExport:
    """Registered from ``CommitteesConfig.ready``."""
    return word.register(
        word.WordExport(
            key="cover_report",
            model=Paper,
            build_html=cover_report_word_html,
            filename=lambda paper: (
                f"{paper.item.meeting.committee.name} {paper.item.meeting.date:%Y-%m-%d} {paper.title}"
            ),
            may_export=may_export_cover_report,
        )
    )
