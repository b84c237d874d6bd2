"""Removing a risk asks first on the one confirmation page every deletion uses (templates/includes/confirm_delete.html):
it names the risk and what goes with it, has a warning button and a Cancel link back to the risk; only the POST
removes it, and the register then says so."""

import pytest
from django.urls import reverse

from risks.models import Risk

from ..factories import officer_for
from .factories import DivisionRegisterFactory, RiskFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def risk():
    return RiskFactory(register=DivisionRegisterFactory(), reference="HR1", title="Loss of key staff")


@pytest.fixture
def signed_in(client, risk):
    client.force_login(officer_for(risk.register.division, "officer"))
    return client


def test_get_asks_and_removes_nothing(signed_in, risk):
    page = signed_in.get(reverse("risks:risk_delete", args=[risk.pk])).content.decode()

    assert '<h1 class="govuk-heading-xl">Remove risk HR1?</h1>' in page
    assert "Loss of key staff" in page
    assert "Its controls, actions and review history are removed too." in page
    assert '<button type="submit" class="govuk-button govuk-button--warning"' in page
    assert f'href="{reverse("risks:risk_detail", args=[risk.pk])}">Cancel</a>' in page
    assert Risk.objects.filter(pk=risk.pk).exists()


def test_post_removes_it_and_the_register_says_so(signed_in, risk):
    response = signed_in.post(reverse("risks:risk_delete", args=[risk.pk]), follow=True)

    assert not Risk.objects.filter(pk=risk.pk).exists()
    assert [str(message) for message in response.context["messages"]] == ["Risk HR1 removed from the register."]
