"""Collecting every error on a write before anything is saved, the same way in every app."""

from kcc_planning.validation import WriteValidationError, text_errors


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
