"""Status at a glance: the web_ribbon widget of form and kanban archs (won and lost leads), a lost lead's
stage not shown as current, and the stage history read-only for everyone but administrators."""

from __future__ import annotations

import re

import pytest

from core.addon.arch_nodes import ArchError
from core.addon.view_checks import check_arch
from tests.fixtures.web_client import text

RIBBON = re.compile(r'<div class="ribbon ribbon-(\w+)"[^>]*><span>([^<]+)</span>')


@pytest.fixture
def leads(in_db):
    if "crm.lead" not in in_db(lambda env: list(env.registry.models)):
        pytest.skip("the crm addon is not installed")

    def make(env):
        Lead = env["crm.lead"]
        stage = env.ref("crm.stage_lead2")
        won = Lead.create({"name": "Ribbon won", "type": "opportunity", "stage_id": stage.id})
        won.action_set_won()
        lost = Lead.create({"name": "Ribbon lost", "type": "opportunity", "stage_id": stage.id})
        lost.write({"active": False, "probability": 0})
        open_ = Lead.create({"name": "Ribbon open", "type": "opportunity", "stage_id": stage.id})
        return {"won": won.id, "lost": lost.id, "open": open_.id, "stage": stage.id,
                "pipeline": env.ref("crm.crm_lead_action_pipeline").id}

    return in_db(make)


def test_form_shows_won_and_lost_ribbons(admin, leads):
    assert RIBBON.findall(text(admin.get(f"/web/model/crm.lead/{leads['won']}"))) == [("success", "Won")]
    assert RIBBON.findall(text(admin.get(f"/web/model/crm.lead/{leads['lost']}"))) == [("danger", "Lost")]
    assert RIBBON.findall(text(admin.get(f"/web/model/crm.lead/{leads['open']}"))) == []


def test_a_lost_lead_is_not_shown_in_its_last_stage(admin, leads):
    lost = text(admin.get(f"/web/model/crm.lead/{leads['lost']}"))
    assert 'aria-current="step"' not in lost and "status last-known" in lost
    assert 'aria-current="step"' in text(admin.get(f"/web/model/crm.lead/{leads['open']}"))


def test_kanban_cards_carry_their_ribbon(admin, leads):
    board = text(admin.get(f"/web/action/{leads['pipeline']}?view=kanban&s=1&q=name:Ribbon"))
    card = re.search(rf'<article class="card[^"]*" data-id="{leads["won"]}".*?</article>', board, re.S)
    assert card and RIBBON.findall(card.group(0)) == [("success", "Won")]
    plain = re.search(rf'<article class="card[^"]*" data-id="{leads["open"]}".*?</article>', board, re.S)
    assert plain and not RIBBON.findall(plain.group(0))


def test_stage_history_is_read_only_but_for_administrators(login_as, in_db, leads):
    def rights(env, login):
        user = env["res.users"].search([("login", "=", login)])
        history = env["crm.lead.stage.history"].with_user(user)
        return {op: history.check_access_rights(op, raise_exception=False)
                for op in ("read", "write", "create")}

    manager = in_db(lambda env: env["res.users"].create({
        "name": "History Manager", "login": "histmgr", "password": "histmgr",
        "groups_id": [(6, 0, [env.ref("sales_team.group_sale_manager").id, env.ref("base.group_user").id])],
    }).login)
    assert in_db(lambda env: rights(env, manager)) == {"read": True, "write": False, "create": False}
    assert in_db(lambda env: rights(env, "admin")) == {"read": True, "write": True, "create": True}
    page = text(login_as(manager).get(f"/web/model/crm.lead/{leads['open']}"))
    history = re.search(r'data-field="stage_history_ids".*?</table>', page, re.S).group(0)
    assert "add-line" not in history and "remove-line" not in history


def test_ribbon_conditions_are_checked_like_any_condition(in_db):
    if "crm.lead" not in in_db(lambda env: list(env.registry.models)):
        pytest.skip("the crm addon is not installed")

    def check(env):
        arch = {"sheet": [], "ribbons": [{"widget": "web_ribbon", "string": "X", "invisible": "nope == 1"}]}
        with pytest.raises(ArchError, match="nope"):
            check_arch(env["crm.lead"], "form", arch)
        bar = {"sheet": [], "statusbar": {"field": "stage_id", "inactive": "nada"}}
        with pytest.raises(ArchError, match="nada"):
            check_arch(env["crm.lead"], "form", bar)

    in_db(check)
