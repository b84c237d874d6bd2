"""``python manage.py roll_forward_plan <plan-id> --to 2018-19 [--successor <unit>]``: next year's draft from this plan.

The same service as the "Start next year's plan from this one" page, in one transaction. When the unit
continues as several units next year, ``--successor`` names the one (its id or its name); without it the
command lists them and stops.
"""

from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from ...models import Plan
from ...rollforward import (
    RollForwardError,
    RollForwardExists,
    SuccessorChoiceNeeded,
    plan_roll_forward,
    plan_year_for,
    unit_label,
)
from ...selectors import plan_get


def _address(plan: Plan) -> str:
    return reverse("plans:plan_overview", args=[plan.pk])


class Command(BaseCommand):
    help = "Start next year's draft plan from an approved plan, carrying its unfinished work, risks and KPIs."

    def add_arguments(self, parser):
        parser.add_argument("plan_id", type=int, help="The approved plan's id (as in /plans/<id>/).")
        parser.add_argument("--to", required=True, dest="plan_year", help="The new plan's year, e.g. 2018-19.")
        parser.add_argument(
            "--successor",
            default="",
            help="When the unit continues as several: the one the new plan is for (id or name).",
        )

    def handle(self, *args, plan_id: int, plan_year: str, successor: str, **options):
        try:
            plan = plan_get(plan_id=plan_id)
        except Plan.DoesNotExist:
            raise CommandError(f"There is no plan with id {plan_id}.") from None
        try:
            result = plan_roll_forward(plan=plan, plan_year=plan_year_for(plan_year), successor=successor)
        except SuccessorChoiceNeeded as error:
            choices = "\n".join(f"  --successor {unit.pk}   {unit_label(unit)}" for unit in error.candidates)
            raise CommandError(f"{error.message}\n{choices}") from None
        except RollForwardExists as error:
            raise CommandError(f"{error.message} It is plan {error.existing.pk}: {_address(error.existing)}") from None
        except RollForwardError as error:
            raise CommandError(error.message) from None
        new = result.plan
        self.stdout.write(self.style.SUCCESS(f"Started plan {new.pk}: {new.title}, {new.unit_name} ({_address(new)})"))
        for line in result.summary:
            self.stdout.write(f"  {line}")
