"""Factories for committees, meetings, agenda items and papers (small packs: a few pages each)."""

import datetime

import factory
from weasyprint import HTML

from committees import models

# Text put in every exempt paper of the small meeting: it must never appear in a public pack or page.
CANARY = "ZQX-CANARY-7731"


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Committee
        django_get_or_create = ("name",)

    name = "Policy and Resources Cabinet Committee"
    size = 15


class CommitteeMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.CommitteeMember

    committee = factory.SubFactory(CommitteeFactory)
    party = "Conservative"
    name = factory.Sequence(lambda n: f"Mr A Member{n}")
    position = factory.Sequence(lambda n: n)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Meeting

    committee = factory.SubFactory(CommitteeFactory)
    date = datetime.date(2013, 1, 8)
    start_time = datetime.time(10, 0)
    venue = "Darent Room, Sessions House, County Hall, Maidstone"
    clerk_name = "Denise Fitch"
    clerk_telephone = "01622 694269"
    signed_off_by = "Peter Sass"
    signed_off_telephone = "(01622) 694002"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    section = "A"
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Agenda item title {n}")


class CoverReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Paper

    item = factory.SubFactory(AgendaItemFactory)
    kind = models.PaperKind.COVER_REPORT
    position = factory.Sequence(lambda n: n + 1)
    title = factory.LazyAttribute(lambda p: p.item.title)
    from_by = "Roger Gough, Cabinet Member for Business Strategy, Performance and Health Reform"
    summary = "This report sets out the approach."
    recommendations = "Members are asked to NOTE the report."
    body = "# Introduction\n\nThe first paragraph.\n\nThe second paragraph.\n\n# Conclusion\n\nThe end."
    contact = "Richard Fitzgerald, Performance Manager, 01622 221985"


def pdf_bytes(*pages: str) -> bytes:
    """A small PDF with one page per string (an "uploaded" paper)."""
    body = "".join(f'<div style="break-after: page"><h1>{text}</h1></div>' for text in pages)
    return HTML(string=f"<html><body>{body}</body></html>").write_pdf()
