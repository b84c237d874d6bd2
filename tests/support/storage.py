"""Files put straight into private storage, as an earlier run of the app would have left them."""

import os
import time

from documents import storage

DAY = 24 * 3600


def stored(name: str, data: bytes = b"%PDF-1.7 test", *, age_days: float = 0) -> str:
    """Write a file into private storage, last written ``age_days`` ago; its name relative to private storage."""
    path = storage.root() / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    stamp = time.time() - age_days * DAY
    os.utime(path, (stamp, stamp))
    return name
