"""RAG ratings, direction of travel and activity ranges: computed, never typed.

The council's convention (DOMAIN.md): Green when the target is met or beaten;
Amber when short of the target but at or better than the floor; Red when worse
than the floor. "Better" depends on polarity: for PI01 (% of rent outstanding
at 60 days, floor 15%, target 5%) lower is better, so 4% is Green, 10% Amber
and 16% Red.

Actuals are rated as they are shown: rounded to the indicator's decimal
places first, so a figure printed as "95%" is never rated below a 95% target.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from .models.choices import Polarity
from .values import plain, quantize


class Rag(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    NOT_RATED = "not_rated"


RAG_LABELS = {Rag.GREEN: "Green", Rag.AMBER: "Amber", Rag.RED: "Red", Rag.NOT_RATED: "Not rated"}


@dataclass(frozen=True)
class Rating:
    rag: Rag
    reason: str

    @property
    def label(self) -> str:
        return RAG_LABELS[self.rag]

    @property
    def css_class(self) -> str:
        return "" if self.rag == Rag.NOT_RATED else f"council-rag council-rag--{self.rag}"


def at_least_as_good(value: Decimal, standard: Decimal, polarity: str) -> bool:
    """Whether ``value`` meets ``standard`` for the polarity (equal counts as meeting it)."""
    return value >= standard if polarity == Polarity.HIGHER else value <= standard


def floor_target_error(
    *,
    floor: Decimal | None,
    target: Decimal | None,
    polarity: str,
    target_name: str = "target",
    shown: Callable[[Decimal], str] = plain,
) -> str:
    """Why a floor better than its target is refused, or "" when the pair is consistent."""
    if floor is None or target is None or at_least_as_good(target, floor, polarity):
        return ""
    if polarity == Polarity.HIGHER:
        return (
            f"The floor ({shown(floor)}) is higher than the {target_name} ({shown(target)}), but this "
            f"indicator is “higher is better”: the floor is the least acceptable result, so it must be at or below "
            f"the {target_name}. If a lower figure is better for this indicator, choose “Lower is better”."
        )
    return (
        f"The floor ({shown(floor)}) is lower than the {target_name} ({shown(target)}), but this "
        f"indicator is “lower is better”: the floor is the worst acceptable result, so it must be at or above "
        f"the {target_name}. If a higher figure is better for this indicator, choose “Higher is better”."
    )


def rate(
    *, actual: Decimal | None, floor: Decimal | None, target: Decimal | None, polarity: str, places: int = 0
) -> Rating:
    """The RAG rating of ``actual`` against ``floor`` and ``target``.

    With no floor standard, anything short of the target is Red: there is no
    band in which a shortfall is acceptable.
    """
    if actual is None:
        return Rating(Rag.NOT_RATED, "No actual has been entered.")
    if target is None:
        return Rating(Rag.NOT_RATED, "There is no target to rate against.")
    shown = quantize(actual, places)
    if at_least_as_good(shown, target, polarity):
        return Rating(Rag.GREEN, "Target met or beaten.")
    if floor is None:
        return Rating(Rag.RED, "Short of the target, and there is no floor standard.")
    if at_least_as_good(shown, floor, polarity):
        return Rating(Rag.AMBER, "Short of the target but at or better than the floor.")
    return Rating(Rag.RED, "Worse than the floor.")


class Trend(StrEnum):
    IMPROVED = "improved"
    WORSENED = "worsened"
    SAME = "same"
    # Nothing reported for this period although an earlier figure exists: not the same as having none.
    NOT_REPORTED = "not_reported"
    NONE = "none"


@dataclass(frozen=True)
class Direction:
    trend: Trend
    compared_with: str = ""

    @property
    def label(self) -> str:
        return {
            Trend.IMPROVED: "Improved",
            Trend.WORSENED: "Worsened",
            Trend.SAME: "No change",
            Trend.NOT_REPORTED: "Not reported this period",
            Trend.NONE: "No earlier figure",
        }[self.trend]

    @property
    def note(self) -> str:
        """What the direction is measured against ("on Q2 2013-14"), or where the last figure is from."""
        if not self.compared_with:
            return ""
        if self.trend == Trend.NOT_REPORTED:
            return f"last figure: {self.compared_with}"
        return f"on {self.compared_with}"

    @property
    def text(self) -> str:
        """The label and what it compares with, in one line, for the printed dashboard's Direction column."""
        return f"{self.label} ({self.note})" if self.note else self.label

    @property
    def arrow(self) -> str:
        return {
            Trend.IMPROVED: "↑",
            Trend.WORSENED: "↓",
            Trend.SAME: "→",
            Trend.NOT_REPORTED: "",
            Trend.NONE: "",
        }[self.trend]


def direction(
    *, current: Decimal | None, previous: Decimal | None, polarity: str, places: int = 0, compared_with: str = ""
) -> Direction:
    """Direction of travel from ``previous`` to ``current``: improved means better for the polarity.

    With no current figure but an earlier one, the direction is "not reported this period" and still says
    which figure is the last (``compared_with``); "no earlier figure" is only for an indicator with none.
    """
    if previous is None:
        return Direction(Trend.NONE)
    if current is None:
        return Direction(Trend.NOT_REPORTED, compared_with)
    now, before = quantize(current, places), quantize(previous, places)
    if now == before:
        return Direction(Trend.SAME, compared_with)
    better = now > before if polarity == Polarity.HIGHER else now < before
    return Direction(Trend.IMPROVED if better else Trend.WORSENED, compared_with)


class Range(StrEnum):
    WITHIN = "within"
    ABOVE = "above"
    BELOW = "below"
    NO_RANGE = "no_range"
    NO_ACTUAL = "no_actual"


RANGE_LABELS = {
    Range.WITHIN: "Within expected range",
    Range.ABOVE: "Above expected range",
    Range.BELOW: "Below expected range",
    Range.NO_RANGE: "No expected range",
    Range.NO_ACTUAL: "Not yet reported",
}


def in_range(*, actual: Decimal | None, lower: Decimal | None, upper: Decimal | None) -> Range:
    """Where an activity actual falls against its expected range (both thresholds inclusive)."""
    if actual is None:
        return Range.NO_ACTUAL
    if lower is None and upper is None:
        return Range.NO_RANGE
    if upper is not None and actual > upper:
        return Range.ABOVE
    if lower is not None and actual < lower:
        return Range.BELOW
    return Range.WITHIN
