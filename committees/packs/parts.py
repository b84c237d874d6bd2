"""A pack's parts rendered by tasks of their own, on as many workers as there are (issue 15).

The build's first task stages the parts the part cache lacks (their HTML beside their cache entry) and sends one
task per part; each renders its part into the cache, and the last to finish sends the merge, which is the serial
build with every part a cache hit. The cache is keyed by what a part prints, so a part task redone after its worker
died, or a rebuild after one paper changed, renders only what is not there yet.
"""

from __future__ import annotations

from .builder import item_plans, meeting_for_pack
from .cache import PartCache


def parts_stage(*, meeting_id: int) -> tuple[int, list[str]]:
    """How many parts the packs have, and the keys of those staged for rendering (not in the cache yet), largest
    first: the largest part is the longest task, so it starts first and the merge waits on it least."""
    cache = PartCache()
    total = 0
    missing: dict[str, str] = {}
    for plan in item_plans(meeting_for_pack(meeting_id)):
        for source in plan.sources:
            total += 1
            if source.upload_name:
                continue  # placed when it was uploaded, and cached by its checksum; the merge places it otherwise
            key = cache.key(source.html)
            if key not in missing and not cache.has(key):
                missing[key] = source.html
    for html in missing.values():
        cache.stage(html)
    return total, sorted(missing, key=lambda key: -len(missing[key]))


def part_render(*, key: str) -> bool:
    """Render one staged part into the cache (``PartCache.render_staged``)."""
    return PartCache().render_staged(key)
