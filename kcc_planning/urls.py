from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="plans:plan_list", permanent=False)),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("plans/", include("plans.urls")),
    path("risks/", include("risks.urls")),
    path("performance/", include("performance.urls")),
    # Published meetings, public packs and published plans: no sign-in (plans/public_urls.py).
    path("public/", include("plans.public_urls")),
]
