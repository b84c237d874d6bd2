"""The site's home page, "My work" (included at ``/`` by ``kcc_planning.urls``)."""

from django.urls import path

from .views import my_work

app_name = "home"

urlpatterns = [path("", my_work.my_work, name="my_work")]
