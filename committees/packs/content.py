"""The print HTML of everything the pack generates: front sheet, cover reports, notices, fillers, stamps.

Each function returns a complete HTML document for WeasyPrint. All user text
goes through Django's autoescaping; the stamp sheet's CSS strings are escaped
for CSS here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.template.loader import render_to_string

from ..agenda import NumberedItem, motion_text
from ..models import AgendaSection, Meeting, Paper

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass
class ReportBlock:
    kind: str  # "heading", "paragraph" or "list"
    number: str = ""
    text: str = ""
    items: list[str] = field(default_factory=list)


# A number the officer typed at the start of a heading or paragraph: "1. Introduction", "2) Costs", "1.2 The plan".
# A single number needs its "." or ")"; a number with parts ("1.2") must be followed by a capital or a quote, so
# "1.5 million people" is text, not a paragraph number.
TYPED_NUMBER = re.compile(r"^(?:(\d{1,2})[.)]|(\d{1,2}(?:\.\d{1,2}){1,2})\.?(?=\s+[A-Z“\"‘'(]))\s+")


def _typed_number(text: str) -> tuple[list[int], str]:
    """The typed number's parts and the text without it (``[]`` and the text if none was typed)."""
    match = TYPED_NUMBER.match(text)
    if match is None:
        return [], text
    return [int(part) for part in (match.group(1) or match.group(2)).split(".")], text[match.end() :]


def report_blocks(body: str) -> list[ReportBlock]:
    """Numbered paragraphs from the report body: ``# Heading`` lines give 1, 2…; paragraphs under them 1.1, 1.2….

    Paragraphs before the first heading are numbered 1, 2, 3 (as in seed 001's
    C1 report); a block whose lines all start with ``- `` is a bulleted list
    and is not numbered. Numbering an officer typed stands: "# 1. Introduction" or "1.2 The plan…" print
    their number once (never "1 1. Introduction"), and the numbers after them run on from it.
    """
    blocks: list[ReportBlock] = []
    heading = 0
    paragraph = 0
    for chunk in PARAGRAPH_BREAK.split(body.replace("\r\n", "\n").strip()):
        lines = [line.rstrip() for line in chunk.split("\n") if line.strip()]
        while lines and lines[0].startswith("# "):
            typed, text = _typed_number(lines.pop(0)[2:].strip())
            heading = typed[0] if typed else heading + 1
            paragraph = 0
            blocks.append(ReportBlock(kind="heading", number=".".join(map(str, typed)) or str(heading), text=text))
        if not lines:
            continue
        if all(line.lstrip().startswith("- ") for line in lines):
            blocks.append(ReportBlock(kind="list", items=[line.lstrip()[2:].strip() for line in lines]))
            continue
        typed, text = _typed_number(" ".join(line.strip() for line in lines))
        if len(typed) > 1:
            heading, paragraph = typed[0], typed[-1]
        elif typed and heading:  # "2. Costs" under heading 1: the officer's next section
            heading, paragraph = typed[0], 0
        elif typed:
            paragraph = typed[0]
        else:
            paragraph += 1
        number = ".".join(map(str, typed)) or (f"{heading}.{paragraph}" if heading else str(paragraph))
        blocks.append(ReportBlock(kind="paragraph", number=number, text=text))
    return blocks


def _css_string(text: str) -> str:
    """A CSS string literal (for ``content:``), safe whatever the text holds."""
    escaped = "".join(c if c.isalnum() or c in " .,:;-()/&'" else f"\\{ord(c):06x}" for c in text)
    return f'"{escaped}"'


def meeting_heading(meeting: Meeting) -> str:
    return f"{meeting.committee.name}, {meeting.date:%-d %B %Y}"


def front_sheet_html(
    *,
    meeting: Meeting,
    members: list,
    items: list[NumberedItem],
    ranges: dict[str, tuple[int, int]],
    public: bool,
    published_on,
) -> str:
    """The agenda front sheet; ``ranges`` are the real page ranges (or placeholders in the first pass)."""
    parties: dict[str, list] = {}
    for member in members:
        if member.role != "substitute":
            parties.setdefault(member.party, []).append(member)
    sections = []
    for entry in items:
        if not sections or sections[-1]["letter"] != entry.item.section:
            sections.append(
                {"letter": entry.item.section, "heading": AgendaSection(entry.item.section).label, "items": []}
            )
        sections[-1]["items"].append(
            {
                "entry": entry,
                "title": entry.item.display_public_title if public else entry.item.title,
                "range": ranges.get(entry.number),
            }
        )
    kind = "public pack" if public else "full pack"
    return render_to_string(
        "print/committees/front_sheet.html",
        {
            "meeting": meeting,
            "document_title": f"{meeting_heading(meeting)}: agenda ({kind})",
            "parties": [
                {
                    "name": party,
                    "seats": len(seats),
                    "named": [m for m in seats if not m.vacant],
                    "vacancies": sum(1 for m in seats if m.vacant),
                }
                for party, seats in parties.items()
            ],
            "member_total": sum(1 for m in members if m.role != "substitute"),
            "sections": sections,
            "has_exempt": any(entry.item.exempt for entry in items),
            "motion": motion_text(entry.item for entry in items),
            "published_on": published_on,
            "council_name": settings.COUNCIL_NAME,
        },
    )


def agenda_front_html(*, meeting, members, plans, printed, ranges, public, published_on) -> str:
    """The builder's default front sheet (a supplement has its own: ``packs.supplement``): every item is listed."""
    return front_sheet_html(
        meeting=meeting,
        members=members,
        items=[plan.entry for plan in plans],
        ranges=ranges,
        public=public,
        published_on=published_on,
    )


def cover_report_html(*, paper: Paper, entry: NumberedItem, meeting: Meeting, appendices: list[dict]) -> str:
    item = entry.item
    classification = (
        f"Exempt: paragraph {item.exempt_paragraph} of Part 1 of Schedule 12A of the Local Government Act 1972"
        if item.exempt
        else "Unrestricted"
    )
    return render_to_string(
        "print/committees/cover_report.html",
        {
            "paper": paper,
            "number": entry.number,
            "item": item,
            "meeting": meeting,
            "to": paper.to or f"{meeting.committee.name} – {meeting.date:%-d %B %Y}",
            "classification": classification,
            "blocks": report_blocks(paper.body),
            "appendices": appendices,
            "document_title": f"Agenda item {entry.number}: {paper.title}",
            "council_name": settings.COUNCIL_NAME,
        },
    )


def restricted_notice_html(*, number: str, paragraph: int, pages: int, meeting: Meeting) -> str:
    """Exactly ``pages`` pages: the notice, then blank and "Document is Restricted" pages in turn (seed 001)."""
    return render_to_string(
        "print/committees/restricted.html",
        {
            "number": number,
            "paragraph": paragraph,
            "later_pages": ["blank" if index % 2 == 1 else "notice" for index in range(1, pages)],
            "document_title": f"{meeting_heading(meeting)}: agenda item {number} (restricted)",
        },
    )


def blank_page_html() -> str:
    return render_to_string("print/committees/blank.html", {"document_title": "This page is intentionally left blank"})


def stamps_html(*, labels: list[tuple[str, str]]) -> str:
    """One empty page per pack page; each page's (footer, corner mark) printed in its margins."""
    rules = []
    for index, (footer, corner) in enumerate(labels):
        rule = f"@page s{index} {{"
        if footer:
            rule += f" @bottom-center {{ content: {_css_string(footer)}; }}"
        if corner:
            rule += f" @top-right {{ content: {_css_string(corner)}; }}"
        rules.append(rule + " }")
    return render_to_string(
        "print/committees/stamps.html", {"page_rules": "\n".join(rules), "pages": range(len(labels))}
    )
