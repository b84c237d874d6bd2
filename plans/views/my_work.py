"""The home page: what needs the signed-in person, from every app (``plans.work``)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from ..work import my_work as read_my_work


@login_required
def my_work(request):
    groups = read_my_work(user=request.user, today=timezone.localdate())
    return render(
        request,
        "plans/my_work.html",
        {"groups": groups, "to_do": sum(len(group.entries) for group in groups)},
    )
