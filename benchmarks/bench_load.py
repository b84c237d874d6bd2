"""A bounded load test with locust against gunicorn and PostgreSQL (issue 14, "Load"; docs/benchmarks.md).

    .venv/bin/python benchmarks/bench_load.py                      # PostgreSQL at 127.0.0.1:5432 (or $DATABASE_URL's)
    .venv/bin/python benchmarks/bench_load.py --run-time 35 --users 10 --workers 2     # a shorter look

Creates a fresh PostgreSQL database, migrates it, builds the data (benchmarks/load_seed.py: the demo, a divisional
plan of 300 actions, users of each role with a known password, a publication record of the demo meeting) and
collects static files into a temporary folder. Then for 2 and 4 gunicorn workers (production settings, DEBUG off,
plain HTTP on a free loopback port) it runs ``benchmarks/locustfile.py`` headless for 10 and 50 users, each run
stopping by itself after ``--run-time`` seconds: users start over the first 20 s, then the statistics restart.
It prints a Markdown table and a JSON result: per page the requests per second, p50/p95/p99 and those as a ratio
to the sign-in page in the same run; beside them the CPU seconds the gunicorn processes used over the measured
window, locust's CPU seconds, and the load average. Nothing is written outside a temporary folder, and the
database is dropped at the end.

Locust runs on the same machine as the server and takes CPU from it: on a shared 2-core machine read the ratios
to the sign-in page rather than the milliseconds.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from tests.support.postgres import new_database  # noqa: E402 - needs the checkout on the path
from tests.support.processes import free_port, stop, wait_until  # noqa: E402

BIN = Path(sys.executable).parent
BASELINE = "sign-in page"


def server_env(folder: Path, database_url: str) -> dict[str, str]:
    """The production settings on loopback plain HTTP, everything the server writes under ``folder``."""
    env = {key: value for key, value in os.environ.items() if key not in {"REDIS_URL", "DJANGO_DEBUG"}}
    env.update(
        DJANGO_SETTINGS_MODULE="kcc_planning.settings_production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_LOOPBACK_HTTP="true",
        DATABASE_URL=database_url,
        DJANGO_STATIC_ROOT=str(folder / "static"),
        PRIVATE_STORAGE_ROOT=str(folder / "private"),
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def _run(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command[1:])} failed:\n{result.stderr[-3000:]}")
    return result


def prepare(env: dict[str, str], *, actions: int, users_per_role: int) -> dict[str, str]:
    """Migrate, seed (in a child with the plain settings, as ``load_demo`` is run) and collect static files."""
    python = str(BIN / "python")
    # collectstatic (compressing every file) needs no database, so it runs while the database is built.
    collect = [python, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"]
    collecting = subprocess.Popen(collect, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _run([python, "manage.py", "migrate", "--noinput"], env)
        seed_env = {**env, "DJANGO_SETTINGS_MODULE": "kcc_planning.settings"}
        seed = [python, str(HERE / "load_seed.py"), f"--actions={actions}", f"--users-per-role={users_per_role}"]
        result = _run(seed, seed_env)
        _, errors = collecting.communicate(timeout=300)
    finally:
        if collecting.poll() is None:
            collecting.kill()
            collecting.wait()
    if collecting.returncode != 0:
        raise RuntimeError(f"collectstatic failed: {errors.decode()[-2000:]}")
    ids = json.loads(result.stdout.strip().splitlines()[-1])
    return {key: str(value) for key, value in ids.items()}


def _cpu_seconds(pid: int) -> float:
    """CPU time of gunicorn's master, its live workers and the workers it has already reaped (recycled ones)."""
    import psutil

    master = psutil.Process(pid)
    times = master.cpu_times()
    total = times.user + times.system + times.children_user + times.children_system
    for child in master.children():
        try:
            child_times = child.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += child_times.user + child_times.system
    return total


@contextmanager
def gunicorn(env: dict[str, str], *, workers: int, log: Path):
    """gunicorn on a free loopback port until the block ends; yields its base URL and pid."""
    port = free_port()
    server = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": str(workers)}
    with log.open("ab") as errors:
        process = subprocess.Popen(
            [str(BIN / "gunicorn"), "-c", "kcc_planning/gunicorn.conf.py"],
            cwd=ROOT,
            env=server,
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
    base = f"http://127.0.0.1:{port}"
    try:

        def healthy() -> bool:
            with urllib.request.urlopen(f"{base}/healthz", timeout=5) as response:  # noqa: S310 - loopback
                return response.status == 200

        try:
            wait_until(healthy, process=process, timeout=60, what="gunicorn")
        except RuntimeError as error:
            raise RuntimeError(f"{error}; see {log}") from None
        yield base, process.pid
    finally:
        stop(process, timeout=30)


def warm_up(base: str, ids: dict[str, str], *, rounds: int) -> None:
    """Sign in and open every page ``rounds`` times, so the runs time the workers warm (imports, templates)."""
    import http.cookiejar
    import re

    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    page = opener.open(f"{base}/accounts/login/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    username = ids["LOAD_USERNAMES"].split(",")[0]
    form = urlencode({"csrfmiddlewaretoken": token, "username": username, "password": ids["LOAD_PASSWORD"]})
    opener.open(f"{base}/accounts/login/", data=form.encode(), timeout=30).read()
    paths = [
        "/accounts/login/",
        f"/plans/{ids['LOAD_PLAN_ID']}/read/",
        f"/risks/{ids['LOAD_REGISTER_ID']}/",
        f"/performance/plans/{ids['LOAD_DASHBOARD_PLAN_ID']}/dashboard/",
        f"/public/meetings/{ids['LOAD_MEETING_ID']}/",
    ]
    for _ in range(rounds):
        for path in paths:
            opener.open(f"{base}{path}", timeout=30).read()


def run_locust(
    base: str,
    ids: dict[str, str],
    *,
    users: int,
    run_time: int,
    prefix: Path,
    spawn_rate: float | None = None,
    at_reset: Callable[[], None] | None = None,
) -> dict:
    """One headless locust run (it stops itself after ``run_time`` s); the rows of its stats CSV by page name."""
    command = [
        str(BIN / "locust"),
        "-f",
        str(HERE / "locustfile.py"),
        "--headless",
        "--host",
        base,
        "-u",
        str(users),
        # Users start over 20 s and the statistics restart once all have started: every user's first sign-in
        # (an Argon2 hash each) falls in the ramp, so the figures are of the mix, not of a sign-in storm.
        "-r",
        str(spawn_rate or users / 20),
        "--reset-stats",
        "--run-time",
        f"{run_time}s",
        "--stop-timeout",
        "10",
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    env = {**os.environ, **ids}
    output = prefix.with_suffix(".log").open("wb")
    process = subprocess.Popen(command, cwd=prefix.parent, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        if at_reset is not None:
            # About when locust resets its statistics: all users started, plus a second for locust's own start.
            time.sleep(users / float(command[command.index("-r") + 1]) + 1)
            at_reset()
        process.wait(timeout=run_time + 120)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        output.close()
    with open(f"{prefix}_stats.csv", newline="") as stats:
        return {row["Name"]: row for row in csv.DictReader(stats)}


def summarise(rows: dict[str, dict]) -> dict:
    """Requests/s and p50/p95/p99 per page, and each as a ratio to the sign-in page of the same run."""
    base = rows.get(BASELINE)
    pages = {}
    for name, row in rows.items():
        page = {
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "requests_per_s": round(float(row["Requests/s"]), 2),
            **{f"p{q}_ms": float(row[f"{q}%"]) for q in (50, 95, 99)},
        }
        if base is not None and name != "Aggregated":
            for q in (50, 95, 99):
                page[f"p{q}_ratio"] = round(float(row[f"{q}%"]) / max(float(base[f"{q}%"]), 1.0), 1)
        pages[name] = page
    return pages


def measure(env, ids, *, workers, users, run_time, folder) -> dict:
    """One run; the server's CPU time and the wall time are taken over the window locust's figures cover."""
    window = {}
    with gunicorn(env, workers=workers, log=folder / "gunicorn.log") as (base, pid):
        warm_up(base, ids, rounds=3 * workers)
        rusage = resource.getrusage(resource.RUSAGE_CHILDREN)

        def at_reset() -> None:
            window.update(started=time.perf_counter(), cpu=_cpu_seconds(pid), load=os.getloadavg()[0])

        prefix = folder / f"w{workers}_u{users}"
        rows = run_locust(base, ids, users=users, run_time=run_time, prefix=prefix, at_reset=at_reset)
        wall = time.perf_counter() - window["started"]
        server_cpu = _cpu_seconds(pid) - window["cpu"]
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    pages = summarise(rows)
    requests = pages.get("Aggregated", {}).get("requests", 0)
    return {
        "workers": workers,
        "users": users,
        "measured_s": round(wall, 1),
        "server_cpu_s": round(server_cpu, 1),
        "server_cpu_ms_per_request": round(server_cpu * 1000 / max(requests, 1), 1),
        "locust_cpu_s_whole_run": round(after.ru_utime + after.ru_stime - rusage.ru_utime - rusage.ru_stime, 1),
        "load_average_1min": [round(window["load"], 2), round(os.getloadavg()[0], 2)],
        "pages": pages,
    }


def table(runs: list[dict]) -> str:
    """The figures as a Markdown table, ready for docs/benchmarks.md."""
    lines = [
        "| workers | users | page | requests/s | p50 | p95 | p99 | ×sign-in p50 | ×sign-in p95 | ×sign-in p99 |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for run in runs:
        for name, page in run["pages"].items():
            ratios = [f"{page[f'p{q}_ratio']}×" if f"p{q}_ratio" in page else "" for q in (50, 95, 99)]
            times = [f"{page[f'p{q}_ms']:.0f} ms" for q in (50, 95, 99)]
            rate = page["requests_per_s"]
            lines.append(f"| {run['workers']} | {run['users']} | {name} | {rate} | {' | '.join(times + ratios)} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, nargs="+", default=[2, 4])
    parser.add_argument("--users", type=int, nargs="+", default=[10, 50])
    parser.add_argument("--run-time", type=int, default=65, help="seconds per run, 20 of them ramp (default 65)")
    parser.add_argument("--actions", type=int, default=300)
    parser.add_argument("--users-per-role", type=int, default=3)
    args = parser.parse_args()
    server_url = os.environ.get("DATABASE_URL", "")
    if not server_url.startswith("postgres"):
        server_url = "postgres://postgres@127.0.0.1:5432/postgres"
    database_url, drop = new_database(server_url, prefix="kcc_load")
    runs = []
    started = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory(prefix="kcc-load-") as name:
            folder = Path(name)
            env = server_env(folder, database_url)
            ids = prepare(env, actions=args.actions, users_per_role=args.users_per_role)
            for workers in args.workers:
                for users in args.users:
                    runs.append(measure(env, ids, workers=workers, users=users, run_time=args.run_time, folder=folder))
                    print(json.dumps(runs[-1]), file=sys.stderr, flush=True)
    finally:
        drop()
    sys.path.insert(0, str(HERE))
    from _django import machine

    result = {"runs": runs, "run_time_s": args.run_time, "total_s": round(time.perf_counter() - started, 1)}
    print(table(runs))
    print(json.dumps({**result, "machine": machine()}, indent=2))


if __name__ == "__main__":
    main()
