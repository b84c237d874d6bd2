"""``import_risks`` loads register and section E files and refuses malformed ones without writing."""

import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from risks.models import Risk

pytestmark = pytest.mark.django_db

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


def test_import_risks_loads_both_formats_and_is_repeatable(bss_directorate):
    """The register file and the section E file load; loading them again adds nothing."""
    files = [str(FIXTURES / "risks_bss_directorate_register_2012.json"), str(FIXTURES / "risks_section_e_2013_14.json")]
    out = io.StringIO()
    call_command("import_risks", *files, stdout=out)
    assert Risk.objects.count() == 47
    call_command("import_risks", *files, stdout=out)
    assert Risk.objects.count() == 47
    assert "0 risks added, 6 already there" in out.getvalue()


def test_import_risks_refuses_malformed_files(bss_directorate, tmp_path):
    """Bad JSON, the wrong shape, or a risk without a title is a clear error and nothing is written."""
    bad_json = tmp_path / "bad.json"
    bad_json.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="cannot read it as JSON"):
        call_command("import_risks", str(bad_json))
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"hello": 1}), encoding="utf-8")
    with pytest.raises(CommandError, match="neither a register"):
        call_command("import_risks", str(other))
    data = json.loads((FIXTURES / "risks_bss_directorate_register_2012.json").read_text(encoding="utf-8"))
    del data["risks"][3]["title"]
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_risks", str(broken), stdout=io.StringIO())
    assert Risk.objects.count() == 0
