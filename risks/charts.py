"""A risk's rating over time as a small server-drawn SVG line chart (the reviews table is its text alternative)."""

from __future__ import annotations

from .heatmap import FILLS, NO_BAND_FILL
from .models import RATING_MAX
from .scoring import Scales

WIDTH = 640
HEIGHT = 230
LEFT = 44
RIGHT = 80
TOP = 12
BOTTOM = 40


def _y(score: int) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - score / RATING_MAX)


def rating_chart(history: list, scales: Scales) -> dict | None:
    """Points for each rated review: current as a solid line, target as a dashed one."""
    rated = [entry for entry in history if entry.current_rating is not None]
    if not rated:
        return None
    plot_width = WIDTH - LEFT - RIGHT
    step = plot_width / max(len(rated) - 1, 1)
    current, target, ticks = [], [], []
    for index, entry in enumerate(rated):
        x = LEFT + (index * step if len(rated) > 1 else plot_width / 2)
        current.append(
            {"x": round(x, 1), "y": round(_y(entry.current_rating.score), 1), "score": entry.current_rating.score}
        )
        if entry.target_rating is not None:
            y = _y(entry.target_rating.score)
            target.append(
                {"x": round(x - 4, 1), "y": round(y - 4, 1), "score": entry.target_rating.score, "cx": x, "cy": y}
            )
        ticks.append({"x": round(x, 1), "label": entry.review.reviewed_on.strftime("%b %Y")})
    bands = []
    ordered = list(scales.bands)
    for index, band in enumerate(ordered):
        # Stripes meet half-way between bands (e.g. at 7 between Low 1-6 and Medium 8-15), leaving no blank gap.
        below = ordered[index - 1].upper if index else 0
        above = ordered[index + 1].lower if index + 1 < len(ordered) else RATING_MAX
        lower = (band.lower + below) / 2 if index else 0
        upper = (band.upper + above) / 2 if index + 1 < len(ordered) else RATING_MAX
        fill, _ = FILLS.get(band.tone, NO_BAND_FILL)
        top, bottom = _y(upper), _y(lower)
        bands.append(
            {
                "y": round(top, 1),
                "height": round(bottom - top, 1),
                "fill": fill,
                "name": band.name,
                "label_y": round((top + bottom) / 2 + 4, 1),
            }
        )
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "plot_right": WIDTH - RIGHT,
        "axis_bottom": HEIGHT - BOTTOM,
        "current_points": " ".join(f"{p['x']},{p['y']}" for p in current),
        "target_points": " ".join(f"{round(p['cx'], 1)},{round(p['cy'], 1)}" for p in target),
        "plot_width": WIDTH - RIGHT - LEFT,
        "label_x": WIDTH - RIGHT + 6,
        "tick_y": HEIGHT - BOTTOM + 18,
        "current": current,
        "target": target,
        "ticks": ticks,
        "bands": bands,
        "grid": [{"y": round(_y(score), 1), "score": score} for score in (0, 5, 10, 15, 20, 25)],
        "summary": "; ".join(
            f"{entry.review.reviewed_on:%d %b %Y}: current {entry.current_rating.score}"
            + (f", target {entry.target_rating.score}" if entry.target_rating else "")
            for entry in rated
        ),
    }
