"""Dialogs (Odoo's wizards): a button opening a window action with target "new" shows that model's
form over the record; its buttons save the dialog's record and run on it, then close (reload), move
on to another page, or open an address. The CRM's "Mark Lost" and "Convert to opportunity" use them."""

from __future__ import annotations

import re

import pytest

from core.exceptions import UserError
from tests.fixtures.web_client import text
from web.client.dialogs import next_step

FETCH = {"X-Requested-With": "fetch"}


@pytest.fixture
def pipeline(in_db):
    return in_db(lambda env: env.ref("crm.crm_lead_action_pipeline").id)


@pytest.fixture
def opportunity(in_db):
    def make(env):
        return env["crm.lead"].create(
            {"name": "Dialog deal", "type": "opportunity", "user_id": env.ref("base.user_admin").id}
        ).id

    return in_db(make)


def _press(client, pipeline, lead, button, fetch=True):
    return client.post(
        f"/web/data/crm.lead/{lead}/button/{button}?action={pipeline}",
        data={"csrf_token": client.csrf},
        headers=FETCH if fetch else {},
    )


def _lost_dialog(admin, pipeline, lead):
    step = _press(admin, pipeline, lead, "crm.crm_lead_lost_action").get_json()
    assert step["type"] == "dialog" and step["changed"] is False
    return step["url"]


def test_mark_lost_button_opens_the_lost_reason_dialog(admin, pipeline, opportunity):
    url = _lost_dialog(admin, pipeline, opportunity)
    fragment = text(admin.get(url, headers=FETCH))
    assert "<html" not in fragment and 'id="modal-title"' in fragment
    assert 'id="f-d-lost_reason_id"' in fragment and 'name="lost_reason_id"' in fragment
    assert "/web/dialog/button/action_lost_reason_apply" in fragment


def test_applying_the_lost_dialog_marks_the_lead_lost_and_asks_for_a_reload(
    admin, in_db, pipeline, opportunity
):
    url = _lost_dialog(admin, pipeline, opportunity)
    token = url.split("a=")[1]
    reason = in_db(lambda env: env["crm.lost.reason"].search([("name", "=", "Too expensive")]).id)
    answer = admin.post(
        f"/web/dialog/button/action_lost_reason_apply?a={token}",
        data={"csrf_token": admin.csrf, "lost_reason_id": str(reason), "lost_feedback": "<p>Over budget</p>"},
        headers=FETCH,
    )
    assert answer.get_json() == {"type": "reload"}
    lead = in_db(
        lambda env: env["crm.lead"]
        .with_context(active_test=False)
        .browse(opportunity)
        .read(["active", "lost_reason_id", "won_status"])[0]
    )
    assert lead["active"] is False and lead["won_status"] == "lost" and lead["lost_reason_id"][0] == reason


def test_dialog_with_an_error_comes_back_with_it_and_changes_nothing(admin, in_db, pipeline):
    def make(env):
        return env["crm.lead"].create({"name": "To convert", "type": "lead", "user_id": env.uid}).id

    lead = in_db(make)
    leads_action = in_db(lambda env: env.ref("crm.crm_lead_all_leads").id)
    step = _press(admin, leads_action, lead, "crm.action_crm_lead2opportunity_partner").get_json()
    token = step["url"].split("a=")[1]
    answer = admin.post(
        f"/web/dialog/button/action_apply?a={token}",
        data={"csrf_token": admin.csrf, "name": "convert", "action": "exist", "partner_id": ""},
        headers=FETCH,
    )
    assert answer.status_code == 422
    assert "This field is required." in text(answer) and 'aria-invalid="true"' in text(answer)
    assert in_db(lambda env: env["crm.lead"].browse(lead).type) == "lead"


def test_converting_moves_on_to_the_opportunity_in_the_same_action(admin, in_db):
    def make(env):
        return env["crm.lead"].create(
            {"name": "Convert me", "type": "lead", "partner_name": "Dialogos S.L.", "user_id": env.uid}
        ).id

    lead = in_db(make)
    leads_action = in_db(lambda env: env.ref("crm.crm_lead_all_leads").id)
    step = _press(admin, leads_action, lead, "crm.action_crm_lead2opportunity_partner").get_json()
    token = step["url"].split("a=")[1]
    answer = admin.post(
        f"/web/dialog/button/action_apply?a={token}",
        data={"csrf_token": admin.csrf, "name": "convert", "action": "create"},
        headers=FETCH,
    ).get_json()
    assert answer["type"] == "navigate" and answer["url"].startswith(f"/web/action/{leads_action}/{lead}")
    values = in_db(lambda env: env["crm.lead"].browse(lead).read(["type", "partner_id"])[0])
    assert values["type"] == "opportunity" and values["partner_id"][1] == "Dialogos S.L."


def test_without_a_script_the_button_leads_to_the_dialog_page(admin, pipeline, opportunity):
    response = _press(admin, pipeline, opportunity, "crm.crm_lead_lost_action", fetch=False)
    assert response.status_code == 302 and "/web/dialog?a=" in response.headers["Location"]
    page = text(admin.get(response.headers["Location"]))
    assert "<html" in page and 'class="modal-frame page-frame"' in page
    assert f"/web/action/{pipeline}/{opportunity}" in page  # Cancel goes back to the lead


def test_an_altered_dialog_token_is_refused(admin, pipeline, opportunity):
    url = _lost_dialog(admin, pipeline, opportunity)
    response = admin.get(url[:-3] + "xyz", headers=FETCH)
    assert response.status_code == 400 and "no longer valid" in response.get_json()["error"]


def test_a_dialog_token_is_valid_for_its_user_only(admin, login_as, pipeline, opportunity):
    url = _lost_dialog(admin, pipeline, opportunity)
    assert login_as("demo").get(url, headers=FETCH).status_code == 400


def test_a_button_the_view_hides_is_refused_on_the_server(admin, in_db, pipeline, opportunity):
    in_db(lambda env: env["crm.lead"].browse(opportunity).action_set_lost())
    response = _press(admin, pipeline, opportunity, "crm.crm_lead_lost_action")
    assert response.status_code == 400 and "not available" in response.get_json()["error"]


def test_a_dialog_runs_only_the_buttons_of_its_form(admin, in_db, pipeline, opportunity):
    token = _lost_dialog(admin, pipeline, opportunity).split("a=")[1]
    response = admin.post(
        f"/web/dialog/button/unlink?a={token}", data={"csrf_token": admin.csrf}, headers=FETCH
    )
    assert response.status_code == 422 and "has no button unlink" in text(response)
    assert in_db(lambda env: env["crm.lead"].browse(opportunity).active)


def test_url_and_close_actions_become_steps(app, in_db):
    with app.test_request_context("/web"):
        in_db(lambda env: _check_steps(env))


def _check_steps(env):
    assert next_step(env, True, "/web") == {"type": "reload"}
    assert next_step(env, {"type": "ir.actions.act_window_close"}, "/web") == {"type": "reload"}
    action = {"type": "ir.actions.act_url", "url": "/web/export/x", "target": "download"}
    step = next_step(env, action, "/web")
    assert step == {"type": "url", "url": "/web/export/x", "target": "download"}
    with pytest.raises(UserError, match="not allowed"):
        next_step(env, {"type": "ir.actions.act_url", "url": "javascript:alert(1)"}, "/web")


def test_lead_form_shows_the_dialog_buttons_and_hides_the_lost_reason_of_open_deals(
    admin, pipeline, opportunity
):
    page = text(admin.get(f"/web/action/{pipeline}/{opportunity}"))
    assert re.search(r'button/crm\.crm_lead_lost_action\?action=\d+" class="inline" data-button', page)
    row = re.search(r'<div class="field-row[^"]*"\s+data-field="lost_reason_id"', page)
    assert row and "is-invisible" in row.group(0)
