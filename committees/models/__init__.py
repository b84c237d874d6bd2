"""Cabinet Committees, their meetings, agendas, papers and the agenda packs built from them.

Laid out like the council's printed agendas (seed 001): a committee with its
members by party, a meeting with its venue and clerk, agenda items in lettered
sections (A-F) numbered within the section (``B1``), papers attached to items
(a cover report written here, or an uploaded PDF), and the packs: one build
makes the members' full pack and the public pack together, so both always
share the same page numbers.
"""

from .agenda import AgendaItem, AgendaSection, Appendix, AppendixKind, Classification, Paper, PaperKind
from .decisions import (
    CallIn,
    CallInOutcome,
    Decision,
    DecisionMaker,
    ForwardPlanEntry,
    ForwardPlanPublication,
    PrivateMeetingNotice,
    UrgencyRoute,
)
from .meetings import DECISION_NUMBER_VALIDATOR, DEFAULT_WEBCAST_NOTICE, Committee, CommitteeMember, Meeting, MemberRole
from .minutes import (
    Attendance,
    AttendanceKind,
    Declaration,
    Minute,
    MinuteCorrection,
    Minutes,
    MinutesStatus,
)
from .packs import BuildStatus, PackBuild, PackFile, Visibility
from .papers import PublicPaper, PublicPaperKind
from .supplements import Supplement, SupplementNumbering

__all__ = [
    "DECISION_NUMBER_VALIDATOR",
    "DEFAULT_WEBCAST_NOTICE",
    "AgendaItem",
    "AgendaSection",
    "Attendance",
    "AttendanceKind",
    "Declaration",
    "Minute",
    "MinuteCorrection",
    "Minutes",
    "MinutesStatus",
    "CallIn",
    "CallInOutcome",
    "Decision",
    "DecisionMaker",
    "ForwardPlanEntry",
    "ForwardPlanPublication",
    "PrivateMeetingNotice",
    "UrgencyRoute",
    "Appendix",
    "AppendixKind",
    "BuildStatus",
    "Classification",
    "Committee",
    "CommitteeMember",
    "Meeting",
    "MemberRole",
    "PackBuild",
    "PackFile",
    "PublicPaper",
    "PublicPaperKind",
    "Paper",
    "Supplement",
    "SupplementNumbering",
    "PaperKind",
    "Visibility",
]
