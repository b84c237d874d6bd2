"""What every form in the app shares: rendering fields only, with the model's text limits checked up front."""

from collections.abc import Mapping, Sequence
from typing import Any

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.core.validators import MaxLengthValidator
from django.forms.utils import pretty_name

from .validation import WriteValidationError, length_message


def apply_model_length_limits(form) -> None:
    """Text fields limited by a model validator get the same limit in the form, so it is checked with the rest."""
    meta = getattr(form, "_meta", None)
    if meta is None or meta.model is None:
        return
    for name, field in form.fields.items():
        try:
            model_field = meta.model._meta.get_field(name)
        except FieldDoesNotExist:  # form-only fields such as a hidden row id
            continue
        for validator in model_field.validators:
            if isinstance(validator, MaxLengthValidator) and getattr(field, "max_length", 0) is None:
                field.max_length = validator.limit_value
                field.validators.append(MaxLengthValidator(validator.limit_value))


def _refuse_over_long_text(name: str, field: forms.Field) -> None:
    """Over-long text reaches the server and is refused there, next to the field, with a message naming the limit.

    No ``maxlength`` attribute: the browser would cut pasted text short without a word, and the shortened text
    would then be saved as if it were what the user wrote.
    """
    limit = getattr(field, "max_length", None)
    if limit is None or field.widget.is_hidden:
        return
    field.widget.attrs.pop("maxlength", None)
    field.error_messages["max_length"] = length_message(str(field.label or pretty_name(name)), limit)


class FieldsOnlyMixin:
    """Render fields only: the page template supplies <form>, CSRF, the error summary and buttons.

    Non-field errors are shown by the page templates in GOV.UK style, so crispy's own box is off.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        apply_model_length_limits(self)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.include_media = False
        self.helper.show_non_field_errors = False

    # Text limits are applied to each field as it is rendered and to all of them before validating, so fields a
    # form adds after this mixin's __init__ (per-indicator or per-slot fields) are covered as well.
    def __getitem__(self, name):
        _refuse_over_long_text(name, self.fields[name])
        return super().__getitem__(name)

    def full_clean(self):
        for name, field in self.fields.items():
            _refuse_over_long_text(name, field)
        super().full_clean()


def error_list(*forms_and_formsets) -> list[tuple[str, str]]:
    """(anchor, message) pairs for templates/includes/error_summary.html, in page order, each linking to its field.

    A formset's own errors link to its heading (``{prefix}-heading``, as the row templates name it), then
    each row's errors follow. A form's non-field errors link to its first field. ``None`` is skipped.
    """
    errors = []
    for item in forms_and_formsets:
        if item is None:
            continue
        if isinstance(item, forms.BaseFormSet):
            errors.extend((f"#{item.prefix}-heading", message) for message in item.non_form_errors())
            errors.extend(error_list(*item.forms))
        else:
            errors.extend(_form_errors(item))
    return errors


def _field_anchor(bound_field) -> str:
    """Where an error link lands: the input, or for a radio or checkbox group its first option.

    crispy-forms-gds gives the group itself no id, and numbers its options from 1.
    """
    if isinstance(bound_field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"#id_{bound_field.html_name}_1"
    return f"#{bound_field.id_for_label or bound_field.auto_id}"


def _form_errors(form) -> list[tuple[str, str]]:
    visible = form.visible_fields()
    # Hidden fields have nothing to land on, so their errors (like the form's own) link to the first field.
    form_anchor = _field_anchor(visible[0]) if visible else "#main-content"
    errors = [(form_anchor, message) for message in form.non_field_errors()]
    for bound_field in form:
        anchor = form_anchor if bound_field.is_hidden else _field_anchor(bound_field)
        errors.extend((anchor, message) for message in bound_field.errors)
    return errors


def form_errors_add(form, errors: Mapping[str, Sequence[str]]) -> None:
    """Put a service's field errors on the form: on the field of that name, or on the form itself if it has none."""
    for name, messages in errors.items():
        for message in messages:
            form.add_error(name if name in form.fields else None, message)


def service_errors_add(
    error: WriteValidationError, *, forms: Sequence, formsets: Mapping[str, tuple[Any, Sequence[int]]]
) -> None:
    """Put a service's errors back on the page's forms, next to what the user typed.

    A field error goes on the first of ``forms`` (``None`` skipped) with that field, else on the first
    form as a whole. ``formsets`` maps each of the service's tables to its formset and, for each row the
    service was given, the index of the form it came from (blank rows are skipped and rows reordered).
    """
    present = [form for form in forms if form is not None]
    for name, messages in error.fields.items():
        target = next((form for form in present if name in form.fields), present[0])
        form_errors_add(target, {name: messages})
    for table, rows in error.rows.items():
        formset, form_indexes = formsets[table]
        for row_index, fields in rows.items():
            form_errors_add(formset.forms[form_indexes[row_index]], fields)
