"""Writes to risk registers. Every write is atomic and fully validated before it lands."""

from .errors import ForeignRowError, RiskValidationError
from .imports import (
    ImportResult,
    SectionERow,
    person_for_role,
    register_import,
    section_e_data_import,
    section_e_import,
)
from .ratings import Ratings, scale_value
from .registers import register_create
from .risks import (
    ActionInput,
    ControlInput,
    OwnerInput,
    RiskDetails,
    risk_create,
    risk_delete,
    risk_review_record,
    risk_update,
)

__all__ = [
    "ActionInput",
    "ControlInput",
    "ForeignRowError",
    "ImportResult",
    "OwnerInput",
    "Ratings",
    "RiskDetails",
    "RiskValidationError",
    "SectionERow",
    "person_for_role",
    "register_create",
    "register_import",
    "risk_create",
    "risk_delete",
    "risk_review_record",
    "risk_update",
    "scale_value",
    "section_e_data_import",
    "section_e_import",
]
