"""Checking likelihood and impact input before it reaches a risk or a review.

Only the plain integers 1-5 are accepted: not 0 or 6, not "3.5", "NaN" or
non-ASCII digits such as "３" or "٣" (Python's ``int`` would accept those).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import SCALE_MAX, SCALE_MIN

_PLAIN_DIGIT = re.compile(r"[1-5]", re.ASCII)

FIELD_NAMES = ("current_likelihood", "current_impact", "target_likelihood", "target_impact")
FIELD_WORDS = {
    "current_likelihood": "current likelihood",
    "current_impact": "current impact",
    "target_likelihood": "target residual likelihood",
    "target_impact": "target residual impact",
}


@dataclass(frozen=True)
class Ratings:
    """Current and target residual likelihood and impact; all None while the assessment is in progress."""

    current_likelihood: int | None = None
    current_impact: int | None = None
    target_likelihood: int | None = None
    target_impact: int | None = None

    @classmethod
    def in_progress(cls) -> Ratings:
        return cls()

    def as_dict(self) -> dict[str, int | None]:
        return {name: getattr(self, name) for name in FIELD_NAMES}


def scale_value(value) -> int | None:
    """The value as an int 1-5, or None if it is anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if SCALE_MIN <= value <= SCALE_MAX else None
    if isinstance(value, str) and _PLAIN_DIGIT.fullmatch(value.strip()):
        return int(value.strip())
    return None


def _ratings_errors(ratings: Ratings) -> dict[str, list[str]]:
    """Messages per field for values out of range and pairs set by halves."""
    errors: dict[str, list[str]] = {}
    for name in FIELD_NAMES:
        value = getattr(ratings, name)
        if value is not None and scale_value(value) is None:
            errors[name] = [f"Enter the {FIELD_WORDS[name]} as a whole number from {SCALE_MIN} to {SCALE_MAX}."]
    if errors:
        return errors
    for first, second in (FIELD_NAMES[:2], FIELD_NAMES[2:]):
        a, b = getattr(ratings, first), getattr(ratings, second)
        if (a is None) != (b is None):
            missing = first if a is None else second
            which = FIELD_WORDS[first].rsplit(" ", 1)[0]
            errors[missing] = [f"Select the {FIELD_WORDS[missing]}, or leave both {which} values empty."]
    if ratings.current_likelihood is None and ratings.target_likelihood is not None:
        errors.setdefault("current_likelihood", ["Select the current likelihood and impact before setting a target."])
    return errors
