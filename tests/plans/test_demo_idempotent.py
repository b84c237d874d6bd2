"""``load_demo`` tells the truth: a second load changes nothing, and what it loads is dated as the seeds date it.

``make run`` loads the demo every time, so a second load must keep officers' edits (and change no row
at all), put back only the demo's missing paper files, and the committee snapshots must carry the dates
the seeds give (papers out on Friday 28 December 2012; the 2017-18 final draft for 23 February 2017).
"""

import datetime
import hashlib
import json
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from committees.models import Meeting, Paper
from committees.packs.builder import PackError, build_packs
from documents import storage
from performance.models import Kpi
from plans.demo import demo_load
from plans.models import NarrativeBlock, Plan, PlanKind, PlanSnapshot, SnapshotKind
from plans.versions import plan_document_data
from risks.models import Risk

pytestmark = pytest.mark.django_db

MINUTES = "Minutes of the meeting held on 22 November 2012"


def _digest() -> dict[str, str]:
    """Every row of every table, hashed per model: any insert, update or delete shows."""
    digests = {}
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        rows = model._base_manager.order_by("pk").values_list()
        digests[model._meta.label] = hashlib.sha256(repr(list(rows)).encode()).hexdigest()
    return digests


def _minutes() -> Paper:
    return Paper.objects.get(item__title=MINUTES, kind="upload")


def test_the_first_load_loads_everything_and_the_second_changes_no_row():
    """An empty database gets plans, risks, KPIs, the meeting and snapshots; loading again changes no table."""
    demo_load()
    assert Plan.objects.count() == 3
    assert Risk.objects.exists()
    assert Kpi.objects.count() > 40
    # 8 January 2013 with its pack, and 22 November 2012 whose minutes it agreed (issue 13).
    assert sorted(Meeting.objects.values_list("date", flat=True)) == [
        datetime.date(2012, 11, 22),
        datetime.date(2013, 1, 8),
    ]
    # The three plans as the seeds' committees saw them, and Governance and Law's final plan sent for its Key
    # Decision in March 2013 (fixtures/approval_*.json): it and the 2017-18 plan are then approved.
    assert PlanSnapshot.objects.filter(kind=SnapshotKind.COMMITTEE).count() == 4
    assert PlanSnapshot.objects.filter(kind=SnapshotKind.APPROVED).count() == 2
    first = _digest()

    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115 - the command's own output

    assert _digest() == first


def test_officers_edits_to_demo_kpis_and_narrative_survive_another_load():
    """A KPI target and a narrative block changed after the first load are kept by the second."""
    demo_load(with_users=False)
    kpi = Kpi.objects.filter(polarity="higher", target__isnull=False).exclude(reference="").order_by("pk").first()
    raised = kpi.target + Decimal("1")  # a higher target stays no worse than the floor
    Kpi.objects.filter(pk=kpi.pk).update(target=raised, description="Edited by an officer")
    block = NarrativeBlock.objects.order_by("pk").first()
    NarrativeBlock.objects.filter(pk=block.pk).update(body="Rewritten by the officer.")

    demo_load(with_users=False)

    kpi.refresh_from_db()
    block.refresh_from_db()
    assert (kpi.target, kpi.description) == (raised, "Edited by an officer")
    assert block.body == "Rewritten by the officer."
    assert Kpi.objects.filter(plan=kpi.plan, reference=kpi.reference).count() == 1


def test_a_missing_demo_paper_is_named_by_the_build_and_put_back_by_the_next_load():
    """Storage restored without the minutes' file: the pack build names the paper; ``load_demo`` writes the same
    bytes back (same checksum) and touches nothing else."""
    demo_load(with_users=False)
    minutes = _minutes()
    path = storage.verified_path(name=minutes.file_name, checksum=minutes.checksum)
    assert path is not None
    path.unlink()
    meeting = minutes.item.meeting
    with pytest.raises(PackError, match=r"the uploaded paper '.*22 November 2012.*' is missing or damaged"):
        build_packs(meeting_id=meeting.pk, published_on=datetime.date(2012, 12, 28))
    before = _digest()

    demo_load(with_users=False)

    assert storage.verified_path(name=minutes.file_name, checksum=minutes.checksum) is not None
    assert _digest() == before


def test_committee_snapshots_carry_the_seed_dates_and_the_whole_loaded_plan():
    """The 2013-14 plans were sent with the papers of 28 December 2012; the 2017-18 final draft with those for
    23 February 2017 (out by 15 February). Each snapshot is the plan as fully loaded, risks and KPIs included."""
    demo_load(with_users=False)
    snapshots = PlanSnapshot.objects.filter(kind=SnapshotKind.COMMITTEE).select_related("plan")
    dates = {
        snapshot.plan.division.name if snapshot.plan.division_id else snapshot.plan.directorate.name: (
            timezone.localtime(snapshot.taken_at).date()
        )
        for snapshot in snapshots
    }
    assert dates == {
        "Human Resources": datetime.date(2012, 12, 28),
        "Governance & Law": datetime.date(2012, 12, 28),
        "Strategic and Corporate Services": datetime.date(2017, 2, 15),
    }
    for snapshot in snapshots:
        # Taken after the other apps' demo data: freezing the plan now gives the same document.
        assert snapshot.document == plan_document_data(plan=snapshot.plan)
    directorate_plan = Plan.objects.get(kind=PlanKind.DIRECTORATE)
    assert directorate_plan.status == "with_committee"


def test_an_approved_demo_plan_no_longer_says_final_draft():
    """The 2017-18 plan is "Final draft for Cabinet Committee, 23rd February 2017" as the committee saw it; the demo
    lead approves it after the meeting, and neither the plan nor its approved snapshot says so any more."""
    demo_load()
    plan = Plan.objects.get(kind=PlanKind.DIRECTORATE)

    assert plan.status == "approved"
    assert plan.status_note == ""
    approval = plan.transitions.get(name="approve")
    assert (approval.actor.username, approval.decided_on) == ("scs_lead", datetime.date(2017, 3, 28))
    committee = plan.snapshots.get(kind=SnapshotKind.COMMITTEE)
    assert "Final draft for Cabinet Committee" in json.dumps(committee.document)
    approved = plan.snapshots.get(kind=SnapshotKind.APPROVED)
    assert "Final draft" not in json.dumps(approved.document)
