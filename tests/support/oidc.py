"""A real OpenID Connect provider for the single sign-on tests, and the steps a browser takes through it.

``running_oidc_provider`` starts oidc-provider (npm) under Node on a free loopback port with
tests/support/oidc_provider.mjs, waits for its discovery document and always stops it. ``app_settings`` gives
the Django settings that kcc_planning/settings.py makes from the environment an operator would set, by running
that settings file with it, so the tests exercise the real settings block rather than a copy of it.
"""

import json
import os
import re
import runpy
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import requests

from .processes import free_port, stop, wait_until

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("oidc_provider.mjs")
CLIENT_ID = "kcc-planning"
CLIENT_SECRET = "test-client-secret"  # noqa: S105 - the test provider's own client, nothing real
# Settings the OIDC environment decides (kcc_planning/settings.py, "Single sign-on").
SSO_SETTINGS = re.compile(r"^(OIDC_|LOCAL_LOGIN_ACCOUNTS$|AUTHENTICATION_BACKENDS$|AXES_WHITELIST_CALLABLE$)")


class OIDCProvider:
    def __init__(self, issuer: str, accounts_file: Path):
        self.issuer = issuer
        self.accounts_file = accounts_file
        self.discovery = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=5).json()

    def set_accounts(self, accounts: dict) -> None:
        """Accounts by id (the ``sub``): their claims. Read by the provider at every sign-in."""
        self.accounts_file.write_text(json.dumps(accounts), encoding="utf-8")

    def environ(self, **extra: str) -> dict[str, str]:
        """The environment an operator would set for this provider (README, "Configuration")."""
        return {
            "OIDC_RP_CLIENT_ID": CLIENT_ID,
            "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": self.discovery["authorization_endpoint"],
            "OIDC_OP_TOKEN_ENDPOINT": self.discovery["token_endpoint"],
            "OIDC_OP_JWKS_ENDPOINT": self.discovery["jwks_uri"],
            "OIDC_OP_LOGOUT_ENDPOINT": self.discovery["end_session_endpoint"],
            **extra,
        }


def app_settings(environ: dict[str, str]) -> dict:
    """The sign-on settings kcc_planning/settings.py makes from ``environ`` (other variables as they are now)."""
    saved = os.environ.copy()
    try:
        for name in [n for n in os.environ if n.startswith("OIDC_") or n == "LOCAL_LOGIN_ACCOUNTS"]:
            del os.environ[name]
        os.environ.update(environ)
        # Run as a module of the kcc_planning package (the name sets __package__), so its relative imports work.
        made = runpy.run_path(str(ROOT / "kcc_planning" / "settings.py"), run_name="kcc_planning.settings_probe")
    finally:
        os.environ.clear()
        os.environ.update(saved)
    chosen = {name: value for name, value in made.items() if SSO_SETTINGS.match(name)}
    chosen["CONTENT_SECURITY_POLICY"] = made["CONTENT_SECURITY_POLICY"]
    return chosen


def apply_settings(settings, environ: dict[str, str]) -> None:
    """Puts ``environ``'s sign-on settings on pytest-django's ``settings`` fixture (undone after the test)."""
    for name, value in app_settings(environ).items():
        setattr(settings, name, value)


@contextmanager
def running_oidc_provider(folder: Path, app_url: str, accounts: dict):
    """oidc-provider on a free loopback port, registered with the app at ``app_url``; stopped however the test
    ends. Skips (with the reason) where Node or the npm package is missing."""
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "oidc-provider").is_dir():
        pytest.skip("needs Node and the oidc-provider npm package (npm ci)")
    port = free_port()
    accounts_file = folder / "oidc-accounts.json"
    accounts_file.write_text(json.dumps(accounts), encoding="utf-8")
    log_path = folder / "oidc-provider.log"
    env = {
        **os.environ,
        "OIDC_TEST_PORT": str(port),
        "OIDC_TEST_ACCOUNTS": str(accounts_file),
        "OIDC_TEST_APP_URL": app_url.rstrip("/"),
    }
    issuer = f"http://127.0.0.1:{port}"
    with log_path.open("wb") as log:
        process = subprocess.Popen([node, str(SCRIPT)], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        try:
            wait_until(
                lambda: requests.get(f"{issuer}/.well-known/openid-configuration", timeout=1).ok,
                process=process,
                timeout=20,
                what="oidc-provider",
            )
        except RuntimeError as error:
            raise RuntimeError(f"{error}:\n{log_path.read_text(errors='replace')}") from None
        yield OIDCProvider(issuer, accounts_file)
    finally:
        stop(process, timeout=5)


def follow_provider(browser: requests.Session, url: str, app_url: str) -> str:
    """Follows the provider's redirects from ``url`` as a browser would, until one leads back to the app; returns
    that address. The test provider signs in the account named by ``login_hint`` without a form."""
    for _ in range(10):
        response = browser.get(url, allow_redirects=False, timeout=10)
        assert response.is_redirect, f"the provider answered {response.status_code} at {url}: {response.text[:500]}"
        url = urljoin(url, response.headers["Location"])
        if url.startswith(app_url):
            return url
    raise AssertionError("the provider never sent the browser back to the app")


def app_path(url: str) -> str:
    """A URL on the app as the Django test client takes it: path and query."""
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def sign_in(client, browser: requests.Session, login_hint: str, app_url: str = "http://testserver"):
    """The whole code flow: the app's sign-in button, the provider, the app's callback. Returns the callback's
    response (a redirect into the app on success)."""
    start = client.get("/oidc/authenticate/")
    assert start.status_code == 302, start
    callback = follow_provider(browser, f"{start['Location']}&login_hint={login_hint}", app_url)
    return client.get(app_path(callback))


def confirm_provider_sign_out(browser: requests.Session, end_session_url: str) -> str:
    """The provider's "sign out?" page: confirms it, returns where the provider sends the browser next."""
    page = browser.get(end_session_url, timeout=10)
    assert page.status_code == 200, page.text[:500]
    action = re.search(r'action="([^"]+)"', page.text).group(1)
    xsrf = re.search(r'name="xsrf" value="([^"]+)"', page.text).group(1)
    done = browser.post(urljoin(end_session_url, action), data={"xsrf": xsrf, "logout": "yes"}, allow_redirects=False)
    assert done.is_redirect, done.text[:500]
    return urljoin(end_session_url, done.headers["Location"])
