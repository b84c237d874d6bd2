"""Reading the month out of dates as officers write them.

Plans say "April 2013", "Apr 13", "04/2013", "2013-04", but also "Ongoing into
2014" or "To be agreed". The text is always kept as written; where it starts
with a month and year we also record that month, so that an end before the
start can be caught and rows can be sorted.
"""

import datetime
import re

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

_NAMED = re.compile(r"^\s*([A-Za-z]+)\.?\s*'?(\d{2}|\d{4})\b", re.ASCII)
_NUMERIC = re.compile(r"^\s*(\d{1,2})\s*[/.-]\s*(\d{4})\b", re.ASCII)
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})\b", re.ASCII)


def _year(text: str) -> int:
    year = int(text)
    return 2000 + year if year < 100 else year


def parse_month(text: str) -> datetime.date | None:
    """The first day of the month the text starts with, or None if it names none."""
    if not text:
        return None
    if match := _NAMED.match(text):
        month = MONTHS.get(match.group(1).lower())
        if month:
            return datetime.date(_year(match.group(2)), month, 1)
        return None
    if match := _NUMERIC.match(text):
        month, year = int(match.group(1)), int(match.group(2))
    elif match := _ISO.match(text):
        year, month = int(match.group(1)), int(match.group(2))
    else:
        return None
    if 1 <= month <= 12 and 1900 <= year <= 2200:
        return datetime.date(year, month, 1)
    return None


def range_error(start_text: str, end_text: str) -> str | None:
    """The message for an end month before the start month, or None when the range is fine or not dated."""
    start, end = parse_month(start_text), parse_month(end_text)
    if start and end and end < start:
        return f"The end must be the same as or after the start ({start_text.strip()})."
    return None
