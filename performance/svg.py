"""A small trend chart per indicator, drawn on the server as inline SVG.

No JavaScript and no image files: the same markup works on the page and in
the PDF. Every chart carries a text alternative (``<title>`` and ``<desc>``,
referenced by ``aria-labelledby``) that lists each period's figure, so the
chart adds nothing a screen reader user misses.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

WIDTH = 150
HEIGHT = 44
PAD_X = 6
PAD_Y = 5
LINE = "#0b0c0c"
TARGET = "#00703c"
FLOOR = "#d4351c"


@dataclass(frozen=True)
class ChartPoint:
    label: str
    value: Decimal | None
    shown: str = ""
    rating: str = ""


def _scale(values: list[Decimal]) -> tuple[Decimal, Decimal]:
    low, high = min(values), max(values)
    if low == high:
        spread = abs(low) / 10 or Decimal(1)
        low, high = low - spread, high + spread
    margin = (high - low) / 10
    return low - margin, high + margin


def _y(value: Decimal, low: Decimal, high: Decimal) -> float:
    share = float((value - low) / (high - low))
    return round(HEIGHT - PAD_Y - share * (HEIGHT - 2 * PAD_Y), 2)


def _x(index: int, count: int) -> float:
    if count <= 1:
        return WIDTH / 2
    return round(PAD_X + index * (WIDTH - 2 * PAD_X) / (count - 1), 2)


def description(points: list[ChartPoint], *, target: str = "", floor: str = "") -> str:
    """The chart in words: each period's figure and rating, then the standards it is drawn against."""
    parts = []
    for point in points:
        if point.value is None:
            parts.append(f"{point.label}: not reported")
        else:
            parts.append(f"{point.label}: {point.shown}" + (f" ({point.rating})" if point.rating else ""))
    text = "; ".join(parts) + "." if parts else "No figures yet."
    standards = ", ".join(s for s in (f"target {target}" if target else "", f"floor {floor}" if floor else "") if s)
    return f"{text} Drawn against {standards}." if standards else text


def trend_chart(
    *,
    chart_id: str,
    title: str,
    points: list[ChartPoint],
    target: Decimal | None = None,
    floor: Decimal | None = None,
    target_text: str = "",
    floor_text: str = "",
) -> SafeString:
    """An inline SVG line chart of ``points``, with target (solid green) and floor (dashed red) lines."""
    values = [p.value for p in points if p.value is not None]
    levels = values + [v for v in (target, floor) if v is not None]
    shapes: list[str] = []
    if levels:
        low, high = _scale(levels)
        for level, colour, dash in ((target, TARGET, ""), (floor, FLOOR, "3 2")):
            if level is not None:
                y = _y(level, low, high)
                shapes.append(
                    format_html(
                        '<line x1="0" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="1"{}/>',
                        WIDTH,
                        y,
                        y,
                        colour,
                        mark_safe(f' stroke-dasharray="{dash}"') if dash else "",
                    )
                )
        run: list[str] = []
        runs: list[list[str]] = []
        for index, point in enumerate(points):
            if point.value is None:
                if run:
                    runs.append(run)
                run = []
                continue
            run.append(f"{_x(index, len(points))},{_y(point.value, low, high)}")
        if run:
            runs.append(run)
        for segment in runs:
            if len(segment) > 1:
                shapes.append(
                    format_html(
                        '<polyline points="{}" fill="none" stroke="{}" stroke-width="1.5"/>', " ".join(segment), LINE
                    )
                )
        for index, point in enumerate(points):
            if point.value is not None:
                shapes.append(
                    format_html(
                        '<circle cx="{}" cy="{}" r="2.4" fill="{}"/>',
                        _x(index, len(points)),
                        _y(point.value, low, high),
                        LINE,
                    )
                )
    text = description(points, target=target_text, floor=floor_text)
    return format_html(
        '<svg class="council-trend" role="img" width="{w}" height="{h}" viewBox="0 0 {w} {h}" '
        'aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>{shapes}</svg>',
        w=WIDTH,
        h=HEIGHT,
        id=chart_id,
        title=title,
        desc=text,
        shapes=mark_safe("".join(shapes)),  # each shape was built with format_html above
    )


def plain_description(points: list[ChartPoint], *, target: str = "", floor: str = "") -> str:
    return escape(description(points, target=target, floor=floor))
