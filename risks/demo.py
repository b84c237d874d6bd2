"""Demo data for risk registers: the seeds' directorate registers and the 2013-14 plans' section E risks.

``load`` expects the 2013-14 organisation from ``python manage.py load_demo``
(plan year, Business Strategy & Support and its divisions); it looks them up
by name, creates people for risk owners as needed, and can be run any number
of times: risks already loaded are left alone.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings

from .services import register_import, section_e_data_import

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
REGISTER_FIXTURES = ("risks_bss_directorate_register_2012.json", "risks_scs_directorate_register_2017.json")
SECTION_E_FIXTURES = ("risks_section_e_2013_14.json",)


def _read(folder: Path, name: str) -> dict:
    return json.loads((folder / name).read_text(encoding="utf-8"))


def load(*, stdout=None, fixtures_dir: Path | None = None) -> None:
    folder = Path(fixtures_dir or FIXTURES)

    def say(message: str) -> None:
        if stdout is not None:
            stdout.write(message + "\n")

    for name in REGISTER_FIXTURES:
        register_import(data=_read(folder, name), say=say)
    for name in SECTION_E_FIXTURES:
        section_e_data_import(data=_read(folder, name), say=say)
