"""Collecting every error on a write before anything is saved, the same way in every app."""

import pytest

from kcc_planning.validation import WriteValidationError, full_clean_errors, length_message, text_errors

from ..factories import DivisionalPlanFactory, PriorityFactory


def test_text_with_a_null_character_is_refused_with_the_forms_message():
    """The same message a form field gives, because PostgreSQL cannot store NUL."""
    assert text_errors({"title": "bad\x00text", "body": "fine", "count": 3}) == {
        "title": ["Null characters are not allowed."]
    }


def test_errors_read_as_one_line_naming_each_field_and_row():
    errors = WriteValidationError()
    assert not errors
    errors.add_all({"title": ["Enter a title."]})
    errors.add_row("actions", 1, "end_text", "The end must be after the start.")
    assert errors
    assert str(errors) == "title: Enter a title.; actions row 2, end_text: The end must be after the start."


def test_length_message_names_the_field_and_the_limit():
    """GOV.UK wording, with the limit written as people read numbers."""
    assert length_message("title", 300) == "Title must be 300 characters or fewer"
    assert length_message("milestone", 2000) == "Milestone must be 2,000 characters or fewer"


@pytest.mark.django_db
def test_full_clean_errors_refuse_over_long_text_naming_the_limit():
    """Every service checking a model with ``full_clean_errors`` refuses over-long text with the same message."""
    priority = PriorityFactory.build(plan=DivisionalPlanFactory(), title="x" * 10_000, description="y" * 30_000)
    assert full_clean_errors(priority) == {
        "title": ["Title must be 300 characters or fewer"],
        "description": ["Description must be 20,000 characters or fewer"],
    }
