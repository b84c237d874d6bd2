"""Helper processes for tests and benchmarks (gunicorn, Celery workers, Node servers, Azurite): a free loopback
port, waiting until one answers, and stopping it for certain. No Django here, so benchmarks can use it too."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Callable


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on now (the OS picks it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(ready: Callable[[], bool], *, process: subprocess.Popen, timeout: float, what: str) -> None:
    """Poll ``ready()`` (connection errors count as not yet) until it is true; fail if ``process`` exits first or
    ``timeout`` seconds pass, naming ``what``."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if ready():
                return
        except OSError:
            pass
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode} before it was ready")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} was not ready within {timeout:g} s")
        time.sleep(0.1)


def stop(process: subprocess.Popen, *, timeout: float = 20) -> None:
    """Ask ``process`` to stop (SIGTERM: gunicorn and Celery finish what they are doing), kill it if it does not."""
    if process.poll() is None:
        process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
