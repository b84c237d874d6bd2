"""The demo's minutes of 22 November 2012 (seed 001), agreed at the 8 January 2013 meeting.

Read from ``fixtures/minutes_2012_11_22.json`` (transcribed from the seed): the meeting and its agenda, attendance
(present, the substitute for Mrs T Dean, also present, officers in attendance), Mr Ridings's declaration, and
minutes 49-68 with their resolutions. The seed's public pack printed summaries of the exempt items F1-F5; here the
minutes of exempt items stay out of the public version, which is the app's rule unless a clerk decides otherwise.

Loading again changes nothing: minutes already there are kept as they are.
"""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

from plans.demo import FIXTURES_DIR
from plans.demo.files import DemoDataError

from . import services
from .models import AttendanceKind, Meeting, Minutes
from .selectors import agenda
from .services import minutes as minute_services

FIXTURE = "minutes_2012_11_22.json"
NAME_AND_TITLE = re.compile(r"^(?P<name>.+?)(?: \((?P<title>[^()]*)\))?$")


def _split(entry: str) -> tuple[str, str]:
    match = NAME_AND_TITLE.match(entry)
    return match["name"], match["title"] or ""


def _meeting(data: dict, january: Meeting) -> Meeting:
    spec = data["meeting"]
    date = datetime.date.fromisoformat(spec["date"])
    start = datetime.time.fromisoformat(spec["start_time"])
    existing = Meeting.objects.filter(committee=january.committee, date=date, start_time=start).first()
    if existing is not None:
        return existing
    meeting = services.meeting_create(
        values={
            "committee": january.committee,
            "date": date,
            "start_time": start,
            "venue": spec["venue"],
            **{
                name: getattr(january, name)
                for name in (
                    "clerk_name",
                    "clerk_telephone",
                    "signed_off_by",
                    "signed_off_title",
                    "signed_off_telephone",
                )
            },
        }
    )
    for section, title, *rest in data["items"]:
        number = rest[0] if rest else ""
        paragraph = rest[1] if len(rest) > 1 else None
        services.agenda_item_create(
            meeting=meeting,
            values={
                "section": section,
                "title": title,
                "decision_number": number,
                "exempt": paragraph is not None,
                "exempt_paragraph": paragraph,
                "public_title": title if paragraph is not None else "",
            },
        )
    return meeting


def _attendance(minutes: Minutes, data: dict) -> None:
    seats = {row.name: row for row in minutes.attendance.select_related("seat")}
    present = {}
    for entry in data["present"]:
        name, title = _split(entry)
        present[name] = title
    for name, row in seats.items():
        if name not in present:
            minute_services.attendance_mark(minutes=minutes, row=row, kind=AttendanceKind.APOLOGIES)
    members = {seat.name: seat for seat in minutes.meeting.committee.members.all()}
    for name, title in present.items():
        if name in seats:
            continue
        substitute = re.match(r"^Substitute for (?P<member>.+)$", title)
        values = {"kind": AttendanceKind.PRESENT, "name": name, "title": "" if substitute else title}
        if substitute and substitute["member"] in members:
            values["substitute_for"] = members[substitute["member"]]
        minute_services.attendance_add(minutes=minutes, values=values)
    for kind, key in ((AttendanceKind.ALSO_PRESENT, "also_present"), (AttendanceKind.IN_ATTENDANCE, "in_attendance")):
        for entry in data[key]:
            name, title = _split(entry)
            minute_services.attendance_add(minutes=minutes, values={"kind": kind, "name": name, "title": title})


def load(*, january: Meeting | None, stdout=None, fixtures_dir: Path | None = None) -> Minutes | None:
    path = Path(fixtures_dir or FIXTURES_DIR) / FIXTURE
    if january is None or not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        meeting = _meeting(data, january)
    except (KeyError, ValueError, json.JSONDecodeError) as error:
        raise DemoDataError(f"{FIXTURE}: {error}") from error
    existing = Minutes.objects.filter(meeting=meeting).first()
    if existing is not None:
        if stdout is not None:
            stdout.write(f"Kept the minutes of {meeting}: already loaded.")
        return existing
    minutes = minute_services.minutes_start(meeting=meeting)
    _attendance(minutes, data)
    items = {entry.number: entry.item for entry in agenda(meeting=meeting)}
    for declaration in data["declarations"]:
        minute_services.declaration_add(
            minutes=minutes,
            values={
                "member": declaration["member"],
                "item": items.get(declaration["item"]),
                "nature": declaration["nature"],
            },
        )
    for index, spec in enumerate(data["minutes"]):
        minute = minute_services.minute_add(
            minutes=minutes,
            values={
                "item": items.get(spec["item"]) if spec["item"] else None,
                "title": spec["title"],
                "body": spec["body"],
                "resolution": spec["resolution"],
            },
            first_number=spec["number"] if index == 0 else None,
        )
        if minute.number != spec["number"]:
            raise DemoDataError(f"{FIXTURE}: minute {spec['number']} would be numbered {minute.number}")
    minute_services.minutes_publish(minutes=minutes, published_on=datetime.date.fromisoformat(data["published_on"]))
    minutes = minute_services.minutes_confirm(minutes=minutes, at_meeting=january, signed_by=data["signed_by"])
    if stdout is not None:
        stdout.write(f"Loaded the minutes of {meeting} ({len(data['minutes'])} minutes), confirmed on 8 January 2013.")
    return minutes
