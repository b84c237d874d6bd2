"""Errors the risk services raise, shaped so a page can show each message next to its field."""

from __future__ import annotations

from kcc_planning.validation import ForeignRowError, WriteValidationError

__all__ = ["ForeignRowError", "RiskValidationError"]


class RiskValidationError(WriteValidationError):
    """Field errors on the risk or register (``fields``) and per row of a risk's controls and actions (``rows``).

    ``rows`` is ``{"controls": {row_index: {field: [messages]}}, "actions": {...}}``.
    """
