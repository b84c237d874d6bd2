"""With JavaScript, democratic services reorder agenda items by drag and drop; the server renumbers them."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from kcc_planning.roles import Role

from ..support.browser import sign_in
from ..support.users import user_in
from .factories import AgendaItemFactory, MeetingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_dragging_an_item_reorders_and_renumbers_the_section(live_server, page, page_checker):
    """Dropping D3 on the top half of D1 makes it D1; the others move down one."""
    meeting = MeetingFactory()
    for position, title in enumerate(
        ("Budget Consultation 2013/14", "Enterprise Resource Planning Programme", "Broadband Delivery UK - Update"),
        start=1,
    ):
        AgendaItemFactory(meeting=meeting, section="D", position=position, title=title)
    user_in(Role.DEMOCRATIC_SERVICES, "clerk")

    sign_in(page, live_server, "clerk")
    page.goto(live_server.url + reverse("committees:meeting_detail", args=[meeting.pk]))
    page_checker.check(page, "agenda before drag")
    source = page.locator(".council-agenda__item", has_text="Broadband Delivery UK - Update")
    target = page.locator(".council-agenda__item", has_text="Budget Consultation 2013/14")
    with page.expect_navigation():
        source.drag_to(target, target_position={"x": 20, "y": 5})
    page.wait_for_load_state()
    page_checker.check(page, "agenda after drag")

    def number(title):
        return page.locator(".council-agenda__item", has_text=title).locator(".council-agenda__number")

    expect(number("Broadband Delivery UK - Update")).to_have_text("D1")
    expect(number("Budget Consultation 2013/14")).to_have_text("D2")
    expect(number("Enterprise Resource Planning Programme")).to_have_text("D3")
    assert list(meeting.items.order_by("position").values_list("title", flat=True)) == [
        "Broadband Delivery UK - Update",
        "Budget Consultation 2013/14",
        "Enterprise Resource Planning Programme",
    ]
