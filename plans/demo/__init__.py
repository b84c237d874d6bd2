"""The demo: organisation and plans transcribed from the seeds into ``fixtures/*.json``.

``demo_load`` reads every file first (so a broken file stops the load before
anything is written), then loads organisation files in year order and plan
files after them, all in one transaction. Running it again changes nothing:
organisation rows are matched by year and name, and a plan that already
exists is kept with any edits made in the demo (plans are not deleted and
reloaded: the append-only audit trail refers to them).
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction

from .files import DemoDataError, Node, read_document, start_year
from .organisation import PeopleByName, organisation_load
from .plan_files import PLAN_DOCUMENTS, PlanLoad, plan_load
from .users import DEMO_PASSWORD, DEMO_USERS, DemoUser, demo_users_create

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"


@dataclass
class DemoResult:
    organisation_years: list[str] = field(default_factory=list)
    plans: list[PlanLoad] = field(default_factory=list)
    users: list[DemoUser] = field(default_factory=list)


def _kind(document: Node) -> str:
    kind = document.text("document")
    if kind != "organisation" and kind not in PLAN_DOCUMENTS:
        raise document.fail(f"'document' must be organisation, {' or '.join(PLAN_DOCUMENTS)}, not {kind!r}")
    return kind


@transaction.atomic
def demo_load(*, fixtures_dir: Path = FIXTURES_DIR, with_users: bool = True) -> DemoResult:
    """Load every organisation and plan file in ``fixtures_dir`` (and the demo users unless ``with_users`` is False)."""
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
    for document in plans:
        result.plans.append(plan_load(document=document))
    if with_users:
        result.users = demo_users_create()
    return result


__all__ = ["DEMO_PASSWORD", "DEMO_USERS", "FIXTURES_DIR", "DemoDataError", "DemoResult", "demo_load"]
