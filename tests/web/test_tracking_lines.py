"""Tracked changes in the chatter show empty and false values instead of dropping them:
"Active: Yes → No", "Phone: — → 600…", each value formatted for its field's type."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from addons.mail.controllers.tracking_lines import tracking_line
from tests.fixtures.web_client import text


def _row(kind: str, **values):
    return {"field_desc": "Field", "field_type": kind, **values}


@pytest.mark.parametrize(
    ("row", "old", "new"),
    [
        (_row("boolean", old_value_integer=1, new_value_integer=0), "Yes", "No"),
        (_row("char", old_value_char=False, new_value_char="600111222"), "—", "600111222"),
        (_row("char", old_value_char="x@example.com", new_value_char=""), "x@example.com", "—"),
        (_row("many2one", old_value_char="", new_value_char="Won"), "—", "Won"),
        (_row("integer", old_value_integer=0, new_value_integer=3), "0", "3"),
        (_row("float", old_value_float=0.0, new_value_float=12.5), "0.00", "12.50"),
        (_row("monetary", old_value_float=0.0, new_value_float=1500.0, currency_id=[1, "EUR"]), "€0.00",
         "€1,500.00"),
        (_row("date", old_value_datetime=False, new_value_datetime=dt.datetime(2026, 3, 1)), "—",
         "Mar 1, 2026"),
    ],
)
def test_each_type_keeps_its_empty_and_false_values(app, row, old, new):
    with app.test_request_context("/"):
        line = tracking_line(row)
    assert (line["label"], line["old"], line["new"]) == ("Field", old, new)


def _tracking_items(page: str) -> list[str]:
    items = re.findall(r'<ul class="tracking">(.*?)</ul>', page, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for block in items
            for item in re.findall(r"<li>(.*?)</li>", block, re.S)]


def test_chatter_shows_a_cleared_email_and_an_archived_record(admin, in_db):
    if "mail.tracking.value" not in in_db(lambda env: list(env.registry.models)):
        pytest.skip("the mail addon is not installed")
    partner = in_db(lambda env: env["res.partner"].create(
        {"name": "Tracked Co", "email": "t@tracked.example.com"}).id)
    in_db(lambda env: env["res.partner"].browse(partner).write({"email": False}))
    items = _tracking_items(text(admin.get(f"/web/model/res.partner/{partner}")))
    assert "Email: t@tracked.example.com → —" in items


def test_chatter_of_a_lost_lead_shows_active_yes_to_no(admin, in_db):
    if "crm.lead" not in in_db(lambda env: list(env.registry.models)):
        pytest.skip("the crm addon is not installed")
    lead = in_db(lambda env: env["crm.lead"].create({"name": "Tracked lead", "type": "opportunity"}).id)
    in_db(lambda env: env["crm.lead"].browse(lead).write({"active": False}))
    items = _tracking_items(text(admin.get(f"/web/model/crm.lead/{lead}")))
    assert "Active: Yes → No" in items


def test_chatter_shows_stage_names_in_the_readers_language(login_as, in_db):
    if "crm.lead" not in in_db(lambda env: list(env.registry.models)):
        pytest.skip("the crm addon is not installed")

    def moved_in_english(env):
        lead = env["crm.lead"].with_context(lang="en_US").create(
            {"name": "Tracked stage", "type": "opportunity", "stage_id": env.ref("crm.stage_lead3").id})
        lead.with_context(lang="en_US").write({"stage_id": env.ref("crm.stage_lead4").id})
        env["res.lang"].with_context(active_test=False).search([("code", "=", "es_ES")]).write(
            {"active": True})
        env.ref("base.user_admin").write({"lang": "es_ES"})
        return lead.id

    lead = in_db(moved_in_english)
    items = _tracking_items(text(login_as("admin").get(f"/web/model/crm.lead/{lead}")))
    assert "Etapa: Propuesta → Ganado" in items, items
