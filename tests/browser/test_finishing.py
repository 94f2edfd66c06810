"""In the browser: long values cut on one line with the full text on hover (list cells, kanban cards,
breadcrumbs), phone numbers never wrapped, and the Spanish interface in the places that were English."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import log_in, shot
from tests.rpc.server import LiveServer
from tests.rpc.server import live_server as serve_copy

pytestmark = pytest.mark.browser
LONG_NAME = "Compañía Internacional de Distribución de Material de Oficina y Papelería del Noroeste S.L."


@pytest.fixture(scope="module")
def served(template_url: str) -> Iterator[LiveServer]:
    with serve_copy(template_url, "finishing-browser") as live:
        with live.fresh_registry().environment() as env:
            env["res.partner"].create({"name": LONG_NAME, "is_company": True, "phone": "+34 976 55 44 33",
                                       "email": "pedidos@papeleria-noroeste.example"})
            env.ref("base.user_demo").write({"lang": "es_ES"})
        yield live


@pytest.fixture(scope="module")
def live_server(served: LiveServer) -> str:
    return served.base


def _cut(locator: Any) -> bool:
    return locator.evaluate("el => el.scrollWidth > el.clientWidth")


def test_long_values_are_cut_with_the_full_text_on_hover(new_page: Any) -> None:
    page = new_page()
    log_in(page, "admin")
    page.goto("/web/model/res.partner?view=list")
    cell = page.locator(".list-table td", has_text="Compañía Internacional").first
    link = cell.locator(".row-link")
    assert _cut(link) or _cut(cell)
    link.hover()
    assert (link.get_attribute("title") or cell.get_attribute("title")) == LONG_NAME
    phone = page.locator(".list-table td", has_text="+34 976 55 44 33").first
    assert phone.evaluate("el => getComputedStyle(el).whiteSpace") == "nowrap"
    shot(page, "finishing_list", full_page=False)
    page.goto("/web/model/res.partner?view=kanban")
    title = page.locator(".card-title", has_text="Compañía Internacional").first
    assert _cut(title)
    title.hover()
    assert title.get_attribute("title") == LONG_NAME
    shot(page, "finishing_kanban", full_page=False)
    title.click()
    crumb = page.locator(".breadcrumb .cp-title")
    crumb.hover()
    assert crumb.evaluate("el => getComputedStyle(el).whiteSpace") == "nowrap"
    assert page.errors == []


def test_the_spanish_interface_in_the_places_that_were_english(new_page: Any) -> None:
    page = new_page()
    log_in(page, "demo")
    response = page.goto("/web/no-such-page")
    assert response.status == 404
    assert page.get_by_role("heading", name="No encontrado").is_visible()
    shot(page, "finishing_404_es", full_page=False)
    response = page.goto("/web/model/ir.model")
    assert response.status == 403
    assert page.get_by_role("heading", name="Acceso denegado").is_visible()
    assert "Access denied" not in page.content()
    shot(page, "finishing_403_es", full_page=False)
    page.goto("/web/preferences")
    body = page.locator("main").inner_text()
    assert "Idioma" in body and "Zona horaria" in body and "Lang" not in body and "Tz" not in body
    # the 404 and 403 answers are the only failed loads
    assert [error for error in page.errors if "Failed to load resource" not in error] == []
