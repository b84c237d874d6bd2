"""Agenda numbering and the motion to exclude the press and public, derived, never typed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .models import AgendaItem, AgendaSection

SECTION_ORDER = [choice.value for choice in AgendaSection]

MOTION_TEXT = (
    "That under Section 100A of the Local Government Act 1972 the press and public be excluded from the meeting "
    "for the following business on the grounds that it involves the likely disclosure of exempt information as "
    "defined in paragraph{s} {paragraphs} of Part 1 of Schedule 12A of the Act."
)


@dataclass
class NumberedItem:
    item: AgendaItem
    number: str
    motion_before: bool = False

    @property
    def section_heading(self) -> str:
        return AgendaSection(self.item.section).label


def agenda_order(items: Iterable[AgendaItem]) -> list[AgendaItem]:
    return sorted(items, key=lambda item: (SECTION_ORDER.index(item.section), item.position, item.pk or 0))


def number_items(items: Iterable[AgendaItem]) -> list[NumberedItem]:
    """Items in agenda order with their numbers (``A1``, ``B1``…); the motion comes before the first exempt one."""
    numbered: list[NumberedItem] = []
    counters: dict[str, int] = {}
    motion_placed = False
    for item in agenda_order(items):
        counters[item.section] = counters.get(item.section, 0) + 1
        entry = NumberedItem(item=item, number=f"{item.section}{counters[item.section]}")
        if item.exempt and not motion_placed:
            entry.motion_before = True
            motion_placed = True
        numbered.append(entry)
    return numbered


def motion_text(items: Iterable[AgendaItem]) -> str:
    paragraphs = sorted({item.exempt_paragraph for item in items if item.exempt and item.exempt_paragraph})
    if not paragraphs:
        return ""
    listed = ", ".join(str(p) for p in paragraphs[:-1]) + (" and " if len(paragraphs) > 1 else "") + str(paragraphs[-1])
    return MOTION_TEXT.format(s="s" if len(paragraphs) > 1 else "", paragraphs=listed)
