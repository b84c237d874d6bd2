"""What the API says of each thing: only what a public page says, shaped on Popolo and Open Civic Data (ADR 0006).

Every serializer reads prefetched rows only (the views own the joins), so a list costs the same few queries
however long it is.
"""

from .committees import CommitteeSerializer
from .decisions import DecisionSerializer
from .forward_plan import ForwardPlanSerializer
from .meetings import MeetingDetailSerializer, MeetingSerializer
from .minutes import MinutesSerializer

__all__ = [
    "CommitteeSerializer",
    "DecisionSerializer",
    "ForwardPlanSerializer",
    "MeetingDetailSerializer",
    "MeetingSerializer",
    "MinutesSerializer",
]
