"""Action and milestone numbering is derived from row order, never typed."""

import datetime

import pytest

from plans.months import parse_month
from plans.numbering import milestone_letter
from plans.selectors import plan_priorities

from ..factories import ActionFactory, DivisionalPlanFactory, MilestoneFactory, PriorityFactory

pytestmark = pytest.mark.django_db


def test_actions_number_on_across_priorities():
    """Priority 2's first action follows on from priority 1's last (the seed's 1, 1.1 … 4 scheme)."""
    plan = DivisionalPlanFactory()
    first = PriorityFactory(plan=plan, position=1)
    second = PriorityFactory(plan=plan, position=2)
    for top_position in range(3):
        parent = ActionFactory(priority=first, position=top_position * 10)
        ActionFactory(priority=first, parent=parent, position=top_position * 10 + 1)
    ActionFactory(priority=second, position=1)

    priorities = plan_priorities(plan=plan)

    assert [a.number for a in priorities[0].top_actions] == ["1", "2", "3"]
    assert [c.number for c in priorities[0].top_actions[0].children] == ["1.1"]
    assert priorities[1].top_actions[0].number == "4"


def test_milestones_are_lettered_per_priority_and_cite_action_numbers():
    """Milestones are A, B … within each priority and show the number of the action they belong to."""
    plan = DivisionalPlanFactory()
    priority = PriorityFactory(plan=plan)
    top = ActionFactory(priority=priority, position=1)
    sub = ActionFactory(priority=priority, parent=top, position=2)
    MilestoneFactory(priority=priority, action=sub, position=1)
    MilestoneFactory(priority=priority, action=None, position=2)

    (numbered,) = plan_priorities(plan=plan)
    milestones = list(numbered.milestones.all())

    assert [(m.letter, m.action_number) for m in milestones] == [("A", "1.1"), ("B", None)]


@pytest.mark.parametrize(("index", "letter"), [(0, "A"), (25, "Z"), (26, "AA"), (27, "AB")])
def test_milestone_letters(index, letter):
    """Letters run A-Z then AA, AB like spreadsheet columns."""
    assert milestone_letter(index) == letter


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("April 2013", datetime.date(2013, 4, 1)),
        ("April13", datetime.date(2013, 4, 1)),
        ("Sept 2013", datetime.date(2013, 9, 1)),
        ("Oct 2012", datetime.date(2012, 10, 1)),
        ("04/2013", datetime.date(2013, 4, 1)),
        ("2013-04", datetime.date(2013, 4, 1)),
        ("March 2014 and ongoing", datetime.date(2014, 3, 1)),
        ("January 2013 (Phase 2)", datetime.date(2013, 1, 1)),
        ("Ongoing into 2014", None),
        ("To be agreed – subject to directorate Business Plans", None),
        ("2014", None),
        ("13/2013", None),
        ("", None),
    ],
)
def test_parse_month_reads_the_month_officers_wrote(text, month):
    """Month and year are read from the start of the text; anything else is a note with no month."""
    assert parse_month(text) == month
