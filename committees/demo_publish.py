"""The demo's 8 January 2013 agenda, published as it was on Friday 28 December 2012 (seed 001's front sheet).

Building the seed's pack renders every paper (about a minute), so it happens once: a meeting with a published
pack is left as it is. The build runs here, in the loading process, whatever the broker: ``make run`` then opens
on a published meeting with its public pack and its papers one by one. The test settings switch it off
(``DEMO_PUBLISH_PACK``), so tests that load the demo do not each render the pack; the tests of this module turn
it on.
"""

from __future__ import annotations

import datetime

from django.conf import settings

from .models import BuildStatus, Meeting, PackBuild
from .services.packs import pack_build_run
from .services.publication import pack_publish

PUBLISHED_ON = datetime.date(2012, 12, 28)


def load(*, meeting: Meeting, stdout=None) -> PackBuild | None:
    if not getattr(settings, "DEMO_PUBLISH_PACK", True):
        return None
    published = meeting.pack_builds.filter(supplement__isnull=True, published_at__isnull=False).first()
    if published is not None:
        return published
    if stdout is not None:
        stdout.write(f"Building the agenda pack of {meeting} to publish it as on 28 December 2012 (about a minute)...")
    # Made here rather than through pack_build_request, which would also send it to a worker: the demo wants it
    # built and published before the loader returns.
    build = PackBuild.objects.create(meeting=meeting, published_on=PUBLISHED_ON)
    build = pack_build_run(build_id=build.pk)
    if build is None or build.status != BuildStatus.DONE:
        if stdout is not None:
            stdout.write(
                f"  Note: the demo pack was not built ({build.error if build else 'no build'}); "
                "build it from the meeting page."
            )
        return None
    build = pack_publish(build=build, published_by=None, change_note="")
    if stdout is not None:
        stdout.write(f"Published the agenda pack of {meeting} (version {build.version}).")
    return build
