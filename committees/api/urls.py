"""The open data API under ``api/v1/`` (no sign-in; read-only; ADR 0006)."""

from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView

from . import views

app_name = "api"

urlpatterns = [
    path("committees/", views.CommitteeList.as_view(), name="committee_list"),
    path("committees/<int:pk>/", views.CommitteeDetail.as_view(), name="committee_detail"),
    path("meetings/", views.MeetingList.as_view(), name="meeting_list"),
    path("meetings/<int:pk>/", views.MeetingDetail.as_view(), name="meeting_detail"),
    path("minutes/", views.MinutesList.as_view(), name="minutes_list"),
    path("minutes/<int:meeting_id>/", views.MinutesDetail.as_view(), name="minutes_detail"),
    path("decisions/", views.DecisionList.as_view(), name="decision_list"),
    path("decisions/<int:pk>/", views.DecisionDetail.as_view(), name="decision_detail"),
    path("forward-plan/", views.ForwardPlanCurrent.as_view(), name="forward_plan"),
    path("forward-plan/<int:number>/", views.ForwardPlanVersion.as_view(), name="forward_plan_version"),
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
]
