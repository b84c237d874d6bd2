"""Reading and writing indicator values in their units.

Values are stored as Decimals in a base unit: percentage points (95 for 95%),
pounds (6500000 for £6.5m), days, hours, counts; "Achieve" is 1 (achieved) or
0 (not achieved); a rating scale stores the level's position, 1 being the worst.
Officers type values as they would write them ("95%", "£6.5m", "28 days",
"Achieved"), so parsing accepts those forms and says clearly what is wrong
with anything else. Forms, imports and the demo loader all parse here.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .models.choices import Unit, ValueStatus

MAX_PLACES = 4
MAX_INTEGER_DIGITS = 12
MILLION = Decimal(1_000_000)

_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^[+-]?\.\d+$")
_MONEY = re.compile(r"^(?P<sign>[+-]?)\s*£?\s*(?P<number>[\d.,]+)\s*(?P<scale>m|k|bn|million|thousand)?$", re.I)
_SUFFIXES = {
    Unit.PERCENTAGE: ("%", "per cent", "percent"),
    Unit.DAYS: ("days", "day", "d"),
    Unit.HOURS: ("hours", "hour", "hrs", "hr", "h"),
    Unit.COUNT: (),
}
_SCALES = {"k": Decimal(1000), "thousand": Decimal(1000), "m": MILLION, "million": MILLION, "bn": Decimal(10) ** 9}
YES = {"yes", "y", "achieved", "achieve", "met", "true", "1"}
NO = {"no", "n", "not achieved", "not met", "false", "0"}


class BadValue(ValueError):
    """A value that cannot be read, with a message fit for the user."""


def _number(text: str, what: str) -> Decimal:
    cleaned = text.strip()
    if not _NUMBER.match(cleaned):
        raise BadValue(f"“{text.strip()[:30]}” is not a number. Enter {what}.")
    try:
        number = Decimal(cleaned.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern only lets numbers through
        raise BadValue(f"“{text.strip()[:30]}” is not a number. Enter {what}.") from None
    return number


def _check_size(number: Decimal, text: str) -> Decimal:
    if not number.is_finite():
        raise BadValue(f"“{text.strip()[:30]}” is not a number.")
    sign, digits, exponent = number.as_tuple()
    places = -exponent if exponent < 0 else 0
    if places > MAX_PLACES:
        raise BadValue(f"“{text.strip()[:30]}” has too many decimal places: use at most {MAX_PLACES}.")
    if len(digits) - places > MAX_INTEGER_DIGITS:
        raise BadValue(f"“{text.strip()[:30]}” is too large.")
    return number


def _strip_suffix(text: str, unit: str) -> str:
    lowered = text.strip().lower()
    for suffix in _SUFFIXES.get(unit, ()):
        if lowered.endswith(suffix):
            return text.strip()[: -len(suffix)].strip()
    return text.strip()


def parse_value(text: str, *, unit: str, scale_labels: list[str] | None = None, places: int = 0) -> Decimal:
    """The stored Decimal for ``text`` in ``unit``; raises ``BadValue`` with a clear message."""
    raw = str(text if text is not None else "").strip()
    if not raw:
        raise BadValue("Enter a value.")
    if unit == Unit.ACHIEVE:
        lowered = " ".join(raw.lower().split())
        if lowered in YES:
            return Decimal(1)
        if lowered in NO:
            return Decimal(0)
        raise BadValue(f"“{raw[:30]}” is not a yes/no answer. Enter Achieved or Not achieved.")
    if unit == Unit.SCALE:
        labels = scale_labels or []
        for position, label in enumerate(labels, start=1):
            if raw.casefold() == label.casefold():
                return Decimal(position)
        if raw.isdigit() and 1 <= int(raw) <= len(labels):
            return Decimal(int(raw))
        choices = ", ".join(labels) or "(no levels are defined)"
        raise BadValue(f"“{raw[:30]}” is not one of the levels of this measure: {choices}.")
    if unit == Unit.MONEY:
        match = _MONEY.match(raw.replace(" ", ""))
        if not match:
            raise BadValue(f"“{raw[:30]}” is not an amount of money. Enter an amount such as 6500000 or £6.5m.")
        number = _number(match.group("number"), "an amount such as 6500000 or £6.5m")
        if match.group("scale"):
            number *= _SCALES[match.group("scale").lower()]
        if match.group("sign") == "-":
            number = -number
        return _check_size(number.to_integral_value() if number == number.to_integral_value() else number, raw)
    what = {
        Unit.PERCENTAGE: "a percentage such as 95 or 99.9%",
        Unit.DAYS: "a number of days such as 28",
        Unit.HOURS: "a number of hours such as 4",
        Unit.COUNT: "a number such as 180,000",
    }[unit]
    number = _check_size(_number(_strip_suffix(raw, unit), what), raw)
    if unit == Unit.COUNT:
        if number < 0:
            raise BadValue(f"“{raw[:30]}” is negative: a count cannot be below zero.")
        if places == 0 and number != number.to_integral_value():
            raise BadValue(f"“{raw[:30]}” is not a whole number: this indicator counts whole things.")
    if unit in (Unit.DAYS, Unit.HOURS) and number < 0:
        raise BadValue(f"“{raw[:30]}” is negative: a time cannot be below zero.")
    return number


def quantize(value: Decimal, places: int) -> Decimal:
    """``value`` rounded half-up to ``places``: the figure as it is shown and rated."""
    return Decimal(value).quantize(Decimal(1).scaleb(-int(places)), rounding=ROUND_HALF_UP)


def format_value(
    value: Decimal | None,
    *,
    unit: str,
    places: int = 0,
    scale_labels: list[str] | None = None,
    as_result: bool = False,
) -> str:
    """``value`` as the council prints it: 95%, 99.9%, 180,000, £6.5m, 28 days, Achieve / Achieved.

    ``as_result`` words yes/no values as results ("Achieved", "Not achieved")
    rather than standards ("Achieve").
    """
    if value is None:
        return ""
    if unit == Unit.ACHIEVE:
        if not as_result:
            return "Achieve" if value else "Not required"
        return "Achieved" if value else "Not achieved"
    if unit == Unit.SCALE:
        labels = scale_labels or []
        position = int(value)
        return labels[position - 1] if 1 <= position <= len(labels) else f"Level {position}"
    if unit == Unit.MONEY:
        sign = "-" if value < 0 else ""
        amount = abs(Decimal(value))
        if amount >= MILLION:
            shown = max(int(places), 1)
            return f"{sign}£{quantize(amount / MILLION, shown):,.{shown}f}m"
        return f"{sign}£{quantize(amount, places):,.{int(places)}f}"
    rounded = quantize(value, places)
    if rounded == 0:
        rounded = abs(rounded)
    text = f"{rounded:,.{int(places)}f}"
    if unit == Unit.PERCENTAGE:
        return f"{text}%"
    if unit == Unit.DAYS:
        return f"{text} day" if rounded == 1 else f"{text} days"
    if unit == Unit.HOURS:
        return f"{text} hour" if rounded == 1 else f"{text} hours"
    return text


def format_stated(
    status: str,
    value: Decimal | None,
    *,
    unit: str,
    places: int = 0,
    scale_labels: list[str] | None = None,
    as_result: bool = False,
) -> str:
    """A floor, target, outturn or benchmark cell: the figure, or what stands in its place (NEW, TBC…)."""
    if status == ValueStatus.VALUE:
        return format_value(value, unit=unit, places=places, scale_labels=scale_labels, as_result=as_result)
    if status == ValueStatus.BLANK or not status:
        return ""
    return ValueStatus(status).label


def plain(value: Decimal | None) -> str:
    """A Decimal for machine-readable exports: no exponent, no trailing zeros (6500000, 99.9, 0)."""
    if value is None:
        return ""
    normal = Decimal(value).normalize()
    text = f"{normal:f}"
    return "0" if text in {"-0", "0"} else text


# Words officers print in place of a figure, as typed into a form or a fixture.
_STATUS_WORDS = {
    "new": ValueStatus.NEW,
    "tbc": ValueStatus.TBC,
    "to be confirmed": ValueStatus.TBC,
    "to be set": ValueStatus.TO_BE_SET,
    "not yet available": ValueStatus.NOT_YET_AVAILABLE,
    "none available": ValueStatus.NONE_AVAILABLE,
    "n/a": ValueStatus.NOT_APPLICABLE,
    "na": ValueStatus.NOT_APPLICABLE,
    "not applicable": ValueStatus.NOT_APPLICABLE,
}
STATED_HELP = (
    "A figure such as 95%, or NEW, TBC, To be set, Not yet available, None available, N/A or ?. Leave blank if none."
)


def parse_stated(
    text: str, *, unit: str, scale_labels: list[str] | None = None, places: int = 0
) -> tuple[str, Decimal | None]:
    """(status, value) for a floor, target, outturn or benchmark cell as written: "15%", "NEW", "TBC", "??%"."""
    raw = str(text if text is not None else "").strip()
    if not raw:
        return ValueStatus.BLANK, None
    lowered = " ".join(raw.lower().split())
    if lowered in _STATUS_WORDS:
        return _STATUS_WORDS[lowered], None
    if set(lowered) <= {"?", "%", " "}:
        return ValueStatus.UNKNOWN, None
    return ValueStatus.VALUE, parse_value(raw, unit=unit, scale_labels=scale_labels, places=places)


def stated_text(status: str, value: Decimal | None, *, unit: str, places: int = 0, scale_labels=None) -> str:
    """What to put back in a form field for a stated value: the inverse of ``parse_stated``."""
    if status == ValueStatus.VALUE:
        if unit == Unit.ACHIEVE:
            return "Achieve" if value else "Not achieved"
        if unit == Unit.SCALE:
            return format_value(value, unit=unit, scale_labels=scale_labels)
        return editable(value, unit=unit)
    return format_stated(status, value, unit=unit)


def editable(value: Decimal | None, *, unit: str) -> str:
    """A stored figure as an officer would type it back: 95%, 6500000, 28 days (no rounding)."""
    if value is None:
        return ""
    text = plain(value)
    if unit == Unit.PERCENTAGE:
        return f"{text}%"
    return text
