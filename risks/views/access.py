"""Fetching a register or risk for a request, with the object-level permission check."""

from django.core.exceptions import PermissionDenied
from django.forms import CheckboxSelectMultiple, RadioSelect
from django.http import Http404

from ..models import Register, Risk
from ..selectors import register_get, risk_get


def register_for(request, register_id: int, perm: str) -> Register:
    """The register, or 404 if there is none; 403 if the user may not ``perm`` it."""
    try:
        register = register_get(register_id=register_id)
    except Register.DoesNotExist:
        raise Http404("No such register") from None
    if not request.user.has_perm(perm, register):
        raise PermissionDenied
    return register


def risk_for(request, risk_id: int, perm: str) -> Risk:
    """The risk, or 404; 403 if the user may not ``perm`` its register."""
    try:
        risk = risk_get(risk_id=risk_id)
    except Risk.DoesNotExist:
        raise Http404("No such risk") from None
    if not request.user.has_perm(perm, risk.register):
        raise PermissionDenied
    return risk


def field_anchor(bound_field) -> str:
    """Where an error summary link should land: the first radio or checkbox of a group, or the input itself."""
    if isinstance(bound_field.field.widget, RadioSelect | CheckboxSelectMultiple):
        return f"#id_{bound_field.html_name}_1"
    return f"#{bound_field.auto_id}"


def error_links(*forms) -> list[tuple[str, str]]:
    """(anchor, message) for every error on the given forms and formsets, in page order."""
    links: list[tuple[str, str]] = []
    for form in forms:
        if form is None:
            continue
        if hasattr(form, "forms"):  # a formset
            for message in form.non_form_errors():
                links.append((f"#{form.prefix}-heading", message))
            links.extend(error_links(*form.forms))
            continue
        for message in form.non_field_errors():
            first = next(iter(form.visible_fields()), None)
            links.append((field_anchor(first) if first else "#main-content", message))
        for bound_field in form.visible_fields():
            for message in bound_field.errors:
                links.append((field_anchor(bound_field), message))
    return links
