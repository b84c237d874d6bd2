"""Ratings, labels and bands derived from stored numbers.

``Scales`` is a snapshot of the scale labels and bands read once per request
(two queries), so a page of 500 risks rates them all without further queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .models import RATING_MAX, RATING_MIN, SCALE_MAX, SCALE_MIN, Band, ScaleKind, ScaleLevel

# Every rating a pair of 1-5 numbers can make (7, 11, 13… are impossible).
ACHIEVABLE_RATINGS = frozenset(
    likelihood * impact for likelihood in range(SCALE_MIN, SCALE_MAX + 1) for impact in range(SCALE_MIN, SCALE_MAX + 1)
)


@dataclass(frozen=True)
class BandInfo:
    name: str
    tone: str
    lower: int
    upper: int

    @property
    def css_class(self) -> str:
        return f"council-band--{self.tone}"

    def contains(self, rating: int) -> bool:
        return self.lower <= rating <= self.upper


NO_BAND = BandInfo(name="No band", tone="none", lower=0, upper=0)


@dataclass(frozen=True)
class Rating:
    likelihood: int
    impact: int
    likelihood_label: str
    impact_label: str
    band: BandInfo

    @property
    def score(self) -> int:
        return self.likelihood * self.impact


class Movement(StrEnum):
    UP = "up"
    DOWN = "down"
    SAME = "same"
    NEW = "new"
    ASSESSED = "assessed"
    IN_PROGRESS = "in_progress"


@dataclass(frozen=True)
class MovementInfo:
    kind: Movement
    previous: int | None = None

    @property
    def arrow(self) -> str:
        return {Movement.UP: "↑", Movement.DOWN: "↓", Movement.SAME: "→"}.get(self.kind, "")

    @property
    def short_text(self) -> str:
        """Shown next to the arrow on pages and papers."""
        if self.kind == Movement.UP:
            return f"Up from {self.previous}"
        if self.kind == Movement.DOWN:
            return f"Down from {self.previous}"
        if self.kind == Movement.SAME:
            return "No change"
        if self.kind == Movement.ASSESSED:
            return "First rated"
        if self.kind == Movement.IN_PROGRESS:
            return "Not rated"
        return "New"

    @property
    def text(self) -> str:
        """What the arrow means, for screen readers, exports and the printed register."""
        if self.kind == Movement.UP:
            return f"Rating increased since the last review (was {self.previous})"
        if self.kind == Movement.DOWN:
            return f"Rating reduced since the last review (was {self.previous})"
        if self.kind == Movement.SAME:
            return "No change since the last review"
        if self.kind == Movement.ASSESSED:
            return "First rated at the last review"
        if self.kind == Movement.IN_PROGRESS:
            return "Risk assessment in progress"
        return "New risk: no earlier review"


def rating_score(likelihood: int, impact: int) -> int:
    return likelihood * impact


def movement(previous: int | None, current: int | None, *, has_previous: bool) -> MovementInfo:
    """Movement of the current rating since the review before the latest one."""
    if current is None:
        return MovementInfo(Movement.IN_PROGRESS)
    if not has_previous:
        return MovementInfo(Movement.NEW)
    if previous is None:
        return MovementInfo(Movement.ASSESSED)
    if current > previous:
        return MovementInfo(Movement.UP, previous)
    if current < previous:
        return MovementInfo(Movement.DOWN, previous)
    return MovementInfo(Movement.SAME, previous)


@dataclass(frozen=True)
class Scales:
    likelihood_labels: dict[int, str]
    impact_labels: dict[int, str]
    bands: tuple[BandInfo, ...]

    @classmethod
    def load(cls) -> Scales:
        likelihood: dict[int, str] = {}
        impact: dict[int, str] = {}
        for level in ScaleLevel.objects.all():
            (likelihood if level.kind == ScaleKind.LIKELIHOOD else impact)[level.value] = level.label
        bands = tuple(BandInfo(b.name, b.tone, b.lower, b.upper) for b in Band.objects.order_by("lower"))
        return cls(likelihood, impact, bands)

    @property
    def values(self) -> range:
        return range(SCALE_MIN, SCALE_MAX + 1)

    def likelihood_label(self, value: int) -> str:
        return f"{self.likelihood_labels.get(value, 'Likelihood')} ({value})"

    def impact_label(self, value: int) -> str:
        return f"{self.impact_labels.get(value, 'Impact')} ({value})"

    def band(self, score: int) -> BandInfo:
        for band in self.bands:
            if band.contains(score):
                return band
        return NO_BAND

    def rate(self, likelihood: int | None, impact: int | None) -> Rating | None:
        if likelihood is None or impact is None:
            return None
        return Rating(
            likelihood=likelihood,
            impact=impact,
            likelihood_label=self.likelihood_label(likelihood),
            impact_label=self.impact_label(impact),
            band=self.band(rating_score(likelihood, impact)),
        )

    def likelihood_choices(self) -> list[tuple[str, str]]:
        return [(str(v), self.likelihood_label(v)) for v in self.values]

    def impact_choices(self) -> list[tuple[str, str]]:
        return [(str(v), self.impact_label(v)) for v in self.values]

    @property
    def key_rows(self) -> list[tuple[str, list[str]]]:
        """The scales as the register prints them: "Possible (3)" under 3."""
        return [
            ("Likelihood", [self.likelihood_label(v) for v in self.values]),
            ("Impact", [self.impact_label(v) for v in self.values]),
        ]

    def uncovered_ratings(self) -> list[int]:
        """Achievable ratings no band covers (the admin warns about these)."""
        return sorted(r for r in ACHIEVABLE_RATINGS if self.band(r) is NO_BAND)

    @property
    def band_key(self) -> list[tuple[BandInfo, str]]:
        """Bands with the range as printed on the register, e.g. ("Medium", "8-15")."""
        return [(band, f"{max(band.lower, RATING_MIN)}-{min(band.upper, RATING_MAX)}") for band in self.bands]
