"""Run in a separate process by ``test_app_split.py``: seed a database, or describe it as JSON.

``seed`` adds what the demo has no row of (a finished render job and a published pack build, each
with its file in private storage). ``describe`` reads every table through plain SQL (so it works
before and after the split, whatever the tables are called) and every stored file's checksum.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import sys
from pathlib import Path

import django

MOVED = {
    "committee": "committees",
    "committeemember": "committees",
    "meeting": "committees",
    "agendaitem": "committees",
    "paper": "committees",
    "appendix": "committees",
    "packbuild": "committees",
    "packfile": "committees",
    "renderjob": "documents",
}
# Content types change app by design; the migration records and sessions are not data.
SKIPPED = {"django_migrations", "django_content_type", "django_session"}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def seed() -> None:
    """A finished render job and a published pack build with real files, written as the app writes them."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from committees.models import BuildStatus, Meeting, PackBuild, PackFile, Visibility
    from committees.services import packs_folder
    from documents.models import RenderJob, RenderStatus
    from documents.storage import jobs_folder, root, write_atomically
    from plans.models import Plan

    plan = Plan.objects.order_by("pk").first()
    data = b"%PDF-1.7\n% a finished render job\n"
    write_atomically(jobs_folder(), "seeded-job.pdf", data)
    RenderJob.objects.create(
        subject_type=ContentType.objects.get_for_model(Plan),
        subject_id=plan.pk,
        options={"renderer": "plan", "options": {}},
        status=RenderStatus.DONE,
        progress=100,
        file_name=f"{jobs_folder().relative_to(root())}/seeded-job.pdf",
        checksum=hashlib.sha256(data).hexdigest(),
        page_count=1,
    )
    meeting = Meeting.objects.order_by("pk").first()
    now = timezone.now()
    build = PackBuild.objects.create(
        meeting=meeting,
        status=BuildStatus.DONE,
        progress=100,
        ranges={"A1": [1, 1]},
        finished_at=now,
        published_at=now,
        published_on=datetime.date(2012, 12, 28),
        version=1,
    )
    for visibility in Visibility:
        body = f"%PDF-1.7\n% {visibility} pack\n".encode()
        name = f"seeded-{build.pk}-{visibility}.pdf"
        write_atomically(packs_folder(), name, body)
        PackFile.objects.create(
            build=build,
            visibility=visibility,
            file_name=f"{packs_folder().relative_to(root())}/{name}",
            checksum=hashlib.sha256(body).hexdigest(),
            page_count=1,
            size=len(body),
        )


def forget_new_apps() -> None:
    """Make the database exactly one from before the split: no content types (and so no permissions)
    for apps that did not exist then. Migrating backwards leaves some, made by post_migrate while
    the database stood between the two layouts."""
    from django.db import connection, transaction

    # Plain SQL: the models' tables have their old names at this point, so the ORM's cascade cannot run.
    labels = sorted(set(MOVED.values()))
    marks = ", ".join(["%s"] * len(labels))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM auth_permission WHERE content_type_id IN "  # noqa: S608
            f"(SELECT id FROM django_content_type WHERE app_label IN ({marks}))",
            labels,
        )
        cursor.execute(f"DELETE FROM django_content_type WHERE app_label IN ({marks})", labels)  # noqa: S608


def describe() -> dict:
    """Row counts and a digest of every row of every table; checksums of every stored file."""
    from django.conf import settings
    from django.db import connection

    tables = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            if table in SKIPPED:
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)} ORDER BY 1")  # noqa: S608
            rows = cursor.fetchall()
            digest = hashlib.sha256(json.dumps([[str(v) for v in row] for row in rows]).encode()).hexdigest()
            tables[table] = {"rows": len(rows), "digest": digest}
        cursor.execute("SELECT id, app_label, model FROM django_content_type ORDER BY id")
        content_types = {f"{label}.{model}": ident for ident, label, model in cursor.fetchall()}
    storage = Path(settings.PRIVATE_STORAGE_ROOT)
    files = {
        str(path.relative_to(storage)): _sha256(path)
        for path in sorted(storage.rglob("*"))
        if path.is_file() and not path.name.startswith(".")
    }
    return {"tables": tables, "content_types": content_types, "files": files}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kcc_planning.settings")
    django.setup()
    command = sys.argv[1]
    if command == "seed":
        seed()
    elif command == "forget-new-apps":
        forget_new_apps()
    elif command == "describe":
        json.dump(describe(), sys.stdout)
    else:
        raise SystemExit(f"unknown command {command!r}")


if __name__ == "__main__":
    main()
