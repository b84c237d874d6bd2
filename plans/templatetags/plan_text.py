"""Template filters for showing plan text and figures, shared by page and print templates."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.html import conditional_escape, format_html_join
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

BULLETS = ("- ", "• ", "* ")


def _blocks(lines: list[str]):
    """Group consecutive lines into ("p", lines) and ("ul", items) runs."""
    run_kind, run = None, []
    for line in lines:
        kind = "ul" if line.startswith(BULLETS) else "p"
        if kind != run_kind and run:
            yield run_kind, run
            run = []
        run_kind = kind
        run.append(line[2:].strip() if kind == "ul" else line)
    if run:
        yield run_kind, run


@register.filter
def plan_paragraphs(text: str) -> SafeString:
    """Plain text → escaped paragraphs; lines starting '- ' or '• ' become a bullet list.

    The text is escaped before any markup is added, so HTML or template syntax
    typed by a user is shown literally.
    """
    parts: list[str] = []
    for chunk in str(text or "").replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        for kind, run in _blocks(lines):
            if kind == "ul":
                parts.append("<ul>" + format_html_join("", "<li>{}</li>", ((item,) for item in run)) + "</ul>")
            else:
                parts.append("<p>" + "<br>".join(conditional_escape(line) for line in run) + "</p>")
    return mark_safe("".join(parts))


@register.filter
def money(value, places: int = 0) -> str:
    """A figure with thousands separators and a fixed number of decimal places: -716.9, 62,826.0."""
    if value is None or value == "":
        return ""
    quantum = Decimal(1).scaleb(-int(places))
    rounded = Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)
    return f"{rounded:,.{int(places)}f}"


@register.filter
def pounds_short(value) -> str:
    """Expected values as the council prints them: £36.3m, £0.15m, £950k; blank → N/A."""
    if value is None:
        return "N/A"
    value = Decimal(value)
    if value >= 10_000:
        millions = (value / Decimal(1_000_000)).normalize()
        return f"£{millions:f}m"
    if value >= 1000:
        return f"£{(value / 1000).normalize():f}k"
    return f"£{value.normalize():f}"


@register.filter
def yes_no(value) -> str:
    return {True: "Yes", False: "No"}.get(value, "Not known")


@register.filter
def get_item(mapping, key):
    """``mapping[key]`` or an empty list, for dictionaries keyed by section."""
    return mapping.get(key, []) if mapping else []


@register.filter
def user_name(user, fallback: str = "System") -> str:
    """A user's full name, else username; ``fallback`` when there is no user (e.g. loaded data)."""
    if user is None:
        return fallback
    return user.get_full_name() or user.get_username()
