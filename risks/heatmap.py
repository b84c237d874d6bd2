"""Geometry of the 5×5 heat map SVG: likelihood up the side (5 at the top), impact along the bottom.

The SVG is drawn on the server (no script) by ``risks/_heat_map_svg.html``
for both the page and the PDF. Each cell shows its rating and band in words
as well as colour, and the count of risks in it; the page pairs it with a
table that says the same for screen readers.
"""

from __future__ import annotations

from dataclasses import dataclass

from .selectors import HeatMap

LEFT = 150  # room for likelihood labels and the axis title
TOP = 8
CELL_W = 86
CELL_H = 58
BOTTOM = 62  # room for impact labels and the axis title

# Colours as the council prints its bands; text colour chosen for contrast on each.
FILLS = {"low": ("#00703c", "#ffffff"), "medium": ("#ffdd00", "#0b0c0c"), "high": ("#d4351c", "#ffffff")}
NO_BAND_FILL = ("#f3f2f1", "#0b0c0c")

TITLES = {"current": "Current risk", "target": "Target residual risk"}


@dataclass(frozen=True)
class SvgCell:
    x: int
    y: int
    cx: int
    cy: int
    fill: str
    ink: str
    score: int
    band: str
    count: int
    likelihood_label: str
    impact_label: str
    references: str


def heat_map_svg(grid: HeatMap, *, which: str, id_prefix: str = "heat") -> dict:
    scales = grid.scales
    size = len(grid.rows)
    cells = []
    for row_index, row in enumerate(grid.rows):
        for column_index, cell in enumerate(row):
            x, y = LEFT + column_index * CELL_W, TOP + row_index * CELL_H
            fill, ink = FILLS.get(cell.band.tone, NO_BAND_FILL)
            references = cell.current if which == "current" else cell.target
            cells.append(
                SvgCell(
                    x=x,
                    y=y,
                    cx=x + CELL_W // 2,
                    cy=y + CELL_H // 2,
                    fill=fill,
                    ink=ink,
                    score=cell.score,
                    band=cell.band.name,
                    count=len(references),
                    likelihood_label=scales.likelihood_label(cell.likelihood),
                    impact_label=scales.impact_label(cell.impact),
                    references=", ".join(references),
                )
            )
    grid_bottom = TOP + size * CELL_H
    values = list(scales.values)
    total = grid.current_total if which == "current" else grid.target_total
    return {
        "id": f"{id_prefix}-{which}",
        "which": which,
        "title": TITLES[which],
        "total": total,
        "width": LEFT + size * CELL_W + 8,
        "height": grid_bottom + BOTTOM,
        "cells": cells,
        "row_labels": [
            {"x": LEFT - 8, "y": TOP + index * CELL_H + CELL_H // 2, "text": scales.likelihood_label(value)}
            for index, value in enumerate(reversed(values))
        ],
        "column_labels": [
            {
                "x": LEFT + index * CELL_W + CELL_W // 2,
                "y": grid_bottom + 16,
                "name": scales.impact_labels.get(value, "Impact"),
                "value": f"({value})",
            }
            for index, value in enumerate(values)
        ],
        "likelihood_axis": {"x": 16, "y": TOP + size * CELL_H // 2},
        "impact_axis": {"x": LEFT + size * CELL_W // 2, "y": grid_bottom + 50},
    }
