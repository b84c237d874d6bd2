"""Public pages, no sign-in needed (included under ``public/``)."""

from django.urls import path

from .views import public

app_name = "public"

urlpatterns = [
    path("meetings/", public.meeting_list, name="meeting_list"),
    path("meetings/<int:meeting_id>/", public.meeting_detail, name="meeting_detail"),
    path("meetings/<int:meeting_id>/pack.pdf", public.pack_download, name="pack_download"),
    path("plans/", public.plan_list, name="plan_list"),
    path("plans/<int:plan_id>/", public.plan_detail, name="plan_detail"),
]
