"""A new, empty PostgreSQL database on a server, and how to drop it. No Django here, so benchmarks can use it."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from urllib.parse import urlsplit, urlunsplit


def new_database(server_url: str, *, prefix: str) -> tuple[str, Callable[[], None]]:
    """Create ``<prefix>_<random>`` on the server ``server_url`` names; (its URL, a function that drops it)."""
    import psycopg2

    url = urlsplit(server_url)
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = psycopg2.connect(urlunsplit(url._replace(path="/postgres")))
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()

    return urlunsplit(url._replace(path=f"/{name}")), drop
