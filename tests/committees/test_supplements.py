"""Supplementary agenda packs (issue 13): a paper added or replaced after publication goes out as "Supplement 1"
with its own front sheet, numbered on from the pack (or the previous supplement) or from 1, and the main pack
stays exactly as it was published; the public version has nothing of an exempt item."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from committees import selectors, services
from committees.models import BuildStatus, PackBuild, Supplement, SupplementNumbering, Visibility
from committees.packs.supplement import last_printed_page
from committees.selectors_supplements import supplement_candidates
from documents import storage

from ..support.pdf import all_bytes, outline_titles, pdf_pages, printed_number
from .factories import CANARY, AgendaItemFactory, CoverReportFactory

REASON = "The contractor's offer expires before the next meeting."


def _run(build: PackBuild) -> PackBuild:
    build = services.pack_build_run(build_id=build.pk)
    assert build.status == BuildStatus.DONE, build.error
    return build


@pytest.fixture
def published(small_meeting, clerk, django_capture_on_commit_callbacks):
    """The small meeting's pack built and published (its public papers made on commit)."""
    build = _run(services.pack_build_request(meeting=small_meeting, requested_by=clerk))
    with django_capture_on_commit_callbacks(execute=True):
        return services.pack_publish(build=build, published_by=clerk)


@pytest.fixture
def late_item(small_meeting):
    """D1, added after publication, with a cover report."""
    item = AgendaItemFactory(meeting=small_meeting, section="D", title="Broadband update (late item)")
    CoverReportFactory(item=item, title="Broadband update")
    return item


def _items(meeting, *numbers):
    return [entry.item for entry in supplement_candidates(meeting=meeting)[0] if entry.number in numbers]


def _issue(meeting, clerk, *numbers, numbering=SupplementNumbering.RUN_ON) -> PackBuild:
    return _run(
        services.supplement_issue(
            meeting=meeting, items=_items(meeting, *numbers), reason=REASON, numbering=numbering, created_by=clerk
        )
    )


def _file(build: PackBuild, visibility: str) -> bytes:
    record = build.files.get(visibility=visibility)
    return storage.verified_bytes(name=record.file_name, checksum=record.checksum)


def _numbers(pdf: bytes) -> list[int]:
    return [n for n in (printed_number(text) for text in pdf_pages(pdf)) if n is not None]


def test_refused_before_the_pack_is_published(small_meeting, clerk):
    """No supplement until the main pack is published: there is nothing yet for it to add to."""
    with pytest.raises(ValidationError) as refused:
        services.supplement_issue(
            meeting=small_meeting, items=small_meeting.items.all()[:1], reason=REASON, created_by=clerk
        )
    assert "Publish the agenda pack first" in str(refused.value.message_dict["items"])
    assert not Supplement.objects.exists()


def test_refused_without_reason_or_items(small_meeting, clerk, published, late_item):
    """The chair's reason for urgency and at least one item are required; nothing is recorded when refused."""
    with pytest.raises(ValidationError) as refused:
        services.supplement_issue(meeting=small_meeting, items=[], reason="  ", created_by=clerk)
    assert set(refused.value.message_dict) == {"items", "reason"}
    with pytest.raises(ValidationError) as refused:
        services.supplement_issue(meeting=small_meeting, items=[late_item], reason="x" * 3001, created_by=clerk)
    assert set(refused.value.message_dict) == {"reason"}
    assert not Supplement.objects.exists()
    assert not PackBuild.objects.filter(supplement__isnull=False).exists()


def test_added_and_changed_items_are_preselected(small_meeting, published, late_item):
    """Items added since publication, or whose papers changed, are the ones the form ticks; the others are not."""
    c1 = _items(small_meeting, "C1")[0]
    c1.papers.update(body="# Introduction\n\nA corrected figure.")
    entries, ticked = supplement_candidates(meeting=small_meeting)
    numbers = {entry.item.pk: entry.number for entry in entries}
    assert sorted(numbers[pk] for pk in ticked) == ["C1", "D1"]


def test_numbered_on_from_the_pack_and_main_pack_unchanged(small_meeting, clerk, published, late_item):
    """Supplement 1's first stamped page is the main pack's last page + 1; its front sheet names it, the items
    and the reason; publishing it leaves the main pack's record, files and bytes exactly as they were."""
    before = {f.visibility: (_file(published, f.visibility), f.checksum) for f in published.files.all()}
    record = PackBuild.objects.values().get(pk=published.pk)
    build = _issue(small_meeting, clerk, "D1")
    services.pack_publish(build=build, published_by=clerk)
    full = _file(build, Visibility.FULL)
    numbers = _numbers(full)
    assert numbers[0] == last_printed_page(published) + 1
    assert build.ranges == {"D1": [numbers[0], numbers[0]]}
    front = " ".join(pdf_pages(full)[: len(pdf_pages(full)) - len(numbers)])
    assert "Supplement 1" in front
    assert "D1 Broadband update (late item)" in front
    assert "contractor's offer expires" in front
    assert outline_titles(full)[0] == "Agenda supplement 1"
    assert "/StructTreeRoot" in PdfReader(io.BytesIO(full)).trailer["/Root"]  # tagged like the pack
    assert PackBuild.objects.values().get(pk=published.pk) == record
    after = {f.visibility: (_file(published, f.visibility), f.checksum) for f in published.files.all()}
    assert after == before
    build.refresh_from_db()
    assert build.version == 1  # a supplement counts its own versions
    assert published.version == 1


def test_own_numbering_and_second_supplement_runs_on(small_meeting, clerk, published, late_item):
    """A supplement with its own numbering starts at page 1; the next one numbers on from the previous one."""
    first = _issue(small_meeting, clerk, "D1", numbering=SupplementNumbering.OWN)
    assert _numbers(_file(first, Visibility.FULL))[0] == 1
    services.pack_publish(build=first, published_by=clerk)
    _items(small_meeting, "C1")[0].papers.update(body="# Introduction\n\nA corrected figure.")
    second = _issue(small_meeting, clerk, "C1")
    assert second.supplement.number == 2
    assert _numbers(_file(second, Visibility.FULL))[0] == last_printed_page(first) + 1


def test_public_supplement_has_no_exempt_content(
    client, small_meeting, clerk, published, late_item, django_capture_on_commit_callbacks
):
    """An exempt item in a supplement is a "Document is Restricted" notice in its public version, with the same
    page numbers; nothing of it reaches the public version, the public page or the public downloads."""
    build = _issue(small_meeting, clerk, "D1", "E1")
    full, public = _file(build, Visibility.FULL), _file(build, Visibility.PUBLIC)
    assert CANARY in " ".join(pdf_pages(full))
    assert _numbers(full) == _numbers(public)
    assert "Document is Restricted" in " ".join(pdf_pages(public))
    assert CANARY.encode() not in all_bytes(public)
    assert CANARY not in " ".join(pdf_pages(public)) + " ".join(outline_titles(public))
    assert CANARY.encode("utf-16-be") not in all_bytes(public)
    with django_capture_on_commit_callbacks(execute=True):  # its public items' papers, as for the pack
        services.pack_publish(build=build, published_by=clerk)
    page = client.get(f"/public/meetings/{small_meeting.pk}/").content.decode()
    assert "Supplement 1 to the agenda" in page
    assert "contractor&#x27;s offer expires" in page
    assert CANARY not in page
    response = client.get(f"/public/meetings/{small_meeting.pk}/supplements/1.pdf")
    assert b"".join(response.streaming_content) == public
    feed = client.get(reverse("committees_public:papers_atom", args=[small_meeting.committee_id])).content.decode()
    assert "Agenda supplement 1" in feed
    api = client.get(reverse("api:meeting_detail", args=[small_meeting.pk])).content.decode()
    for public_text in (feed, api):
        assert CANARY not in public_text
    item = client.get(f"/public/meetings/{small_meeting.pk}/supplements/1/items/D1.pdf")
    first, last = build.ranges["D1"]
    assert _numbers(b"".join(item.streaming_content)) == list(range(first, last + 1))
    assert client.get(f"/public/meetings/{small_meeting.pk}/supplements/1/items/E1.pdf").status_code == 404


def test_main_pack_stays_the_publication_everywhere(client, small_meeting, clerk, published, late_item):
    """The public pack download and the meeting's publication stay the main pack's after a supplement is out."""
    build = _issue(small_meeting, clerk, "D1")
    services.pack_publish(build=build, published_by=clerk)
    response = client.get(f"/public/meetings/{small_meeting.pk}/pack.pdf")
    assert b"".join(response.streaming_content) == _file(published, Visibility.PUBLIC)
    assert selectors.latest_publication(meeting=selectors.meeting_get(meeting_id=small_meeting.pk)) == published


def test_form_ticks_changed_items_and_shows_errors_in_a_summary(client, small_meeting, clerk, published, late_item):
    """The clerk's form ticks the late item; sent without a reason or items, it says what to do in the GOV.UK
    error summary and records nothing; sent complete, it builds Supplement 1 and shows its build page."""
    client.force_login(clerk)
    url = f"/committees/meetings/{small_meeting.pk}/supplements/new/"
    page = client.get(url).content.decode()
    ticked = {int(value) for value in re.findall(r'<input[^>]*name="items"[^>]*value="(\d+)"[^>]*checked', page)}
    assert ticked == {late_item.pk}
    response = client.post(url, {"numbering": SupplementNumbering.RUN_ON})
    assert response.status_code == 400
    body = response.content.decode()
    assert "govuk-error-summary" in body
    assert "Select at least one item for the supplement" in body
    assert "Enter the chair&#x27;s reason for taking the items as urgent" in body
    assert not Supplement.objects.exists()
    response = client.post(url, {"items": [late_item.pk], "reason": REASON, "numbering": SupplementNumbering.OWN})
    supplement = Supplement.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/packs/{supplement.builds.get().pk}/")
    assert supplement.numbering == SupplementNumbering.OWN
    assert list(supplement.items.all()) == [late_item]
    assert "Supplement 1" in client.get(f"/committees/meetings/{small_meeting.pk}/").content.decode()
