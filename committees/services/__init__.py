"""Writes for committees: meetings, agendas, papers (``agenda``) and agenda packs (``packs``)."""

from .agenda import (
    AGENDA_ITEM_FIELDS,
    COVER_REPORT_FIELDS,
    MEETING_FIELDS,
    agenda_item_create,
    agenda_item_delete,
    agenda_item_move,
    agenda_item_update,
    agenda_section_reorder,
    appendix_add,
    appendix_delete,
    cover_report_create,
    cover_report_update,
    meeting_create,
    paper_delete,
    paper_upload,
)
from .packs import pack_build_request, pack_build_run, pack_builds_sweep, packs_folder
from .publication import pack_publish
from .supplements import supplement_issue, supplement_rebuild

__all__ = [
    "AGENDA_ITEM_FIELDS",
    "COVER_REPORT_FIELDS",
    "MEETING_FIELDS",
    "agenda_item_create",
    "agenda_item_delete",
    "agenda_item_move",
    "agenda_item_update",
    "agenda_section_reorder",
    "appendix_add",
    "appendix_delete",
    "cover_report_create",
    "cover_report_update",
    "meeting_create",
    "pack_build_request",
    "pack_build_run",
    "pack_builds_sweep",
    "supplement_issue",
    "supplement_rebuild",
    "pack_publish",
    "packs_folder",
    "paper_delete",
    "paper_upload",
]
