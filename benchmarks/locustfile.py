"""Council staff and the public using the app, for locust (``benchmarks/bench_load.py``; docs/benchmarks.md "Load").

Each simulated member of staff signs in once (GET the sign-in page for its CSRF token, POST the form) with one of
the ``LOAD_USERNAMES`` and then works: mostly reading the 300-action plan, now and then the risk register or the
performance dashboard, sometimes the public meeting page or the sign-in page, and occasionally signing in again
(rarely: each sign-in checks an Argon2 password hash, the costliest request of the mix). The ids come from the
environment bench_load.py sets after building the data:

    LOAD_PLAN_ID, LOAD_REGISTER_ID, LOAD_DASHBOARD_PLAN_ID, LOAD_MEETING_ID, LOAD_USERNAMES, LOAD_PASSWORD
    LOAD_WAIT="1,3"   (optional) seconds between a user's requests, at random between the two

Requests are named by page (not by address) so the statistics group them the same way in every run.
"""

from __future__ import annotations

import itertools
import os
import re
from urllib.parse import urlencode

from locust import between, task
from locust.contrib.fasthttp import FastHttpUser

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
USERNAMES = itertools.cycle(os.environ.get("LOAD_USERNAMES", "").split(","))
PASSWORD = os.environ.get("LOAD_PASSWORD", "")
WAIT = [float(part) for part in os.environ.get("LOAD_WAIT", "1,3").split(",")]


class StaffMember(FastHttpUser):
    # Think time between pages: people read what they opened before clicking on.
    wait_time = between(*WAIT)

    def on_start(self) -> None:
        self.username = next(USERNAMES)
        self.sign_in()

    def expect(self, path: str, name: str, marker: str) -> None:
        """GET a page and count it as failed unless it answers 200 with the whole page: a redirect (to the sign-in
        page, say) fails rather than being followed."""
        with self.client.get(path, name=name, allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200 or marker not in (response.text or ""):
                response.failure(f"{name}: status {response.status_code} or {marker!r} missing")

    @task(5)
    def sign_in_page(self) -> None:
        # Someone whose session ran out (30 minutes idle) follows a link and lands on the sign-in page. Also the
        # page every run's figures are divided by (bench_load.py), so it needs enough samples of its own.
        self.expect("/accounts/login/", "sign-in page", 'name="csrfmiddlewaretoken"')

    @task(1)
    def sign_in(self) -> None:
        with self.client.get("/accounts/login/", name="sign-in page", catch_response=True) as response:
            found = CSRF_FIELD.search(response.text or "") if response.status_code == 200 else None
            if found is None:
                response.failure(f"sign-in page: status {response.status_code} or no CSRF token")
                return
        form = urlencode({"csrfmiddlewaretoken": found.group(1), "username": self.username, "password": PASSWORD})
        with self.client.post(
            "/accounts/login/",
            data=form,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            name="sign in (POST)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            # Signed in is a redirect away from the form; a wrong password shows the form again with 200.
            if response.status_code != 302:
                response.failure(f"sign in: status {response.status_code} for {self.username}")

    @task(24)
    def read_plan(self) -> None:
        self.expect(f"/plans/{os.environ['LOAD_PLAN_ID']}/read/", "plan read view", "</html>")

    @task(6)
    def risk_register(self) -> None:
        self.expect(f"/risks/{os.environ['LOAD_REGISTER_ID']}/", "risk register", "</html>")

    @task(6)
    def dashboard(self) -> None:
        plan = os.environ["LOAD_DASHBOARD_PLAN_ID"]
        self.expect(f"/performance/plans/{plan}/dashboard/", "performance dashboard", "</html>")

    @task(4)
    def public_meeting(self) -> None:
        self.expect(f"/public/meetings/{os.environ['LOAD_MEETING_ID']}/", "public meeting page", "</html>")
