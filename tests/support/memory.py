"""Peak memory of this process over one piece of work, read from Linux's /proc (issue 11: bounded memory).

``ru_maxrss`` only ever grows, so it would report the largest thing any earlier test did. Writing 5 to
``/proc/self/clear_refs`` resets the kernel's high-water mark (``VmHWM``) to the current RSS, so the peak read
afterwards belongs to the work in between.
"""

import gc
from collections.abc import Callable
from pathlib import Path

MB = 1024 * 1024


def _status_bytes(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"/proc/self/status has no {field}")


def rss() -> int:
    """This process's resident memory now, in bytes."""
    return _status_bytes("VmRSS")


def peak_rss_during(work: Callable[[], object]) -> tuple[object, int]:
    """Run ``work()`` and return (its result, this process's peak RSS in bytes while it ran)."""
    gc.collect()
    Path("/proc/self/clear_refs").write_text("5")
    result = work()
    return result, _status_bytes("VmHWM")
