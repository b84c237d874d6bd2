"""Long renders in the embedded default (no broker): one background thread of the web process.

With no ``REDIS_URL`` Celery runs tasks eagerly, in the request that sends them: a 30-second render held the
browser on a blank page for 30 seconds. With ``RENDER_IN_BACKGROUND_THREAD`` (on by default when there is no
broker) the request only records the job and queues it here; it answers at once with the job page, which polls
while this thread renders and updates the job row as it goes.

One daemon thread, so at most one render runs at a time: SQLite has one writer, and WeasyPrint is CPU-bound, so a
second thread would only slow both down. Renders asked for meanwhile wait in a bounded queue; when it is full the
work runs in the caller, as before. A render interrupted by the process stopping (``runserver`` reloading) stays
"running" until the job page says it was interrupted; asking again renders it again.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable

from django.conf import settings
from django.db import connections

logger = logging.getLogger(__name__)

MAX_WAITING = 50

_work: queue.Queue[tuple[str, Callable[[], object]]] = queue.Queue(maxsize=MAX_WAITING)
_thread: threading.Thread | None = None
_lock = threading.Lock()


def in_process() -> bool:
    """Whether queued work runs in this process (no broker: Celery's eager mode) rather than in a worker."""
    from celery import current_app

    return bool(current_app.conf.task_always_eager)


def enabled() -> bool:
    """Whether in-process work is handed to the background thread instead of running in the request."""
    return in_process() and bool(getattr(settings, "RENDER_IN_BACKGROUND_THREAD", False))


def submit(work: Callable[[], object], *, name: str) -> None:
    """Run ``work`` in the background thread (started if needed); in the caller if the queue is full."""
    try:
        _work.put_nowait((name, work))
    except queue.Full:
        logger.warning("Background queue full: %s runs in the request instead", name)
        _run(name, work)
        return
    _ensure_thread()


def wait_idle(timeout: float) -> bool:
    """Block until every submitted piece of work has finished (tests, shutdown); False if ``timeout`` passed."""
    done = threading.Event()

    def waiter() -> None:
        _work.join()
        done.set()

    threading.Thread(target=waiter, daemon=True).start()
    return done.wait(timeout)


def _ensure_thread() -> None:
    global _thread
    with _lock:
        if _thread is None or not _thread.is_alive():
            _thread = threading.Thread(target=_loop, name="kcc-background-renders", daemon=True)
            _thread.start()


def _loop() -> None:
    while True:
        name, work = _work.get()
        try:
            _run(name, work)
        finally:
            _work.task_done()


def _run(name: str, work: Callable[[], object]) -> None:
    try:
        work()
    except Exception:
        # The work records its own failure on its job; this only keeps the thread alive for the next one.
        logger.exception("Background work %s failed", name)
    finally:
        if threading.current_thread() is _thread:
            # The thread's own database connection: closed between jobs so SQLite's file is not held open.
            connections.close_all()
