"""Agenda numbering, the motion to exclude the press and public, and the item constraints."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from committees import services
from committees.agenda import motion_text, number_items
from committees.models import AgendaItem

from .factories import AgendaItemFactory, MeetingFactory


@pytest.mark.django_db
def test_items_are_numbered_within_their_section_in_section_order():
    """Numbers follow the section letter and the position within the section, whatever the creation order."""
    meeting = MeetingFactory()
    b = AgendaItemFactory(meeting=meeting, section="B", position=1)
    a2 = AgendaItemFactory(meeting=meeting, section="A", position=2)
    a1 = AgendaItemFactory(meeting=meeting, section="A", position=1)
    numbered = number_items(meeting.items.all())
    assert [(n.item, n.number) for n in numbered] == [(a1, "A1"), (a2, "A2"), (b, "B1")]


@pytest.mark.django_db
def test_motion_comes_before_the_first_exempt_item_and_names_the_paragraphs():
    """The motion is placed once, before the first exempt item, citing every exempt paragraph."""
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting, section="D")
    AgendaItemFactory(meeting=meeting, section="E", exempt=True, exempt_paragraph=3, public_title="E")
    AgendaItemFactory(meeting=meeting, section="F", exempt=True, exempt_paragraph=1, public_title="F")
    numbered = number_items(meeting.items.all())
    assert [n.motion_before for n in numbered] == [False, True, False]
    assert "paragraphs 1 and 3 of Part 1 of Schedule 12A" in motion_text(meeting.items.all())
    assert "Section 100A of the Local Government Act 1972" in motion_text(meeting.items.all())


@pytest.mark.django_db
def test_exempt_item_needs_a_schedule_12a_paragraph_in_the_database():
    """The database refuses an exempt item without a paragraph, whatever the code does."""
    meeting = MeetingFactory()
    with pytest.raises(IntegrityError):
        AgendaItem.objects.create(meeting=meeting, section="E", title="x", exempt=True)


@pytest.mark.django_db
def test_save_service_validates_decision_numbers():
    """A decision number must look like 12/01971; nothing is saved otherwise."""
    meeting = MeetingFactory()
    with pytest.raises(ValidationError) as error:
        services.agenda_item_create(meeting=meeting, values={"section": "B", "title": "x", "decision_number": "1971"})
    assert "decision_number" in error.value.message_dict
    assert not AgendaItem.objects.exists()


@pytest.mark.django_db
def test_move_and_reorder():
    """Move up/down swaps neighbours; a drag-and-drop order must name exactly the section's items."""
    meeting = MeetingFactory()
    first, second, third = (AgendaItemFactory(meeting=meeting, section="D", position=n) for n in (1, 2, 3))
    services.agenda_item_move(item=third, direction="up")
    assert [n.item for n in number_items(meeting.items.all())] == [first, third, second]
    services.agenda_section_reorder(meeting=meeting, section="D", item_ids=[second.pk, first.pk, third.pk])
    assert [n.item for n in number_items(meeting.items.all())] == [second, first, third]
    with pytest.raises(ValidationError):
        services.agenda_section_reorder(meeting=meeting, section="D", item_ids=[second.pk, first.pk])
