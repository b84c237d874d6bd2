"""Indicator figures as text, in each indicator's own unit and precision."""

from __future__ import annotations

from decimal import Decimal

from .models import ActivityIndicator, Kpi, PreviousBasis
from .values import format_stated, format_value


def figure(indicator: Kpi | ActivityIndicator, value: Decimal | None, *, as_result: bool = True) -> str:
    """An actual (or any figure) of ``indicator``: "95%", "£6.5m", "Achieved"."""
    return format_value(
        value,
        unit=indicator.unit,
        places=indicator.decimal_places,
        scale_labels=getattr(indicator, "scale_labels", None),
        as_result=as_result,
    )


def stated(indicator: Kpi | ActivityIndicator, slot: str) -> str:
    """A floor, target, outturn or benchmark cell: the figure, or NEW / TBC / Not yet available…"""
    cell = indicator.stated(slot)
    return format_stated(
        cell.status,
        cell.value,
        unit=indicator.unit,
        places=indicator.decimal_places,
        scale_labels=getattr(indicator, "scale_labels", None),
        # Last year's figure is a result ("Achieved"); floors and targets are standards ("Achieve").
        as_result=slot == "previous",
    )


def previous_word(kpi: Kpi) -> str:
    return "forecast" if kpi.previous_basis == PreviousBasis.FORECAST else "outturn"


def year_label(start_year: int, *, slash: bool = False) -> str:
    """2017 → "2017-18" (2017-18 template) or "2017/18" (2013-14 template)."""
    return f"{start_year}{'/' if slash else '-'}{(start_year + 1) % 100:02d}"
