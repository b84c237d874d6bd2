"""Fixtures for committee and pack tests: users in each role and a small meeting (a few pages)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from committees import services
from kcc_planning.roles import Role

from ..support.azurite import azurite, on_azure  # noqa: F401 - fixtures: private storage on Azurite
from ..support.users import user_in
from .factories import (
    CANARY,
    AgendaItemFactory,
    CommitteeMemberFactory,
    CoverReportFactory,
    MeetingFactory,
    pdf_bytes,
)


@pytest.fixture
def clerk(db):
    return user_in(Role.DEMOCRATIC_SERVICES, "clerk")


@pytest.fixture
def member(db):
    return user_in(Role.COMMITTEE_MEMBER, "member")


@pytest.fixture
def officer(db):
    return user_in(None, "officer")


@pytest.fixture
def small_meeting(db):
    """A4 minutes (uploaded, 3 pages), B1 a cover report, C1 a report, E1 exempt with the canary everywhere."""
    meeting = MeetingFactory()
    CommitteeMemberFactory(committee=meeting.committee, name="Mr E E C Hotson", role="chairman")
    CommitteeMemberFactory(committee=meeting.committee, name="Mr J R Bullock, MBE", role="vice_chairman")
    CommitteeMemberFactory(committee=meeting.committee, party="Conservative", name="", vacant=True)
    CommitteeMemberFactory(committee=meeting.committee, party="Liberal Democrat", name="Mrs T Dean")
    for title in ("Introduction/Webcast announcement", "Substitutes"):
        AgendaItemFactory(meeting=meeting, section="A", title=title)
    minutes = AgendaItemFactory(meeting=meeting, section="A", title="Minutes of the meeting held on 22 November 2012")
    services.paper_upload(
        item=minutes,
        title="Minutes of 22 November 2012",
        upload=SimpleUploadedFile("minutes.pdf", pdf_bytes("MINUTES page one", "page two", "page three")),
    )
    plans = AgendaItemFactory(meeting=meeting, section="B", title="Annual Business Plans", decision_number="12/01971")
    CoverReportFactory(item=plans, title="Business Planning 2013/14 - Substantive Draft Plans")
    bench = AgendaItemFactory(meeting=meeting, section="C", title="Performance Benchmarking")
    CoverReportFactory(item=bench)
    exempt = AgendaItemFactory(
        meeting=meeting,
        section="E",
        title=f"Broadband contract award {CANARY}",
        decision_number="12/02003",
        exempt=True,
        exempt_paragraph=3,
        public_title="Kent and Medway Broadband Delivery UK (BDUK) Project",
    )
    CoverReportFactory(
        item=exempt,
        title=f"Contract award {CANARY}",
        summary=f"The bidder is {CANARY}.",
        body="# Tender\n\n" + "\n\n".join(f"Confidential paragraph {n} about {CANARY}." for n in range(60)),
    )
    services.paper_upload(
        item=exempt,
        title=f"Tender evaluation {CANARY}",
        upload=SimpleUploadedFile("tender.pdf", pdf_bytes(f"TENDER {CANARY}")),
    )
    return meeting
