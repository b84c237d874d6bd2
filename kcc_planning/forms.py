"""What every form in the app shares: rendering fields only, with the model's text limits checked up front."""

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms_gds.widgets import DateInputWidget
from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
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


DATE_PARTS = ("day", "month", "year")
# A whole date posted under the field's own name (an API client, a script) is read as well as the three boxes.
WHOLE_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y")


class GovukDateWidget(DateInputWidget):
    """The GOV.UK date input: day, month and year boxes in a fieldset, numeric keypad on phones."""

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs)
        for widget in self.widgets:
            widget.attrs.update({"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"})

    def value_from_datadict(self, data, files, name):
        if not any(f"{name}_{index}" in data for index in range(3)) and name in data:
            whole = (data.get(name) or "").strip()
            for date_format in WHOLE_DATE_FORMATS:
                try:
                    parsed = datetime.datetime.strptime(whole, date_format).date()
                except ValueError:
                    continue
                return [str(parsed.day), str(parsed.month), str(parsed.year)]
            return whole  # not a date: cleaned into "must be a real date", the text kept
        return super().value_from_datadict(data, files, name)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        # crispy-forms-gds gives every box of a field in error an aria-describedby, empty on the boxes that are
        # not wrong: an empty IDREFS is invalid HTML (the Nu checker), so those boxes go without one.
        for subwidget in context["widget"]["subwidgets"]:
            if not subwidget["attrs"].get("aria-describedby", "x").strip():
                del subwidget["attrs"]["aria-describedby"]
        return context

    def decompress(self, value):
        if isinstance(value, str):  # a whole date that could not be read, shown back as typed
            return [value, None, None]
        return super().decompress(value)


class GovukDateField(forms.MultiValueField):
    """A date typed as day, month and year, with the GOV.UK Design System's error messages.

    ``noun`` names the date in messages ("the date of publication"); it defaults to the label. Only the box
    that is wrong is marked (``widget.errors`` on each part is what crispy-forms-gds reads). Typed values stay
    in the boxes when the page comes back with an error.
    """

    widget = GovukDateWidget

    def __init__(self, *, noun: str = "", **kwargs):
        parts = tuple(forms.CharField(required=False, strip=True) for _ in DATE_PARTS)
        super().__init__(fields=parts, require_all_fields=False, **kwargs)
        self.noun = noun or str(self.label or "the date").lower()

    def _messages(self) -> tuple[str, str]:
        return f"Enter {self.noun}", f"{self.noun[:1].upper()}{self.noun[1:]}"

    def _mark(self, indexes, message: str) -> None:
        for index, part in enumerate(self.fields):
            part.widget.errors = [message] if index in indexes else []

    def clean(self, value):
        enter, subject = self._messages()
        self._mark((), "")
        if isinstance(value, str):
            if not value and not self.required:
                return None
            message = f"{subject} must be a real date" if value else enter
            self._mark({0, 1, 2}, message)
            raise ValidationError(message, code="invalid" if value else "required")
        values = [str(part or "").strip() for part in (value or ["", "", ""])]
        values += [""] * (3 - len(values))
        if not any(values):
            if self.required:
                self._mark({0, 1, 2}, enter)
                raise ValidationError(enter, code="required")
            return None
        missing = [index for index, part in enumerate(values) if not part]
        if missing:
            names = " and ".join(DATE_PARTS[index] for index in missing)
            message = f"{subject} must include a {names}"
            self._mark(set(missing), message)
            raise ValidationError(message, code="incomplete")
        wrong = {index for index, part in enumerate(values) if not part.isdigit() or not part.isascii()}
        if not wrong and len(values[2]) != 4:
            message = "Year must include 4 numbers"
            self._mark({2}, message)
            raise ValidationError(message, code="invalid")
        try:
            if wrong:
                raise ValueError
            result = datetime.date(int(values[2]), int(values[1]), int(values[0]))
        except ValueError:
            message = f"{subject} must be a real date"
            self._mark(wrong or {0, 1, 2}, message)
            raise ValidationError(message, code="invalid") from None
        self.validate(result)
        self.run_validators(result)
        return result

    def compress(self, data_list):  # clean() builds the date itself; Django's MultiValueField asks for this
        return data_list


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
    if isinstance(bound_field.field, GovukDateField):
        # The first box the message is about (the GOV.UK date input's own rule), else the day.
        marked = [index for index, part in enumerate(bound_field.field.fields) if getattr(part.widget, "errors", [])]
        return f"#{bound_field.auto_id}_{marked[0] if marked else 0}"
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
