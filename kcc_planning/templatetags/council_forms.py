"""The one error summary for pages whose view does not build ``errors`` itself (Django's sign-in, password-reset
and second-factor views): ``{% include "includes/error_summary.html" with errors=form|error_items %}``."""

from django import template

from kcc_planning.forms import error_list

register = template.Library()


@register.filter
def error_items(form) -> list[tuple[str, str]]:
    """(anchor, message) pairs for ``includes/error_summary.html``, as ``kcc_planning.forms.error_list`` makes them."""
    return error_list(form) if form is not None else []
