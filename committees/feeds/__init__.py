"""Open feeds, no sign-in: each committee's meetings as iCalendar, its published papers and decisions as Atom/RSS.

Feeds read only what the public pages show (published packs, published decisions; an exempt decision by its
title alone) and are rate-limited by client address like the API (``feeds`` rate in kcc_planning/settings_api.py).
"""

from .ical import meetings_ical
from .papers import papers_atom, papers_rss

__all__ = ["meetings_ical", "papers_atom", "papers_rss"]
