"""Roll forward (issue 12): "Start next year's plan from this one"."""

from .errors import RollForwardError, RollForwardExists, SuccessorChoiceNeeded
from .service import RollForward, existing_next_plan, plan_roll_forward, roll_forward_check
from .successors import plan_year_for, successor_units, unit_label

__all__ = [
    "RollForward",
    "RollForwardError",
    "RollForwardExists",
    "SuccessorChoiceNeeded",
    "existing_next_plan",
    "plan_roll_forward",
    "plan_year_for",
    "roll_forward_check",
    "successor_units",
    "unit_label",
]
