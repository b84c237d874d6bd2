"""Public meeting pages, no sign-in needed (included under ``public/``)."""

from django.urls import path

from . import feeds
from .views import minutes, notices, public, public_decisions, public_supplements

app_name = "committees_public"

urlpatterns = [
    path("meetings/", public.meeting_list, name="meeting_list"),
    path("meetings/<int:meeting_id>/", public.meeting_detail, name="meeting_detail"),
    path("meetings/<int:meeting_id>/pack.pdf", public.pack_download, name="pack_download"),
    # An item's number as printed (B1); a number the publication has no paper for is a 404.
    path("meetings/<int:meeting_id>/items/<str:number>.pdf", public.item_pdf, name="item_pdf"),
    path("meetings/<int:meeting_id>/items/<str:number>/papers/<int:position>/", public.paper_page, name="paper_page"),
    # Supplementary packs (issue 13): each published supplement's public version, and its public items' pages.
    path(
        "meetings/<int:meeting_id>/supplements/<int:number>.pdf",
        public_supplements.supplement_download,
        name="supplement_download",
    ),
    path(
        "meetings/<int:meeting_id>/supplements/<int:number>/items/<str:item>.pdf",
        public_supplements.supplement_item,
        name="supplement_item_pdf",
    ),
    # The decision cycle (issue 13): the Forward Plan as published and decision notices.
    path("forward-plan/", public_decisions.forward_plan, name="forward_plan"),
    path("forward-plan/<int:number>/", public_decisions.forward_plan_version, name="forward_plan_version"),
    path("decisions/", public_decisions.decision_list, name="decision_list"),
    path("decisions/<int:decision_id>/", public_decisions.decision_detail, name="decision_detail"),
    path("decisions/<int:decision_id>/notice.pdf", public_decisions.decision_notice_pdf, name="decision_pdf"),
    # Open feeds: each committee's meetings (iCalendar) and its published papers and decisions (Atom, RSS).
    path("committees/<int:committee_id>/meetings.ics", feeds.meetings_ical, name="meetings_ical"),
    path("committees/<int:committee_id>/papers.atom", feeds.papers_atom, name="papers_atom"),
    path("committees/<int:committee_id>/papers.rss", feeds.papers_rss, name="papers_rss"),
    path("meetings/<int:meeting_id>/minutes/", minutes.public_minutes, name="minutes"),
    path("meetings/<int:meeting_id>/notices/", notices.public_notices, name="notices"),
]
