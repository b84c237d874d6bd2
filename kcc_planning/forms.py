"""What every form in the app shares: rendering fields only, with the model's text limits checked up front."""

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.core.validators import MaxLengthValidator


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
                field.widget.attrs.setdefault("maxlength", str(validator.limit_value))


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


def error_list(*forms_) -> list[tuple[str, str]]:
    """(anchor, message) pairs for templates/includes/error_summary.html, each linking to its field."""
    errors = []
    for form in forms_:
        if form is None:
            continue
        errors.extend(_form_errors(form))
    return errors


def _form_errors(form) -> list[tuple[str, str]]:
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
