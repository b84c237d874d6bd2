from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("jobs/<uuid:job_id>/", views.render_job_status, name="render_job_status"),
    path("jobs/<uuid:job_id>/download/", views.render_job_download, name="render_job_download"),
    path("word/<slug:key>/<int:subject_id>/", views.word_download, name="word_download"),
]
