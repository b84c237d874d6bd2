"""The project's URLs. Apps are included by name only, so this package imports none of them (layers: ADR 0005)."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path

from . import otp_views
from .accounts import PasswordResetConfirmView, PasswordResetDoneView, PasswordResetRequestView
from .moved import moved_to
from .oidc_views import SignOutView

urlpatterns = [
    # The home page is each person's "My work" (plans/work.py gathers it from every app).
    path("", include("plans.home_urls")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    # Signs out at the identity provider too when the session came from single sign-on (kcc_planning/oidc_views.py).
    path("accounts/logout/", SignOutView.as_view(), name="logout"),
    path("oidc/", include("kcc_planning.oidc_views")),
    # Local accounts: password reset by email and the TOTP second factor (docs/security.md, "Local accounts").
    path("accounts/password-reset/", PasswordResetRequestView.as_view(), name="password_reset"),
    path("accounts/password-reset/sent/", PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "accounts/password-reset/<uidb64>/<token>/",
        PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("accounts/two-factor/", otp_views.OTPSetupView.as_view(), name="otp_setup"),
    path("accounts/two-factor/verify/", otp_views.OTPVerifyView.as_view(), name="otp_verify"),
    path("accounts/two-factor/backup-codes/", otp_views.otp_backup_codes, name="otp_backup_codes"),
    path("admin/", admin.site.urls),
    path("plans/", include("plans.urls")),
    path("risks/", include("risks.urls")),
    path("performance/", include("performance.urls")),
    path("committees/", include("committees.urls")),
    path("documents/", include("documents.urls")),
    # Published meetings, public packs and published plans: no sign-in.
    path("public/", include("plans.public_urls")),
    path("public/", include("committees.public_urls")),
    # The open data API: read-only, no sign-in, rate-limited (ADR 0006).
    path("api/v1/", include("committees.api.urls")),
    # Addresses from before committees and documents became apps of their own (ADR 0005).
    re_path(r"^plans/meetings/(?P<rest>.*)$", moved_to("/committees/meetings/")),
    re_path(r"^plans/jobs/(?P<rest>.*)$", moved_to("/documents/jobs/")),
]

# The 500 page shows the request id as the reference to quote (kcc_planning/logs.py).
handler500 = "kcc_planning.logs.server_error"
