"""The project's URLs. Apps are included by name only, so this package imports none of them (layers: ADR 0005)."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from .moved import moved_to

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="plans:plan_list", permanent=False)),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("plans/", include("plans.urls")),
    path("risks/", include("risks.urls")),
    path("performance/", include("performance.urls")),
    path("committees/", include("committees.urls")),
    path("documents/", include("documents.urls")),
    # Published meetings, public packs and published plans: no sign-in.
    path("public/", include("plans.public_urls")),
    path("public/", include("committees.public_urls")),
    # Addresses from before committees and documents became apps of their own (ADR 0005).
    re_path(r"^plans/meetings/(?P<rest>.*)$", moved_to("/committees/meetings/")),
    re_path(r"^plans/jobs/(?P<rest>.*)$", moved_to("/documents/jobs/")),
]

# The 500 page shows the request id as the reference to quote (kcc_planning/logs.py).
handler500 = "kcc_planning.logs.server_error"
