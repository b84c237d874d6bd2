from django.urls import path

from .views import committees, documents, editing, lists, reading, review

app_name = "plans"

urlpatterns = [
    path("", lists.plan_list, name="plan_list"),
    path("<int:plan_id>/", reading.plan_overview, name="plan_overview"),
    path("<int:plan_id>/read/", reading.plan_read, name="plan_read"),
    path("<int:plan_id>/sections/<slug:slug>/", editing.section_edit, name="section_edit"),
    path("<int:plan_id>/priorities/<int:priority_id>/", editing.priority_edit, name="priority_edit"),
    path("<int:plan_id>/pdf/", documents.plan_pdf, name="plan_pdf"),
    path("<int:plan_id>/approval/", review.plan_workflow, name="plan_workflow"),
    path("<int:plan_id>/versions/", review.plan_history, name="plan_history"),
    path("<int:plan_id>/compare/", review.plan_compare, name="plan_compare"),
    path("<int:plan_id>/compare/pdf/", review.plan_compare_pdf, name="plan_compare_pdf"),
    path("<int:plan_id>/snapshots/<int:snapshot_id>/", review.snapshot_view, name="snapshot_view"),
    path("<int:plan_id>/snapshots/<int:snapshot_id>/comment/", review.comment_create, name="comment_create"),
    path("<int:plan_id>/comments/<int:comment_id>/", review.comment_respond, name="comment_respond"),
    path("<int:plan_id>/audit/", review.plan_audit, name="plan_audit"),
    path("jobs/<uuid:job_id>/", documents.render_job_status, name="render_job_status"),
    path("jobs/<uuid:job_id>/download/", documents.render_job_download, name="render_job_download"),
    # Committee meetings, agendas, papers and packs (plans/views/committees.py).
    path("meetings/", committees.meeting_list, name="meeting_list"),
    path("meetings/new/", committees.meeting_create, name="meeting_create"),
    path("meetings/<int:meeting_id>/", committees.meeting_detail, name="meeting_detail"),
    path("meetings/<int:meeting_id>/items/new/", committees.item_create, name="item_create"),
    path("meetings/<int:meeting_id>/items/<int:item_id>/", committees.item_edit, name="item_edit"),
    path("meetings/<int:meeting_id>/items/<int:item_id>/move/", committees.item_move, name="item_move"),
    path("meetings/<int:meeting_id>/items/<int:item_id>/delete/", committees.item_delete, name="item_delete"),
    path("meetings/<int:meeting_id>/sections/<str:section>/order/", committees.section_reorder, name="section_reorder"),
    path("meetings/<int:meeting_id>/items/<int:item_id>/report/", committees.report_create, name="report_create"),
    path("meetings/<int:meeting_id>/items/<int:item_id>/upload/", committees.paper_upload, name="paper_upload"),
    path("meetings/<int:meeting_id>/papers/<int:paper_id>/", committees.paper_detail, name="paper_detail"),
    path("meetings/<int:meeting_id>/papers/<int:paper_id>/edit/", committees.report_edit, name="report_edit"),
    path("meetings/<int:meeting_id>/papers/<int:paper_id>/delete/", committees.paper_delete, name="paper_delete"),
    path("meetings/<int:meeting_id>/papers/<int:paper_id>/file/", committees.paper_file, name="paper_file"),
    path(
        "meetings/<int:meeting_id>/appendices/<int:appendix_id>/delete/",
        committees.appendix_delete,
        name="appendix_delete",
    ),
    path("meetings/<int:meeting_id>/packs/", committees.pack_build, name="pack_build"),
    path("meetings/<int:meeting_id>/packs/<uuid:build_id>/", committees.pack_build_status, name="pack_build_status"),
    path("meetings/<int:meeting_id>/packs/<uuid:build_id>/publish/", committees.pack_publish, name="pack_publish"),
    path(
        "meetings/<int:meeting_id>/packs/<uuid:build_id>/<str:visibility>.pdf",
        committees.pack_download,
        name="pack_download",
    ),
]
