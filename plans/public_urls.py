"""Public plan pages, no sign-in needed (included under ``public/``)."""

from django.urls import path

from .views import public

app_name = "public"

urlpatterns = [
    path("plans/", public.plan_list, name="plan_list"),
    path("plans/<int:plan_id>/", public.plan_detail, name="plan_detail"),
    path("plans/<int:plan_id>/pdf/", public.plan_pdf, name="plan_pdf"),
]
