"""Reading the date out of an action's planned completion, as officers write it.

"March 2013", "By March 2014", "June 2013 (review)", "31/12/2013" name a
date: the last day of the month when only a month is given, because an
action due in March is not overdue until March is over. "Ongoing (June 2013
review)", "February 2013 onwards" and "TBC" name none, so they are never overdue.
"""

import calendar
import datetime
import re

from plans.months import parse_month

_DAY = re.compile(r"^\s*(?:by\s+)?(\d{1,2})\s*[/.]\s*(\d{1,2})\s*[/.]\s*(\d{4})\s*$", re.ASCII | re.IGNORECASE)
_ISO_DAY = re.compile(r"^\s*(?:by\s+)?(\d{4})-(\d{1,2})-(\d{1,2})\s*$", re.ASCII | re.IGNORECASE)
_BY = re.compile(r"^\s*by\s+", re.IGNORECASE)
_NO_END = re.compile(r"\b(ongoing|onwards|tbc|tba|to be (agreed|confirmed))\b", re.IGNORECASE)


def parse_due(text: str) -> datetime.date | None:
    """The date by which the action should be done, or None if the text names none."""
    if not text or _NO_END.search(text):
        return None
    for pattern, order in ((_DAY, (2, 1, 0)), (_ISO_DAY, (0, 1, 2))):
        if match := pattern.match(text):
            parts = [int(group) for group in match.groups()]
            year, month, day = (parts[i] for i in order)
            try:
                return datetime.date(year, month, day)
            except ValueError:
                return None
    month = parse_month(_BY.sub("", text, count=1))
    if month is None:
        return None
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def due_error(text: str) -> str | None:
    """A message when the text is written as a day but is not a real date (e.g. 31/02/2013)."""
    if text and (_DAY.match(text) or _ISO_DAY.match(text)) and parse_due(text) is None:
        return "Enter a real date, for example 31/03/2014, or a month such as March 2014."
    return None
