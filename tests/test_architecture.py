"""The code stays in rooms of a readable size (ADR 0005): no module over 400 lines, the median module
under 90, and no app holding more than 40% of the application code. Migrations are generated and
not counted; tests and benchmarks are not application code."""

from __future__ import annotations

import statistics
from pathlib import Path

from django.conf import settings

APPS = ["kcc_planning", "documents", "plans", "risks", "performance", "committees"]


def _modules() -> dict[Path, int]:
    base = Path(settings.BASE_DIR)
    sizes = {}
    for app in APPS:
        for path in (base / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            sizes[path.relative_to(base)] = len(path.read_text(encoding="utf-8").splitlines())
    return sizes


def test_no_module_is_over_400_lines():
    """A module near 300 lines is split into a package; none may pass 400."""
    too_long = {str(path): lines for path, lines in _modules().items() if lines > 400}
    assert too_long == {}


def test_median_module_is_under_90_lines():
    """Most modules are small enough to read in one sitting (ADR 0005, "Module size")."""
    sizes = [lines for lines in _modules().values() if lines]
    assert statistics.median(sizes) < 90


def test_no_app_holds_more_than_40_percent_of_the_code():
    """No app grows back into the one room everything lived in."""
    sizes = _modules()
    total = sum(sizes.values())
    shares = {app: sum(n for p, n in sizes.items() if p.parts[0] == app) / total for app in APPS}
    assert max(shares.values()) <= 0.40, shares


def test_template_comments_close_on_their_own_line():
    """Django's ``{# #}`` comment is one line only: one left open prints its text on the page (and in PDFs).
    Longer comments use ``{% comment %}``."""
    root = Path(settings.BASE_DIR)
    open_comments = [
        f"{path.relative_to(root)}:{number}"
        for path in sorted((root / "templates").rglob("*.html"))
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if line.count("{#") > line.count("#}")
    ]
    assert open_comments == []
