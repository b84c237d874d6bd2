"""Reflow at 320 CSS pixels (WCAG 2.2 1.4.10): no page of the app scrolls sideways (issue 16 item 6).

Every page the permission matrix opens with a GET (and the public pages) is visited in Chromium, 320 px wide,
on the demo council's own data (long names, wide tables), signed in as an administrator who may see them all.
The document must not be wider than the window. The one exception WCAG allows is a data table: a table may
scroll inside its own region, and only if that region can be reached and named (role="region", an aria-label
and tabindex="0"). Each page is also checked with axe-core and the Nu HTML checker at that width.
"""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from committees.models import AgendaItem, Appendix, BuildStatus, Meeting, PackBuild, Paper, PaperKind
from documents.models import RenderJob, RenderStatus
from performance.models import ActivityIndicator, ActualImport, Kpi
from plans.models import KeyDecision, Plan
from plans.services.comments import comment_create
from risks.models import Register

from ..factories import UserFactory
from ..performance.factories import ActivityIndicatorFactory
from ..support.browser import sign_in
from .test_permission_matrix import MATRIX

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 320

# What scrolls sideways, and why it may or may not. Inside an allowed table region nothing more is reported.
OVERFLOW = """() => {
  const doc = document.documentElement;
  const width = doc.clientWidth;
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const allowed = el => el.getAttribute('role') === 'region' &&
      (el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby')) &&
      el.tabIndex === 0 && el.querySelector('table') !== null;
  const clips = el => ['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(el).overflowX);
  const problems = [];
  if (doc.scrollWidth > width) {
    problems.push(`the page is ${doc.scrollWidth}px wide`);
    const wide = [];
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.right <= width + 1) continue;
      let parent = el.parentElement, clipped = false;
      while (parent && parent !== document.body) {
        if (clips(parent)) { clipped = true; break; }
        parent = parent.parentElement;
      }
      if (!clipped) wide.push(`${name(el)} (${Math.round(box.right)}px)`);
    }
    problems.push(...wide.slice(-6));
  }
  for (const el of document.body.querySelectorAll('*')) {
    if (el.scrollWidth > el.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(el).overflowX)
        && !allowed(el)) {
      problems.push(`${name(el)} scrolls sideways but is not a named, focusable table region`);
    }
  }
  return problems;
}"""


def _demo_objects() -> dict:
    """The demo council, plus what the demo does not have: a comment, a finished render job, a published pack."""
    call_command("load_demo", stdout=io.StringIO())
    hr_plan = Plan.objects.get(division__name="Human Resources")
    snapshot = hr_plan.snapshots.order_by("-taken_at").first()
    admin = UserFactory(username="reflow_admin", is_superuser=True, is_staff=True)
    comment = comment_create(
        snapshot=snapshot, author=admin, section="priorities", row_key="", body="Is the workforce plan costed?"
    )
    # The BSS directorate register of December 2012 (the demo also holds SCS's of 2017, a shorter one).
    register = Register.objects.get(level="directorate", directorate__plan_year__start_year=2013)
    meeting = Meeting.objects.get(date=datetime.date(2013, 1, 8))
    item = AgendaItem.objects.filter(meeting=meeting, section="B").order_by("position").first()
    report = Paper.objects.filter(item__meeting=meeting, kind=PaperKind.COVER_REPORT, item__exempt=False).first()
    exempt_report = Paper.objects.filter(item__meeting=meeting, kind=PaperKind.COVER_REPORT, item__exempt=True).first()
    upload = Paper.objects.filter(item__meeting=meeting, kind=PaperKind.UPLOAD).first()
    ranges = {entry: [11, 162] for entry in ("A1", "A2", "A3", "A4", "B1", "B2", "C1", "C2", "D1", "E1")}
    build = PackBuild.objects.create(
        meeting=meeting,
        status=BuildStatus.DONE,
        progress=100,
        published_on=datetime.date(2012, 12, 21),
        published_at=datetime.datetime(2012, 12, 21, 9, tzinfo=datetime.UTC),
        version=1,
        ranges=ranges,
    )
    job = RenderJob.objects.create(
        subject=hr_plan, options={"renderer": "plan", "options": {}}, status=RenderStatus.RUNNING, progress=40
    )
    scs_plan = Plan.objects.get(directorate__name="Strategic and Corporate Services")
    key_decision = KeyDecision.objects.filter(priority__plan=hr_plan).first() or KeyDecision.objects.create(
        priority=hr_plan.priorities.order_by("position").first(), description="Adopt the revised HR operating model"
    )
    return {
        "plan": hr_plan.pk,
        "priority": hr_plan.priorities.order_by("position").first().pk,
        "snapshot": snapshot.pk,
        "comment": comment.pk,
        "register": register.pk,
        "risk": register.risks.order_by("pk").first().pk,
        "kpi": Kpi.objects.filter(plan=hr_plan).first().pk,
        "activity": (
            ActivityIndicator.objects.filter(plan=hr_plan).first() or ActivityIndicatorFactory(plan=hr_plan)
        ).pk,
        "held_import": ActualImport.objects.create(plan=hr_plan, uploaded_by=admin, file_name="actuals.xlsx").pk,
        "job": str(job.pk),
        "meeting": meeting.pk,
        "item": item.pk,
        "report": report.pk,
        "exempt_report": exempt_report.pk,
        "upload": upload.pk,
        "appendix": Appendix.objects.filter(paper__item__meeting=meeting).first().pk,
        "build": str(build.pk),
        "scs_plan": scs_plan.pk,
        "key_decision": key_decision.pk,
        "hr_register": Register.objects.get(division__name="Human Resources").pk,
    }


class Objects(dict):
    __getattr__ = dict.__getitem__


def _pages(objects: Objects) -> list[tuple[str, str]]:
    """(label, address) of every HTML page the matrix GETs, then the pages it does not list."""
    pages = []
    for view in MATRIX:
        if view.method != "get" or view.ok != 200 or "csv" in view.query:
            continue
        if any(word in view.url_name for word in ("export", "download", "paper_file")):
            continue
        pages.append((view.name, reverse(view.url_name, args=view.args(objects)) + view.query))
    pages += [
        ("SCS plan read view", reverse("plans:plan_read", args=[objects.scs_plan])),
        ("SCS indicators", reverse("performance:plan_indicators", args=[objects.scs_plan])),
        ("SCS dashboard", reverse("performance:dashboard", args=[objects.scs_plan])),
        (
            "HR register",
            reverse("risks:register_detail", args=[Register.objects.get(division__name="Human Resources").pk]),
        ),
        ("public meetings", reverse("committees_public:meeting_list")),
        ("public agenda", reverse("committees_public:meeting_detail", args=[objects.meeting])),
        ("public plans", reverse("public:plan_list")),
    ]
    return list(dict.fromkeys(pages))


def test_every_page_reflows_at_320_pixels(live_server, page, page_checker):
    objects = Objects(_demo_objects())
    page.set_viewport_size({"width": WIDTH, "height": 800})
    sign_in(page, live_server, "reflow_admin")
    failures = {}
    for label, address in _pages(objects):
        response = page.goto(live_server.url + address)
        if response is None or response.status >= 400:
            failures[f"{label} {address}"] = [f"status {response and response.status}"]
            continue
        problems = page.evaluate(OVERFLOW)
        # The public agenda's "Pages" column: each range stays on one line (issue 16 item 9).
        broken = page.locator(".council-page-range").evaluate_all(
            "els => els.filter(el => el.getClientRects().length > 1)"
        )
        problems += [f"{len(broken)} page ranges break across lines"] if broken else []
        try:
            page_checker.check(page, f"{label} at {WIDTH}px")
        except AssertionError as error:  # every page's problems in one report, not just the first page's
            problems.append(str(error))
        if problems:
            failures[f"{label} {address}"] = problems
    assert failures == {}, json.dumps(failures, indent=2, ensure_ascii=False)
