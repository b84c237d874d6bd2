"""Helpers shared by browser tests."""

from ..factories import PASSWORD


def sign_in(page, live_server, username: str, page_checker=None) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    if page_checker is not None:
        page_checker.check(page, "sign in")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
