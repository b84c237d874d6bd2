"""What every performance form shares: fields-only rendering and the GOV.UK error summary."""

from __future__ import annotations

from django import forms

from kcc_planning.forms import FieldsOnlyMixin

__all__ = ["FieldsOnlyMixin", "error_list"]


def error_list(form: forms.Form) -> list[tuple[str, str]]:
    """(anchor, message) pairs for the GOV.UK error summary, each linking to its field."""
    errors = []
    for name, messages in form.errors.items():
        if name in form.fields:
            anchor = f"#{form[name].id_for_label}"
            widget = form.fields[name].widget
            if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
                anchor = f"#{form[name].auto_id}"
        else:
            anchor = "#main-content"
        errors.extend((anchor, message) for message in messages)
    return errors
