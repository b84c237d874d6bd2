from django.urls import path

from .views import lists

app_name = "plans"

urlpatterns = [
    path("", lists.plan_list, name="plan_list"),
]
