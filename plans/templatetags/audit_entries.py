"""The audit page's readable entries: each event's before and after as sentences (``plans.audit``)."""

from django import template

from ..audit import audit_entry_lines

register = template.Library()


@register.filter
def audit_lines(event) -> list[str]:
    return audit_entry_lines(event)
