"""The agenda item form and cover report numbering as officers type them (issue 16 item 6).

- The "Section" list names each section with its letter (B and E share their wording) and has no "---------".
- The exempt paragraph is a styled GOV.UK input with a clear message for anything but 1-7.
- Numbering typed into a cover report stands: "# 1. Introduction" prints "1 Introduction", never "1 1. Introduction".
"""

import pytest

from committees.forms import AgendaItemForm
from committees.packs.content import report_blocks


def test_the_section_list_gives_each_letter_and_no_blank_option():
    choices = list(AgendaItemForm().fields["section"].choices)

    assert [value for value, _ in choices] == ["A", "B", "C", "D", "E", "F"]
    labels = dict(choices)
    assert labels["B"].startswith("B – Key or significant Cabinet Member Decision(s)")
    assert labels["E"].startswith("E – Key or significant Cabinet Member Decision(s)")
    assert "---------" not in AgendaItemForm().as_p()


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["9", "0", "three", "1.5"])
def test_an_exempt_paragraph_outside_1_to_7_is_refused_next_to_the_field(typed):
    form = AgendaItemForm(
        {"section": "E", "title": "Contract award", "exempt": "on", "exempt_paragraph": typed, "public_title": "A"}
    )
    assert not form.is_valid()
    assert form.errors["exempt_paragraph"] == ["Enter the paragraph as a number from 1 to 7"]


def test_the_exempt_paragraph_is_a_styled_numeric_text_box():
    html = str(AgendaItemForm()["exempt_paragraph"])
    assert 'class="govuk-input govuk-input--width-2"' in html
    assert 'inputmode="numeric"' in html
    assert 'type="number"' not in html


def _numbered(body: str) -> list[tuple[str, str]]:
    return [(block.number, block.text) for block in report_blocks(body)]


def test_a_typed_heading_number_is_printed_once():
    assert _numbered("# 1. Introduction\n\nThe plan.\n\n# 2. Financial implications\n\nNone.") == [
        ("1", "Introduction"),
        ("1.1", "The plan."),
        ("2", "Financial implications"),
        ("2.1", "None."),
    ]


def test_typed_paragraph_numbers_stand_and_the_next_ones_run_on():
    body = "# Introduction\n\n1.1 The plan.\n\n1.2 The costs.\n\nUntyped paragraph.\n\n2. Recommendations\n\nAgree it."
    assert _numbered(body) == [
        ("1", "Introduction"),
        ("1.1", "The plan."),
        ("1.2", "The costs."),
        ("1.3", "Untyped paragraph."),
        ("2", "Recommendations"),
        ("2.1", "Agree it."),
    ]


def test_numbers_that_are_part_of_the_text_are_left_alone():
    """ "1.5 million people" and "2013 was…" start sentences; they are not paragraph numbers."""
    assert _numbered("1.5 million people live in Kent.\n\n2013 was a hard year.") == [
        ("1", "1.5 million people live in Kent."),
        ("2", "2013 was a hard year."),
    ]


def test_untyped_numbering_is_unchanged():
    assert _numbered("First.\n\nSecond.\n\n# Background\n\nThird.\n\n- a\n- b") == [
        ("1", "First."),
        ("2", "Second."),
        ("1", "Background"),
        ("1.1", "Third."),
        ("", ""),
    ]
