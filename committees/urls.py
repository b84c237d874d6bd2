from django.urls import path

from .views import agenda, meetings, packs

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
]
