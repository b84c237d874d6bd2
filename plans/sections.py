"""The sections of each plan template, in printed order.

One registry drives the contents list, the edit pages and the read view, so a
section cannot be shown in one place and forgotten in another.
"""

from dataclasses import dataclass
from enum import StrEnum

from .models import NarrativeSection, PlanKind


class SectionKind(StrEnum):
    SUMMARY = "summary"
    NARRATIVE = "narrative"
    PRIORITIES = "priorities"
    RESOURCES = "resources"
    CONTINUITY = "continuity"
    SUPPORT = "support"
    PROGRESS = "progress"
    SERVICES = "services"
    COMMISSIONING = "commissioning"
    # Kept in the performance app; the plan shows its tables and links there to edit them.
    PERFORMANCE = "performance"


@dataclass(frozen=True)
class Section:
    slug: str
    letter: str
    title: str
    kind: SectionKind
    narrative: NarrativeSection | None = None

    @property
    def heading(self) -> str:
        return f"{self.letter}. {self.title}" if self.letter else self.title


DIVISIONAL_SECTIONS = (
    Section("executive-summary", "", "Executive summary", SectionKind.SUMMARY),
    Section("role-purpose", "A", "Role/purpose of function", SectionKind.NARRATIVE, NarrativeSection.ROLE_PURPOSE),
    Section(
        "mtp-contribution",
        "B",
        "Contribution to MTP objectives",
        SectionKind.NARRATIVE,
        NarrativeSection.MTP_CONTRIBUTION,
    ),
    Section("priorities", "C", "Priorities, actions, milestones, key or significant decisions", SectionKind.PRIORITIES),
    Section("resources", "D", "Financial and human resources", SectionKind.RESOURCES),
    Section("business-continuity", "E", "Risk and business continuity", SectionKind.CONTINUITY),
    Section("performance", "F", "Performance and activity indicators", SectionKind.PERFORMANCE),
    Section("support", "G", "Activity requiring support from other divisions/services", SectionKind.SUPPORT),
)

DIRECTORATE_SECTIONS = (
    Section("executive-summary", "A", "Executive summary", SectionKind.NARRATIVE, NarrativeSection.EXECUTIVE_SUMMARY),
    Section("foreword", "B", "Corporate Director's foreword", SectionKind.NARRATIVE, NarrativeSection.FOREWORD),
    Section("role-purpose", "C", "Directorate role and purpose", SectionKind.NARRATIVE, NarrativeSection.ROLE_PURPOSE),
    Section("progress", "D", "Progress on last year's directorate priorities", SectionKind.PROGRESS),
    Section(
        "operating-environment",
        "E",
        "Directorate operating environment",
        SectionKind.NARRATIVE,
        NarrativeSection.OPERATING_ENVIRONMENT,
    ),
    Section("risks", "F", "Risks", SectionKind.NARRATIVE, NarrativeSection.RISKS),
    Section("priorities", "G", "Directorate priorities for the year", SectionKind.PRIORITIES),
    Section(
        "od-priorities",
        "H",
        "Organisational development priorities",
        SectionKind.NARRATIVE,
        NarrativeSection.OD_PRIORITIES,
    ),
    Section("services", "I", "Internal and external services", SectionKind.SERVICES),
    Section("commissioning", "J", "Significant commissioning and service activity", SectionKind.COMMISSIONING),
    Section("resources", "K", "Resources", SectionKind.RESOURCES),
    Section("performance", "L", "Performance indicators and targets", SectionKind.PERFORMANCE),
    Section("monitoring", "M", "Monitoring and review", SectionKind.NARRATIVE, NarrativeSection.MONITORING),
)


def sections_for(kind: str) -> tuple[Section, ...]:
    return DIVISIONAL_SECTIONS if kind == PlanKind.DIVISIONAL else DIRECTORATE_SECTIONS


def get_section(kind: str, slug: str) -> Section | None:
    return next((s for s in sections_for(kind) if s.slug == slug), None)
