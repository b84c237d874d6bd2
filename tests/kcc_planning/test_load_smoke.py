"""The load test's locustfile works (issue 14, "Load"; docs/benchmarks.md): a few seconds of it, not the benchmark.

The same set-up as ``benchmarks/bench_load.py`` (migrate, demo, a plan of many actions, users of each role, a
published meeting, static files collected) on an SQLite file in a temporary folder, one gunicorn worker with the
production settings on a free loopback port, and locust headless with 2 users and almost no think time.
"""

import importlib.util
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PAGES = {
    "sign-in page",
    "sign in (POST)",
    "plan read view",
    "risk register",
    "performance dashboard",
    "public meeting page",
}


def _bench_load():
    spec = importlib.util.spec_from_file_location("bench_load", ROOT / "benchmarks" / "bench_load.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not (Path(sys.executable).parent / "locust").exists(), reason="locust (a dev dependency) absent")
def test_every_page_of_the_load_test_answers_without_a_failure(tmp_path):
    """Two users sign in with their CSRF token and open every page of the mix for a few seconds; locust stops by
    itself and records no failure (a wrong status, a redirect to the sign-in page or a cut-off page)."""
    bench = _bench_load()
    env = bench.server_env(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite3'}")
    ids = bench.prepare(env, actions=30, users_per_role=1)
    ids["LOAD_WAIT"] = "0,0.1"
    with bench.gunicorn(env, workers=1, log=tmp_path / "gunicorn.log") as (base, _pid):
        rows = bench.run_locust(base, ids, users=2, run_time=6, prefix=tmp_path / "smoke", spawn_rate=10)
    assert set(rows) >= PAGES, f"pages never requested: {PAGES - set(rows)}"
    failures = {name: row["Failure Count"] for name, row in rows.items() if row["Failure Count"] != "0"}
    assert failures == {}, (tmp_path / "smoke_failures.csv").read_text()
    assert all(int(rows[name]["Request Count"]) > 0 for name in PAGES)
