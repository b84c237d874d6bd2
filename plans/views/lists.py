from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from ..models import PlanYear
from ..selectors import plan_list as select_plans


@login_required
def plan_list(request):
    """All plans, newest year first, grouped by year."""
    years = list(PlanYear.objects.all())
    plans = list(select_plans())
    by_year = [(year, [p for p in plans if p.directorate.plan_year_id == year.id]) for year in years]
    return render(request, "plans/plan_list.html", {"plans_by_year": [(y, ps) for y, ps in by_year if ps]})
