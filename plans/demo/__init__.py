"""The demo: organisation and plans transcribed from the seeds into ``fixtures/*.json``.

``demo_load`` reads every file first (so a broken file stops the load before
anything is written), then loads organisation files in year order and plan
files after them, then the other apps' demo data, all in one transaction.
Running it again changes nothing: organisation rows are matched by year and
name, and a plan that already exists is kept with any edits made in the demo
(plans are not deleted and reloaded: the append-only audit trail refers to them).

Other apps add their demo data (risk registers, indicators) to the plans
loaded here by providing ``<app>.demo.load(*, stdout, fixtures_dir)``; ``demo_load`` calls
each one after the plans in INSTALLED_APPS order (committees last: its meeting packs the
other apps' papers), so ``load_demo`` stays the single demo command. Last come the demo logins
and, by them, the year as the seeds date it: approvals (``approval_*.json``, through the path
to approval) and the officers' quarterly progress (``progress_*.json``).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.db import transaction

from .approval import approvals_demo_load
from .files import DemoDataError, Node, read_document, start_year
from .organisation import PeopleByName, organisation_load
from .plan_files import PLAN_DOCUMENTS, PlanLoad, plan_load
from .progress import progress_demo_load
from .users import DEMO_PASSWORD, DEMO_USERS, DemoUser, demo_users_create
from .writing import app_demo_functions

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"


class Writer(Protocol):
    def write(self, text: str) -> object: ...


@dataclass
class DemoResult:
    organisation_years: list[str] = field(default_factory=list)
    plans: list[PlanLoad] = field(default_factory=list)
    app_demos: list[str] = field(default_factory=list)
    users: list[DemoUser] = field(default_factory=list)


def _kind(document: Node) -> str:
    kind = document.text("document")
    if kind != "organisation" and kind not in PLAN_DOCUMENTS:
        raise document.fail(f"'document' must be organisation, {' or '.join(PLAN_DOCUMENTS)}, not {kind!r}")
    return kind


def app_demo_loaders() -> list[tuple[str, Callable]]:
    """``load`` from each other installed app's ``demo`` module, in INSTALLED_APPS order."""
    return app_demo_functions("load")


def _report(stdout: Writer | None, load: PlanLoad) -> None:
    if stdout is None:
        return
    name = f"{load.plan.title}: {load.plan.unit_name}"
    if load.loaded:
        counts = ", ".join(f"{count} {label}" for label, count in load.counts.items() if count)
        stdout.write(f"Loaded {name} ({counts}).")
    else:
        stdout.write(f"Kept {name}: already loaded (start from an empty database to load it afresh).")
    for note in load.notes:
        stdout.write(f"  Note: {note}.")


@transaction.atomic
def demo_load(
    *,
    fixtures_dir: Path = FIXTURES_DIR,
    with_users: bool = True,
    with_app_demos: bool = True,
    stdout: Writer | None = None,
) -> DemoResult:
    """Load every organisation and plan file in ``fixtures_dir``, the other apps' demos and the demo users."""
    folder = Path(fixtures_dir)
    # Other apps keep their own demo files in the same folder (e.g. risks_*.json); these are the plans app's.
    paths = sorted(folder.glob("organisation_*.json")) + sorted(folder.glob("plan_*.json"))
    if not paths:
        raise DemoDataError(f"no fixture files (organisation_*.json, plan_*.json) in {fixtures_dir}")
    documents = [read_document(path) for path in paths]
    kinds = [_kind(document) for document in documents]
    organisations = sorted(
        (document for document, kind in zip(documents, kinds, strict=True) if kind == "organisation"),
        key=start_year,
    )
    plans = [document for document, kind in zip(documents, kinds, strict=True) if kind != "organisation"]

    result = DemoResult()
    people = PeopleByName()
    for document in organisations:
        result.organisation_years.append(organisation_load(document=document, people=people).label)
    if stdout is not None:
        stdout.write(f"Organisation loaded for {', '.join(result.organisation_years)}.")
    for document in plans:
        result.plans.append(plan_load(document=document))
        _report(stdout, result.plans[-1])
    if with_app_demos:
        for label, load in app_demo_loaders():
            try:
                load(stdout=stdout, fixtures_dir=folder)
            except Exception as error:
                # Whatever went wrong, the transaction rolls back; say which app's demo data it was.
                raise DemoDataError(f"the {label} demo data ({type(error).__name__}: {error})") from error
            result.app_demos.append(label)
    if with_users:
        result.users = demo_users_create()
    # Then the year as the seeds date it, by the demo logins: approval after the committee (approval_*.json),
    # after the committee snapshots the other apps' demos took; and progress, which only an approved plan takes.
    approvals_demo_load(fixtures_dir=folder, app_edits=with_app_demos, stdout=stdout)
    progress_demo_load(fixtures_dir=folder, stdout=stdout)
    return result


__all__ = [
    "DEMO_PASSWORD",
    "DEMO_USERS",
    "FIXTURES_DIR",
    "DemoDataError",
    "DemoResult",
    "app_demo_loaders",
    "demo_load",
]
