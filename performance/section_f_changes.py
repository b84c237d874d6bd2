"""Sections F / L in "what changed since committee": one row of text per frozen indicator (see ``section_f``)."""

from __future__ import annotations


def _quarters(values: list[str]) -> str:
    return ", ".join(f"Q{number} {value}" for number, value in enumerate(values, start=1) if value)


def _band(band: dict) -> str:
    total = f" (total {band['total']})" if band["total"] else ""
    return f"{band['name']}: {_quarters(band['quarters'])}{total}"


def indicators_rows(frozen: dict) -> list[dict]:
    """One row per KPI and per activity indicator for "what changed", every shown cell as text."""
    rows = [
        {
            "key": row["key"],
            "label": f"KPI {row['reference'] or row['description'][:80]}",
            "description": row["description"],
            "priority_refs": row["priority_refs"],
            "previous": row["previous"],
            "benchmark": row["benchmark"],
            "floor": row["floor"],
            "target": row["target"],
            "quarterly_targets": _quarters(row["quarter_targets"]),
            "target_next_year": row["target_next"],
        }
        for table in frozen["kpi_tables"]
        for row in table["rows"]
    ]
    rows += [
        {
            "key": row["key"],
            "label": f"Activity indicator {row['reference'] or row['description'][:80]}",
            "description": row["description"],
            "previous": row["previous"],
            "benchmark": row["benchmark"],
            "thresholds": "; ".join(_band(band) for band in row["bands"]),
            "note": row["note"],
        }
        for row in frozen["activity_rows"]
    ]
    return rows
