"""``erp bench`` scenario of the web client: a list page of 80 contacts, rendered server-side by the
real app (session check, menus, search bar, list, count, totals), on a fresh copy of the database of
--size contacts."""

from __future__ import annotations

import re
from typing import Any

from core.bench.runner import BenchContext, median_ms, scenario
from core.records.environment import SUPERUSER_ID, Environment

TOKEN = re.compile(r'name="csrf_token"(?: type="hidden")? value="([^"]+)"')


@scenario("web_list")
def web_list(context: BenchContext) -> dict[str, Any]:
    from web.app import create_app

    with context.database("sized") as registry:
        with registry.cursor(readonly=True) as cr:
            total = Environment(cr, SUPERUSER_ID, {})["res.partner"].search_count([])
        app = create_app(registry.url, {"TESTING": True})
        client = app.test_client()
        token = TOKEN.search(client.get("/web/login").get_data(as_text=True)).group(1)
        credentials = {"csrf_token": token, "login": "admin", "password": "admin"}
        response = client.post("/web/login", data=credentials)
        if response.status_code != 302:
            return {"error": "cannot log in as admin/admin on the bench database"}

        def page(url: str) -> None:
            answer = client.get(url)
            assert answer.status_code == 200, answer.status_code

        figures: dict[str, Any] = {"partners_total": total}
        figures["list_page_80_ms"] = median_ms(
            lambda: page("/web/model/res.partner?view=list&limit=80"), runs=20
        )
        figures["list_page_80_last_page_ms"] = median_ms(
            lambda: page(f"/web/model/res.partner?view=list&limit=80&offset={max(total - 80, 0)}"), runs=10
        )
        figures["list_search_ilike_ms"] = median_ms(
            lambda: page("/web/model/res.partner?view=list&s=1&q=complete_name:levante"), runs=10
        )
        figures["list_grouped_by_country_ms"] = median_ms(
            lambda: page("/web/model/res.partner?view=list&s=1&groupby=country_id"), runs=10
        )
        figures["kanban_page_ms"] = median_ms(lambda: page("/web/model/res.partner?view=kanban"), runs=10)
    return figures
