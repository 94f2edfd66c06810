"""In Chromium: a lead a Spanish salesperson created and moved shows its chatter in each reader's own
language: "Lead/Opportunity created" and "Stage: New → Qualified" for an English administrator,
"Iniciativa/Oportunidad creado" and "Etapa: …" for the Spanish salesperson.
Screenshots: tests/artifacts/chatter-lang-*.png."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests
from playwright.sync_api import expect

from core.i18n import set_lang
from core.records.environment import SUPERUSER_ID, Environment
from tests.browser.conftest import log_in, shot
from tests.rpc.server import LiveServer, live_server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(template_url: str) -> Iterator[LiveServer]:
    with live_server(template_url, "chatterlang") as running:
        requests.get(f"{running.base}/web/login", timeout=180)  # the first request loads the registry
        yield running


@pytest.fixture(scope="module")
def lead(server: LiveServer) -> dict[str, Any]:
    token = set_lang("es_ES")  # the writer's request speaks Spanish
    try:
        with server.fresh_registry().cursor() as cr:
            env = Environment(cr, SUPERUSER_ID, {"lang": "es_ES"})
            demo = env.ref("base.user_demo")
            demo.write({"lang": "es_ES"})
            writer = env(user=demo.id)
            first = env.ref("crm.stage_lead1").id
            record = writer["crm.lead"].create({"name": "Dos idiomas", "type": "opportunity",
                                                "user_id": demo.id, "stage_id": first})
            record.write({"stage_id": env.ref("crm.stage_lead2").id})
            stages = ("crm.stage_lead1", "crm.stage_lead2")
            names = {lang: [env.ref(x).with_context(lang=lang).name for x in stages]
                     for lang in ("en_US", "es_ES")}
            return {"id": record.id, "stages": names}
    finally:
        token.var.reset(token)


def _chatter(browser: Any, server: LiveServer, login: str, lead_id: int) -> Any:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, base_url=server.base)
    context.set_default_timeout(15000)
    page = context.new_page()
    log_in(page, login)
    page.goto(f"/web/model/crm.lead/{lead_id}")
    return page


def test_each_reader_sees_the_chatter_in_their_language(browser: Any, server: LiveServer,
                                                          lead: dict[str, Any]) -> None:
    english = _chatter(browser, server, "admin", lead["id"])
    messages = english.locator(".messages")
    expect(messages).to_contain_text("Lead/Opportunity created")
    new, qualified = lead["stages"]["en_US"]
    expect(messages.locator(".tracking li")).to_contain_text(f"Stage: {new} → {qualified}")
    expect(messages).not_to_contain_text("Iniciativa")
    shot(english, "chatter-lang-en", full_page=False)
    spanish = _chatter(browser, server, "demo", lead["id"])
    messages = spanish.locator(".messages")
    expect(messages).to_contain_text("Iniciativa/Oportunidad creado")
    new, qualified = lead["stages"]["es_ES"]
    expect(messages.locator(".tracking li")).to_contain_text(f"Etapa: {new} → {qualified}")
    expect(messages).not_to_contain_text("Lead/Opportunity")
    shot(spanish, "chatter-lang-es", full_page=False)
    english.context.close()
    spanish.context.close()
