"""Browser-test helpers: Chromium launch settings, signing in, axe-core and the Nu HTML checker."""

import json
import subprocess
from pathlib import Path

from ..factories import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def sign_in(page, live_server, username: str, page_checker=None) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    if page_checker is not None:
        page_checker.check(page, "sign in")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


class PageChecker:
    """Runs axe-core on each page visited and the Nu HTML checker on all of them at the end."""

    def __init__(self, tmp_path: Path):
        self.folder = tmp_path / "html"
        self.folder.mkdir()
        self.pages: list[tuple[str, Path]] = []

    def check(self, page, label: str = "") -> None:
        # A check called straight after a click could otherwise read the page between documents (no <main> yet):
        # every page of the app has one, so wait for it and for the document to finish loading.
        page.wait_for_selector("main", state="attached")
        page.wait_for_load_state("load")
        # Keep the page as the app made it (before axe is injected) for the Nu checker.
        html = page.content()
        # Evaluated rather than added as a <script> tag: the app's Content-Security-Policy
        # (no 'unsafe-inline') blocks an injected inline script.
        page.evaluate(AXE.read_text(encoding="utf-8"))
        violations = page.evaluate(
            """async () => (await axe.run(document, {
                runOnly: {type: 'tag',
                          values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}
            })).violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                      nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))"""
        )
        assert violations == [], f"axe-core violations on {label or page.url}:\n{json.dumps(violations, indent=2)}"
        path = self.folder / f"page{len(self.pages):03d}.html"
        path.write_text(html, encoding="utf-8")
        self.pages.append((label or page.url, path))

    def validate_html(self) -> None:
        if not self.pages:
            return
        result = subprocess.run(
            ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *[str(p) for _, p in self.pages]],
            capture_output=True,
            text=True,
            timeout=180,
        )
        messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
        names = {str(path): label for label, path in self.pages}
        errors = [
            f"{names.get(m.get('url', '').removeprefix('file:'), m.get('url'))}: {m['message']} "
            f"(line {m.get('lastLine')}) {m.get('extract', '')!r}"
            for m in messages
            if m.get("type") == "error"
        ]
        assert errors == [], "Nu HTML checker errors:\n" + "\n".join(errors)
