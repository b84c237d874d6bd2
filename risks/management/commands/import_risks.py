"""``python manage.py import_risks FILE.json [...]``: load registers or plans' section E risks.

Two formats, as in ``fixtures/``: a register (``"register"`` and ``"risks"``,
like ``risks_bss_directorate_register_2012.json``) or the risk/mitigation
tables of divisional plans (``"divisions"``, like ``risks_section_e_2013_14.json``).
Risks already in a register are kept as they are, so a file can be loaded again safely.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ...services import register_import, section_e_data_import


class Command(BaseCommand):
    help = "Import risk registers or 2013-14 plans' section E risk/mitigation tables from JSON files."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)

    def handle(self, *args, files: list[Path], **options):
        for path in files:
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
                raise CommandError(f"{path}: cannot read it as JSON ({error}).") from error
            if not isinstance(data, dict):
                raise CommandError(f"{path}: expected a JSON object.")
            try:
                if "register" in data and "risks" in data:
                    register_import(data=data, say=self.stdout.write)
                elif "divisions" in data:
                    section_e_data_import(data=data, say=self.stdout.write)
                else:
                    raise CommandError(f"{path}: neither a register ('register', 'risks') nor section E ('divisions').")
            except (KeyError, TypeError, ValueError) as error:
                raise CommandError(f"{path}: missing or malformed value ({error!r}); nothing was imported.") from error
