from django.urls import path

from .views import agenda, decisions, forward_plan_links, meetings, minutes, notices, packs, supplements

app_name = "committees"

urlpatterns = [
    path("meetings/", meetings.meeting_list, name="meeting_list"),
    path("meetings/new/", meetings.meeting_create, name="meeting_create"),
    path("meetings/<int:meeting_id>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:meeting_id>/items/new/", agenda.item_create, name="item_create"),
    path("meetings/<int:meeting_id>/items/<int:item_id>/", agenda.item_edit, name="item_edit"),
    path("meetings/<int:meeting_id>/items/<int:item_id>/move/", agenda.item_move, name="item_move"),
    path("meetings/<int:meeting_id>/items/<int:item_id>/delete/", agenda.item_delete, name="item_delete"),
    path("meetings/<int:meeting_id>/sections/<str:section>/order/", agenda.section_reorder, name="section_reorder"),
    path("meetings/<int:meeting_id>/items/<int:item_id>/report/", agenda.report_create, name="report_create"),
    path("meetings/<int:meeting_id>/items/<int:item_id>/upload/", agenda.paper_upload, name="paper_upload"),
    path("meetings/<int:meeting_id>/papers/<int:paper_id>/", agenda.paper_detail, name="paper_detail"),
    path("meetings/<int:meeting_id>/papers/<int:paper_id>/edit/", agenda.report_edit, name="report_edit"),
    path("meetings/<int:meeting_id>/papers/<int:paper_id>/delete/", agenda.paper_delete, name="paper_delete"),
    path("meetings/<int:meeting_id>/papers/<int:paper_id>/file/", agenda.paper_file, name="paper_file"),
    path(
        "meetings/<int:meeting_id>/appendices/<int:appendix_id>/delete/", agenda.appendix_delete, name="appendix_delete"
    ),
    path("meetings/<int:meeting_id>/packs/", packs.pack_build, name="pack_build"),
    path("meetings/<int:meeting_id>/packs/<uuid:build_id>/", packs.pack_build_status, name="pack_build_status"),
    path("meetings/<int:meeting_id>/packs/<uuid:build_id>/publish/", packs.pack_publish, name="pack_publish"),
    path(
        "meetings/<int:meeting_id>/packs/<uuid:build_id>/<str:visibility>.pdf",
        packs.pack_download,
        name="pack_download",
    ),
    # Supplementary packs (issue 13): built, followed, published and downloaded as packs, by the URLs above.
    path("meetings/<int:meeting_id>/supplements/new/", supplements.supplement_create, name="supplement_create"),
    path(
        "meetings/<int:meeting_id>/supplements/<int:number>/build/",
        supplements.supplement_rebuild,
        name="supplement_rebuild",
    ),
    # The decision cycle around the agenda (issue 13): the Forward Plan, decisions and call-in.
    path("forward-plan/", decisions.forward_plan, name="forward_plan"),
    path("forward-plan/publish/", decisions.forward_plan_publish, name="forward_plan_publish"),
    path("forward-plan/new/", decisions.entry_edit, name="entry_create"),
    path("forward-plan/<int:entry_id>/", decisions.entry_edit, name="entry_edit"),
    # A plan's key decision put in the Forward Plan: a new entry from it, or a link to an existing one.
    path(
        "forward-plan/key-decisions/<int:key_decision_id>/add/",
        forward_plan_links.key_decision_add,
        name="key_decision_add",
    ),
    path(
        "forward-plan/key-decisions/<int:key_decision_id>/link/",
        forward_plan_links.key_decision_link,
        name="key_decision_link",
    ),
    path("decisions/", decisions.decision_list, name="decision_list"),
    path("decisions/new/", decisions.decision_edit, name="decision_create"),
    path("decisions/<int:decision_id>/", decisions.decision_detail, name="decision_detail"),
    path("decisions/<int:decision_id>/edit/", decisions.decision_edit, name="decision_edit"),
    path("decisions/<int:decision_id>/publish/", decisions.decision_publish, name="decision_publish"),
    path("decisions/<int:decision_id>/call-in/", decisions.call_in_add, name="call_in_add"),
    path(
        "decisions/<int:decision_id>/call-in/<int:call_in_id>/resolve/",
        decisions.call_in_resolve,
        name="call_in_resolve",
    ),
    # Minutes of a meeting (issue 13).
    path("meetings/<int:meeting_id>/minutes/", minutes.minutes_detail, name="minutes_detail"),
    path("meetings/<int:meeting_id>/minutes/start/", minutes.minutes_start, name="minutes_start"),
    path("meetings/<int:meeting_id>/minutes/attendance/", minutes.attendance_add, name="attendance_add"),
    path(
        "meetings/<int:meeting_id>/minutes/attendance/<int:row_id>/",
        minutes.attendance_mark,
        name="attendance_mark",
    ),
    path("meetings/<int:meeting_id>/minutes/declarations/", minutes.declaration_add, name="declaration_add"),
    path("meetings/<int:meeting_id>/minutes/entries/", minutes.minute_add, name="minute_add"),
    path("meetings/<int:meeting_id>/minutes/entries/<int:minute_id>/", minutes.minute_edit, name="minute_edit"),
    path(
        "meetings/<int:meeting_id>/minutes/entries/<int:minute_id>/corrections/",
        minutes.correction_add,
        name="correction_add",
    ),
    path("meetings/<int:meeting_id>/minutes/publish/", minutes.minutes_publish, name="minutes_publish"),
    path("meetings/<int:meeting_id>/minutes/confirm/", minutes.minutes_confirm, name="minutes_confirm"),
    # Notices of a meeting held partly in private (regulation 5).
    path("meetings/<int:meeting_id>/notices/", notices.notices, name="notices"),
    path(
        "meetings/<int:meeting_id>/notices/<int:notice_id>/representations/",
        notices.notice_representations,
        name="notice_representations",
    ),
]
