"""The demo committee meeting: Policy and Resources Cabinet Committee, 8 January 2013 (seed 001).

Read from ``fixtures/committee_2013_01_08.json``: the committee and its members
by party, the meeting as printed on the front sheet, the agenda A1-F1 with
decision numbers and the exempt items, cover reports transcribed from the
seed, and the papers that arrived as PDFs (minutes, financial monitoring, the
budget consultation), which are made into PDFs from the seed text and
attached through the same checks as an upload. B1's appendices are the BSS
directorate risk register and committee snapshots of the 2013-14 divisional
plans the demo holds (Human Resources, Governance & Law); the seed's other
four divisional plans are not in the demo and are reported as a note.

Loading again changes nothing: a meeting already there is kept as it is, except
that a demo paper whose file is missing from storage (a database restored
without its files) is written again, byte for byte as it was. The committee
snapshots are dated the day the seed's papers went out, and the 2017-18
directorate plan gets the snapshot of its final draft for 23 February 2017.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import linebreaks
from django.utils import timezone

from documents import storage
from documents.pdf import html_to_pdf
from plans.demo import FIXTURES_DIR
from plans.demo.files import DemoDataError
from plans.models import Plan, PlanKind, PlanSnapshot, SnapshotKind
from plans.services.workflow import snapshot_checksum
from plans.versions import plan_document_data

from . import demo_decisions, demo_minutes, demo_publish, services, uploads
from .clear_days import latest_publication_date
from .models import AppendixKind, Committee, CommitteeMember, Meeting, Paper, PaperKind

FIXTURE = "committee_2013_01_08.json"


def _say(stdout, message: str) -> None:
    if stdout is not None:
        stdout.write(message)


def _pdf_from_text(title: str, text: str) -> bytes:
    """A paper that "arrived as a PDF", made from the seed's text of it."""
    from django.utils.html import escape

    html = (
        f'<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        '<link rel="stylesheet" href="/static/print/base.css"></head>'
        f"<body>{linebreaks(text)}</body></html>"
    )
    return html_to_pdf(html)


def _on_the_day(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12, 0)))


def _committee_snapshot(plan: Plan, *, sent_on: datetime.date) -> PlanSnapshot:
    """The plan as sent to the committee: the latest committee snapshot, or one taken now for the demo.

    Taken by the last demo loader, after the risks and indicators are loaded, so that what it freezes
    (sections E and F included) is the whole plan. It is dated the day the papers went out in the seed,
    not the day the demo was loaded: "sent to the committee on 1 December 2026" would be untrue.
    """
    existing = plan.snapshots.filter(kind=SnapshotKind.COMMITTEE).order_by("-taken_at").first()
    if existing is not None:
        return existing
    document = plan_document_data(plan=plan)
    snapshot = PlanSnapshot.objects.create(
        plan=plan,
        kind=SnapshotKind.COMMITTEE,
        version=plan.lock_version,
        document=document,
        checksum=snapshot_checksum(document),
    )
    # ``taken_at`` is auto_now_add, so the seed's date is set after the row exists.
    PlanSnapshot.objects.filter(pk=snapshot.pk).update(taken_at=_on_the_day(sent_on))
    snapshot.refresh_from_db()
    return snapshot


def _other_plans_sent(data: dict, stdout) -> None:
    """Plans the seeds show going to other meetings (seed 003: 2017-18 final draft for 23 February 2017)."""
    for spec in data.get("other_plans_sent", []):
        plan = Plan.objects.filter(
            kind=PlanKind.DIRECTORATE,
            directorate__plan_year__start_year=spec["plan_year"],
            directorate__name=spec["directorate"],
        ).first()
        if plan is None or plan.snapshots.filter(kind=SnapshotKind.COMMITTEE).exists():
            continue
        sent_on = latest_publication_date(datetime.date.fromisoformat(spec["meeting_date"]))
        _committee_snapshot(plan, sent_on=sent_on)
        _say(stdout, f"  Committee snapshot of {plan} dated {sent_on:%d %B %Y} ({spec['source']}).")


def _paper_files_restore(meeting: Meeting, data: dict, stdout) -> None:
    """Put back the demo's uploaded papers whose files are missing (a database restored without its storage).

    The PDFs are made again from the fixture text; the maker is deterministic, so a file is written only
    when its checksum is the one the paper recorded. Nothing else is touched: a paper an officer replaced
    has another checksum and is left for them (the pack build names it as missing).
    """
    texts = {
        paper["title"]: paper["text"]
        for item in data["items"]
        for paper in item.get("papers", [])
        if paper["kind"] == "upload"
    }
    for paper in Paper.objects.filter(item__meeting=meeting, kind=PaperKind.UPLOAD).order_by("pk"):
        stored = storage.checksum(paper.file_name)
        if stored is not None and stored[0] == paper.checksum:
            continue
        if paper.title not in texts:
            continue
        checked = uploads.check_pdf(
            SimpleUploadedFile(paper.original_name or "paper.pdf", _pdf_from_text(paper.title, texts[paper.title]))
        )
        if checked.checksum != paper.checksum:
            _say(stdout, f"  Note: the file of '{paper.title}' is missing and is not the demo's; upload it again.")
            continue
        uploads.store(checked)
        _say(stdout, f"  Put back the missing file of '{paper.title}'.")


def _appendices(paper: Paper, specs: list[dict], stdout, *, sent_on: datetime.date) -> None:
    for spec in specs:
        if spec["kind"] == AppendixKind.RISK_REGISTER:
            from risks.models import Register

            register = Register.objects.filter(level="directorate", title=spec["title"]).first()
            if register is None:
                _say(stdout, f"  Note: no register '{spec['title']}' loaded; appendix left out.")
                continue
            services.appendix_add(paper=paper, title=spec["title"], kind=spec["kind"], document_id=register.pk)
        elif spec["kind"] == AppendixKind.PLAN_SNAPSHOT:
            plans = Plan.objects.filter(
                kind=PlanKind.DIVISIONAL, directorate__plan_year__start_year=2013
            ).select_related("division")
            first = True
            for plan in sorted(plans, key=lambda p: p.division.name):
                services.appendix_add(
                    paper=paper,
                    title=f"{spec['title']}: {plan.division.name}",
                    kind=AppendixKind.PLAN_SNAPSHOT,
                    document_id=_committee_snapshot(plan, sent_on=sent_on).pk,
                    continues_previous=not first,
                )
                first = False
            _say(
                stdout,
                f"  Note: Appendix B prints the {plans.count()} 2013-14 divisional plans in the demo; the seed's "
                "other divisional plans (Business Strategy, Finance & Procurement, ICT, Property & Infrastructure "
                "Support) are not transcribed.",
            )


def load(*, stdout=None, fixtures_dir: Path | None = None) -> Meeting | None:
    path = Path(fixtures_dir or FIXTURES_DIR) / FIXTURE
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        spec = data["meeting"]
        committee, _ = Committee.objects.get_or_create(
            name=data["committee"]["name"], defaults={"size": data["committee"]["size"]}
        )
        date = datetime.date.fromisoformat(spec["date"])
        start = datetime.time.fromisoformat(spec["start_time"])
        published_on = datetime.date.fromisoformat(spec["published_on"])
    except (KeyError, ValueError, json.JSONDecodeError) as error:
        raise DemoDataError(f"{FIXTURE}: {error}") from error
    existing = Meeting.objects.filter(committee=committee, date=date, start_time=start).first()
    if existing is not None:
        _say(stdout, f"Kept {existing}: already loaded.")
        _paper_files_restore(existing, data, stdout)
        _other_plans_sent(data, stdout)
        demo_publish.load(meeting=existing, stdout=stdout)
        demo_decisions.load(meeting=existing, stdout=stdout, fixtures_dir=fixtures_dir)
        demo_minutes.load(january=existing, stdout=stdout, fixtures_dir=fixtures_dir)
        return existing
    if not committee.members.exists():
        for position, member in enumerate(data["members"], start=1):
            CommitteeMember.objects.create(
                committee=committee,
                party=member["party"],
                name=member.get("name", ""),
                role=member.get("role", "member"),
                vacant=member.get("vacant", False),
                position=position,
            )
    meeting = services.meeting_create(
        values={
            "committee": committee,
            "date": date,
            "start_time": start,
            **{key: spec[key] for key in spec if key not in {"date", "start_time", "published_on"}},
        }
    )
    for item_spec in data["items"]:
        item = services.agenda_item_create(
            meeting=meeting,
            values={
                "section": item_spec["section"],
                "title": item_spec["title"],
                "decision_number": item_spec.get("decision_number", ""),
                "exempt": item_spec.get("exempt", False),
                "exempt_paragraph": item_spec.get("exempt_paragraph"),
                "public_title": item_spec.get("public_title", ""),
            },
        )
        for paper_spec in item_spec.get("papers", []):
            if paper_spec["kind"] == "upload":
                pdf = _pdf_from_text(paper_spec["title"], paper_spec["text"])
                upload = SimpleUploadedFile(paper_spec["file_name"], pdf, content_type="application/pdf")
                services.paper_upload(item=item, title=paper_spec["title"], upload=upload)
                continue
            paper = services.cover_report_create(
                item=item, values={key: paper_spec[key] for key in services.COVER_REPORT_FIELDS if key in paper_spec}
            )
            _appendices(paper, paper_spec.get("appendices", []), stdout, sent_on=published_on)
    _say(stdout, f"Loaded {meeting} ({meeting.items.count()} agenda items).")
    _other_plans_sent(data, stdout)
    demo_publish.load(meeting=meeting, stdout=stdout)
    demo_decisions.load(meeting=meeting, stdout=stdout, fixtures_dir=fixtures_dir)
    demo_minutes.load(january=meeting, stdout=stdout, fixtures_dir=fixtures_dir)
    return meeting
