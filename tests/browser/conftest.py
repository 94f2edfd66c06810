"""Browser tests: the real server (werkzeug, in a thread) on a private copy of the template database,
driven by Debian's Chromium through Playwright; screenshots go to tests/artifacts/."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.databases import scratch_database

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def live_server(template_url: str) -> Iterator[str]:
    """Base URL of the web client serving a copy of the template database on a free port."""
    from werkzeug.serving import make_server

    from web.app import create_app

    with scratch_database("browser", copy_of=template_url) as url:
        server = make_server("127.0.0.1", 0, create_app(url), threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_port}"
        finally:
            server.shutdown()
            thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make browser installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser: Any, live_server: str) -> Iterator[Callable[..., Any]]:
    """``new_page(width=1366)``: a page in a fresh browser context (its own cookies)."""
    contexts = []

    def make(width: int = 1366, height: int = 900) -> Any:
        context = browser.new_context(viewport={"width": width, "height": height}, base_url=live_server)
        context.set_default_timeout(15000)
        contexts.append(context)
        page = context.new_page()
        page.errors = []  # type: ignore[attr-defined]
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.on(
            "console", lambda message: page.errors.append(message.text) if message.type == "error" else None
        )
        return page

    yield make
    for context in contexts:
        context.close()


def log_in(page: Any, login: str, password: str | None = None) -> None:
    page.goto("/web/login")
    page.get_by_label("Login").fill(login)
    page.get_by_label("Password").fill(password or login)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/web")


def shot(page: Any, name: str, full_page: bool = True) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def no_sideways_scroll(page: Any) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
