"""The 5×5 heat map of a register's current and target ratings."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..models import Register, Risk
from ..scoring import BandInfo, Scales


@dataclass
class HeatCell:
    likelihood: int
    impact: int
    score: int
    band: BandInfo
    likelihood_label: str = ""
    impact_label: str = ""
    current: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)


@dataclass
class HeatMap:
    """The 5×5 matrix, rows from Very Likely (5) down to Very Unlikely (1), with the risks in each cell."""

    rows: list[list[HeatCell]]
    in_progress: list[str]
    no_target: list[str]
    scales: Scales

    @property
    def current_total(self) -> int:
        return sum(len(cell.current) for row in self.rows for cell in row)

    @property
    def target_total(self) -> int:
        return sum(len(cell.target) for row in self.rows for cell in row)


def heat_map(*, risks: Iterable[Risk], scales: Scales) -> HeatMap:
    cells = {
        (likelihood, impact): HeatCell(
            likelihood,
            impact,
            likelihood * impact,
            scales.band(likelihood * impact),
            scales.likelihood_label(likelihood),
            scales.impact_label(impact),
        )
        for likelihood in scales.values
        for impact in scales.values
    }
    in_progress: list[str] = []
    no_target: list[str] = []
    for risk in risks:
        if risk.current_score is None:
            in_progress.append(risk.reference)
            continue
        cells[(risk.current_likelihood, risk.current_impact)].current.append(risk.reference)
        if risk.target_score is None:
            no_target.append(risk.reference)
        else:
            cells[(risk.target_likelihood, risk.target_impact)].target.append(risk.reference)
    rows = [[cells[(likelihood, impact)] for impact in scales.values] for likelihood in reversed(scales.values)]
    return HeatMap(rows=rows, in_progress=in_progress, no_target=no_target, scales=scales)


def register_heat_map(*, register: Register, scales: Scales) -> HeatMap:
    """The heat map from the ratings alone (one query), for pages that do not list the risks."""
    risks = (
        Risk.objects.filter(register=register)
        .order_by("position", "id")
        .only("reference", "current_likelihood", "current_impact", "target_likelihood", "target_impact")
    )
    return heat_map(risks=risks, scales=scales)
