"""A small trend chart per indicator, drawn on the server as inline SVG.

No JavaScript and no image files: the same markup works on the page and in
the PDF. Every chart carries a text alternative (``<title>`` and ``<desc>``,
referenced by ``aria-labelledby``) that lists each period's figure, so the
chart adds nothing a screen reader user misses.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
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
    """An inline SVG line chart of ``points``, with target (solid green) and floor (dashed red) lines.

    Shapes are built from numbers and constants only; the two pieces of text
    (title and description) are escaped. A dashboard draws hundreds of these,
    so this avoids a ``format_html`` call per shape.
    """
    values = [p.value for p in points if p.value is not None]
    levels = values + [v for v in (target, floor) if v is not None]
    shapes: list[str] = []
    if levels:
        low, high = _scale(levels)
        for level, colour, dash in ((target, TARGET, ""), (floor, FLOOR, ' stroke-dasharray="3 2"')):
            if level is not None:
                y = _y(level, low, high)
                shapes.append(f'<line x1="0" x2="{WIDTH}" y1="{y}" y2="{y}" stroke="{colour}" stroke-width="1"{dash}/>')
        run: list[str] = []
        for index, point in enumerate(points + [ChartPoint("", None)]):
            if point.value is None:
                if len(run) > 1:
                    shapes.append(
                        f'<polyline points="{" ".join(run)}" fill="none" stroke="{LINE}" stroke-width="1.5"/>'
                    )
                run = []
                continue
            run.append(f"{_x(index, len(points))},{_y(point.value, low, high)}")
        for index, point in enumerate(points):
            if point.value is not None:
                x, y = _x(index, len(points)), _y(point.value, low, high)
                shapes.append(f'<circle cx="{x}" cy="{y}" r="2.4" fill="{LINE}"/>')
    text = description(points, target=target_text, floor=floor_text)
    chart_id = escape(chart_id)
    return mark_safe(  # only numbers, constants and the escaped texts below go in
        f'<svg class="council-trend" role="img" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(text)}</desc>'
        f"{''.join(shapes)}</svg>"
    )
