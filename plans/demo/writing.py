"""What the plan loaders share: the result of loading a plan, and running services with readable errors."""

from collections.abc import Callable
from dataclasses import dataclass, field

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
