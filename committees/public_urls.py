"""Public meeting pages, no sign-in needed (included under ``public/``)."""

from django.urls import path

from .views import public

app_name = "committees_public"

urlpatterns = [
    path("meetings/", public.meeting_list, name="meeting_list"),
    path("meetings/<int:meeting_id>/", public.meeting_detail, name="meeting_detail"),
    path("meetings/<int:meeting_id>/pack.pdf", public.pack_download, name="pack_download"),
]
