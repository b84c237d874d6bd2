"""One error summary for every page: each message links to where the user can put it right."""

from django import forms
from django.forms import formset_factory

from kcc_planning.forms import error_list, service_errors_add
from kcc_planning.validation import WriteValidationError


class RatingForm(forms.Form):
    title = forms.CharField()
    likelihood = forms.ChoiceField(choices=[("1", "Rare"), ("2", "Likely")], widget=forms.RadioSelect)
    areas = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple)
    row_id = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean(self):
        raise forms.ValidationError("The rating does not add up.")


class RowForm(forms.Form):
    title = forms.CharField()


RowFormSet = formset_factory(RowForm, min_num=1, validate_min=True, extra=0)


def test_fields_link_to_their_input_and_groups_to_their_first_option():
    """Radio and checkbox groups link to their first option: crispy-forms-gds numbers options from 1."""
    form = RatingForm({"rating-row_id": "x"}, prefix="rating")
    assert error_list(form) == [
        ("#id_rating-title", "The rating does not add up."),
        ("#id_rating-title", "This field is required."),
        ("#id_rating-likelihood_1", "This field is required."),
        ("#id_rating-areas_1", "This field is required."),
        ("#id_rating-title", "Enter a whole number."),  # a hidden field: its form's first field
    ]


def test_formsets_link_their_own_errors_to_their_heading_then_each_row():
    formset = RowFormSet({"rows-TOTAL_FORMS": "0", "rows-INITIAL_FORMS": "0"}, prefix="rows")
    assert error_list(None, formset) == [("#rows-heading", "Please submit at least 1 form.")]
    formset = RowFormSet({"rows-TOTAL_FORMS": "2", "rows-INITIAL_FORMS": "0", "rows-0-title": "x"}, prefix="rows")
    formset.forms[1].empty_permitted = False
    assert error_list(formset) == [("#id_rows-1-title", "This field is required.")]


def test_service_errors_go_on_the_form_with_the_field_and_rows_on_the_form_they_came_from():
    """A field error lands on the first form that has the field, else on the first form as a whole."""
    risk_form = RowForm({"title": "x"})
    rating_form = RatingForm({"title": "x", "likelihood": "1", "areas": ["a"]})
    formset = RowFormSet(
        {"rows-TOTAL_FORMS": "2", "rows-INITIAL_FORMS": "0", "rows-0-title": "a", "rows-1-title": "b"}, prefix="rows"
    )
    for item in (risk_form, rating_form, formset):
        item.is_valid()
    error = WriteValidationError()
    error.add("title", "Used already.")
    error.add("likelihood", "Choose a likelihood.")
    error.add("owner", "Not one of ours.")
    error.add_row("rows", 0, "title", "Too long.")

    # The service was given only the second row (its row 0), so that message goes on form 1.
    service_errors_add(error, forms=[None, risk_form, rating_form], formsets={"rows": (formset, [1])})

    assert risk_form.errors == {"title": ["Used already."], "__all__": ["Not one of ours."]}
    assert rating_form.errors["likelihood"] == ["Choose a likelihood."]
    assert formset.forms[1].errors["title"] == ["Too long."]
    assert not formset.forms[0].errors
