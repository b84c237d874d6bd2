"""Why a plan cannot be rolled forward, in words fit for the page and the command line."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..models import Directorate, Division, Plan


class RollForwardError(Exception):
    """The roll forward cannot go ahead; ``message`` says why and what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class RollForwardExists(RollForwardError):
    """Next year's plan for the unit already exists (``existing``): it is never made twice."""

    def __init__(self, message: str, *, existing: Plan):
        super().__init__(message)
        self.existing = existing


class SuccessorChoiceNeeded(RollForwardError):
    """The unit continues as more than one unit next year (a split): the officer says which one this plan is for."""

    def __init__(self, message: str, *, candidates: list[Division | Directorate]):
        super().__init__(message)
        self.candidates = candidates
