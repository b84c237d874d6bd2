from django.urls import path

from .views import documents, editing, lists, reading

app_name = "plans"

urlpatterns = [
    path("", lists.plan_list, name="plan_list"),
    path("<int:plan_id>/", reading.plan_overview, name="plan_overview"),
    path("<int:plan_id>/read/", reading.plan_read, name="plan_read"),
    path("<int:plan_id>/sections/<slug:slug>/", editing.section_edit, name="section_edit"),
    path("<int:plan_id>/priorities/<int:priority_id>/", editing.priority_edit, name="priority_edit"),
    path("<int:plan_id>/pdf/", documents.plan_pdf, name="plan_pdf"),
    path("jobs/<uuid:job_id>/", documents.render_job_status, name="render_job_status"),
    path("jobs/<uuid:job_id>/download/", documents.render_job_download, name="render_job_download"),
]
