from django.urls import path

from .monitoring import views as monitoring_views
from .views import council, documents, editing, lists, progress, reading, review, rollforward

app_name = "plans"

urlpatterns = [
    path("", lists.plan_list, name="plan_list"),
    path("council/", council.council_page, name="council_view"),
    path("council/export.csv", council.council_export_csv, name="council_export_csv"),
    path("council/export.xlsx", council.council_export_xlsx, name="council_export_xlsx"),
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
    path("<int:plan_id>/progress/", progress.progress_index, name="progress"),
    path("<int:plan_id>/progress/<str:code>/", progress.progress_period, name="progress_period"),
    path("<int:plan_id>/monitoring/", monitoring_views.monitoring_report, name="monitoring_report"),
    path("<int:plan_id>/monitoring/pdf/", monitoring_views.monitoring_report_pdf, name="monitoring_report_pdf"),
    path("<int:plan_id>/roll-forward/", rollforward.plan_roll_forward_view, name="plan_roll_forward"),
]
