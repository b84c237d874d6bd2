"""Over-long text in a risk is refused with a message naming the limit, never cut short (issue 10, item 3)."""

import pytest

from plans.models import Person, Priority
from risks.forms import ControlForm, RiskForm
from risks.models import Risk, RiskOwner
from risks.services import OwnerInput, Ratings, RiskDetails, RiskValidationError, risk_create

from ..factories import PersonFactory
from .factories import DivisionRegisterFactory

pytestmark = pytest.mark.django_db


def test_an_owner_role_over_its_limit_is_refused_and_nothing_is_saved():
    """An imported register's owner role of 301 characters: an error naming the limit, no risk, no owner."""
    person = PersonFactory(name="Amanda Beer")
    owner = OwnerInput(person=person, role="R" * 301)
    with pytest.raises(RiskValidationError) as raised:
        risk_create(
            register=DivisionRegisterFactory(),
            details=RiskDetails(reference="HR9", title="Loss of payroll system", owners=[owner]),
            ratings=Ratings.in_progress(),
        )
    assert raised.value.fields["owners"] == [f"The role of {person} must be 300 characters or fewer"]
    assert not Risk.objects.exists()
    assert not RiskOwner.objects.exists()


@pytest.mark.parametrize(
    "make_form",
    [lambda: RiskForm(people=Person.objects.none(), priorities=Priority.objects.none()), ControlForm],
    ids=["risk", "control"],
)
def test_risk_forms_carry_no_maxlength_and_name_the_limit(make_form):
    """Every app's forms share FieldsOnlyMixin: no ``maxlength`` for the browser to cut pasted text with, and the
    server's message names the limit."""
    form = make_form()
    limited = {name: field for name, field in form.fields.items() if getattr(field, "max_length", None)}
    assert limited
    for name, field in limited.items():
        assert "maxlength" not in str(form[name]), name
        message = field.error_messages["max_length"]
        assert message.endswith(f"must be {field.max_length:,} characters or fewer"), message
