"""Every save is a version; any two versions (or a snapshot and now) can be compared."""

import io

import pytest

from plans.comparison import compare_documents
from plans.services import RowInput, plan_rows_save, priority_save
from plans.versions import document_for_token, hydrate, plan_document_data, plan_versions

from ..factories import ActionFactory, DivisionalPlanFactory, PriorityFactory

pytestmark = pytest.mark.django_db


def action_row(action, **changes):
    values = {
        "title": action.title,
        "sub_action": action.parent_id is not None,
        "accountable_officer": action.accountable_officer,
        "start_text": action.start_text,
        "end_text": action.end_text,
        **changes,
    }
    return RowInput(id=action.pk, values=values)


def test_each_save_is_a_version_that_can_be_read_back():
    """After two edits the plan has three versions and version 2 shows the text as it was then."""
    plan = DivisionalPlanFactory()
    priority = PriorityFactory(plan=plan)
    action = ActionFactory(priority=priority, title="Original wording")
    priority_save(
        priority=priority,
        title=priority.title,
        description="",
        milestones=[],
        key_decisions=[],
        actions=[action_row(action, title="Second wording")],
    )
    priority_save(
        priority=priority,
        title=priority.title,
        description="",
        milestones=[],
        key_decisions=[],
        actions=[action_row(action, title="Third wording")],
    )
    numbers = [v.lock_version for v in plan_versions(plan=plan)]
    assert numbers == [1, 2, 3]
    version_two, _ = document_for_token(plan=plan, token="v2")
    assert version_two["priorities"][0]["actions"][0]["title"] == "Second wording"
    now, _ = document_for_token(plan=plan, token="current")
    assert now["priorities"][0]["actions"][0]["title"] == "Third wording"


def test_comparison_shows_added_removed_and_changed_rows():
    """Only the rows that differ appear, each marked added, removed or changed, with word-level marks."""
    plan = DivisionalPlanFactory()
    priority = PriorityFactory(plan=plan)
    keep = ActionFactory(priority=priority, title="Support retention of staff", position=1)
    drop = ActionFactory(priority=priority, title="Old action", position=2)
    before = plan_document_data(plan=plan)
    priority_save(
        priority=priority,
        title=priority.title,
        description=priority.description,
        milestones=[],
        key_decisions=[],
        actions=[
            action_row(keep, title="Support retention of social workers"),
            RowInput(id=drop.pk, values={}, delete=True),
            RowInput(
                id=None,
                values={
                    "title": "Brand new",
                    "sub_action": False,
                    "accountable_officer": "X",
                    "start_text": "",
                    "end_text": "",
                },
            ),
        ],
    )
    after = plan_document_data(plan=plan)
    (section,) = [s for s in compare_documents(before, after) if s.slug == "priorities"]
    kinds = sorted((row.kind, row.label) for row in section.rows)
    assert kinds == [("added", "Action 2"), ("changed", "Action 1"), ("removed", "Action 2")]
    changed = next(row for row in section.rows if row.kind == "changed")
    assert str(changed.fields[0].marked) == "Support retention of <del>staff</del> <ins>social workers</ins>"


def test_unchanged_sections_report_no_changes():
    """Comparing a document with itself finds nothing."""
    plan = DivisionalPlanFactory()
    ActionFactory(priority=PriorityFactory(plan=plan))
    document = plan_document_data(plan=plan)
    assert all(not s.rows for s in compare_documents(document, document))


def test_word_diff_escapes_user_text():
    """HTML typed into a plan is escaped in the comparison."""
    plan = DivisionalPlanFactory()
    before = plan_document_data(plan=plan)
    plan_rows_save(
        plan=plan,
        relation="support_requests",
        rows=[RowInput(id=None, values={"activity": "<script>x</script>", "expected_impact": "", "expected_date": ""})],
    )
    after = plan_document_data(plan=plan)
    (section,) = [s for s in compare_documents(before, after) if s.slug == "support"]
    assert "&lt;script&gt;" in str(section.rows[0].fields[0].marked)


def test_hydrated_snapshot_renders_with_the_plan_templates(client):
    """A stored document renders through the same template as the live plan, numbers included."""
    from django.template.loader import render_to_string

    plan = DivisionalPlanFactory()
    priority = PriorityFactory(plan=plan, title="Productivity")
    parent = ActionFactory(priority=priority, title="Promote self-sufficiency", position=1)
    ActionFactory(priority=priority, parent=parent, title="Produce tools for managers", position=2)
    html = render_to_string("plans/_document.html", hydrate(plan_document_data(plan=plan)))
    assert "Priority 1: Productivity" in html
    assert ">1.1<" in html
    assert "Produce tools for managers" in html


def test_comparison_renders_to_a_tagged_pdf_for_members(client):
    """What changed since the committee saw it" prints with the change marked, through the PDF pipeline."""
    from pypdf import PdfReader

    from documents.pdf import html_to_pdf
    from plans.comparison_pdf import build_comparison_html

    from ..support.pdf import pdf_text

    plan = DivisionalPlanFactory()
    priority = PriorityFactory(plan=plan)
    action = ActionFactory(priority=priority, title="Support retention of staff")
    plan.save()  # version 1 as it stands now, as if saved through the app
    priority_save(
        priority=priority,
        title=priority.title,
        description=priority.description,
        milestones=[],
        key_decisions=[],
        actions=[action_row(action, title="Support retention of social workers")],
    )
    plan.refresh_from_db()
    pdf = html_to_pdf(build_comparison_html(plan, {"from": "v1", "to": "current"}))
    text = " ".join(pdf_text(pdf).split())
    assert "Support retention of staff social workers" in text  # struck-through then inserted words
    assert "1 change." in text
    assert "/StructTreeRoot" in PdfReader(io.BytesIO(pdf)).trailer["/Root"]
