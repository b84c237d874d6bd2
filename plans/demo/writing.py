"""What the plan loaders share: the result of loading a plan, and running services with readable errors."""

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps

from ..models import Plan
from ..services import RowInput, TableValidationError
from .files import Node


@dataclass
class PlanLoad:
    """What happened to one plan file."""

    plan: Plan
    loaded: bool
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def service_call(node: Node, service, **kwargs):
    """Run a service; its validation errors become one message naming the file entry."""
    try:
        return service(**kwargs)
    except TableValidationError as error:
        raise node.fail(f"refused by the app ({error})") from error


def new_rows(nodes: list[Node], values: Callable[[Node], dict]) -> list[RowInput]:
    return [RowInput(id=None, values=values(node)) for node in nodes]


def app_demo_functions(name: str) -> list[tuple[str, Callable]]:
    """``name`` from each other installed app's ``demo`` module that has it, in INSTALLED_APPS order.

    ``plans`` may not import the apps above it; they offer their demo steps by name instead.
    """
    found = []
    for config in apps.get_app_configs():
        module = f"{config.name}.demo"
        if config.name == "plans" or importlib.util.find_spec(module) is None:
            continue
        function = getattr(importlib.import_module(module), name, None)
        if callable(function):
            found.append((config.label, function))
    return found
