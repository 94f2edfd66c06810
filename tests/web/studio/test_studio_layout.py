"""Arranging forms and lists in the studio: moving, hiding, showing, placing and taking out fields, live in
the client; concurrent edits are refused rather than lost; a reset brings the addon's view back."""

from __future__ import annotations

import re

import sqlalchemy as sa

from tests.fixtures.web_client import text
from tests.web.studio.test_studio_fields import field_order, studio_views

PARTNER_FORM = "/web/model/res.partner/new"
PARTNER_LIST = "/web/model/res.partner?view=list"


def list_columns(html: str) -> list[str]:
    head = html.split("<thead>", 1)[1].split("</thead>", 1)[0]
    return [
        re.sub(r"<[^>]+>|[▲▼]", "", label).strip()
        for label in re.findall(r"<th scope=\"col\"[^>]*>(.*?)</th>", head, re.S)
    ]


def test_moving_a_field_up_changes_the_form(studio_post, admin):
    studio_post("res.partner", "form", "move", name="email", direction="up")
    order = field_order(text(admin.get(PARTNER_FORM)))
    assert order[order.index("email") + 1] == "mobile"


def test_dragging_a_field_answers_the_script_in_json(admin, studio_post):
    from tests.fixtures.web_client import stamp_of

    response = admin.post(
        "/web/studio/res.partner/form/move",
        data={
            "name": "email",
            "position": "before:street",
            "stamp": stamp_of(admin, "res.partner", "form"),
            "csrf_token": admin.csrf,
        },
        headers={"X-Requested-With": "fetch"},
    )
    assert response.status_code == 200 and response.get_json() == {"ok": True}
    order = field_order(text(admin.get(PARTNER_FORM)))
    assert order[order.index("email") + 1] == "street"


def test_a_hidden_field_is_hidden_on_the_form(studio_post, admin):
    studio_post("res.partner", "form", "visibility", name="phone", hidden="1")
    html = text(admin.get(PARTNER_FORM))
    assert re.search(r'class="field-row is-invisible[^"]*"\s+data-field="phone"', html)


def test_showing_a_field_again_leaves_no_change_behind(studio_post, in_db):
    studio_post("res.partner", "form", "visibility", name="phone", hidden="1")
    studio_post("res.partner", "form", "visibility", name="phone", hidden="0")
    assert studio_views(in_db) == []


def test_a_field_taken_out_of_the_form_keeps_its_values(studio_post, admin, in_db):
    studio_post("res.partner", "form", "remove", name="website")
    assert 'data-field="website"' not in text(admin.get(PARTNER_FORM))
    assert in_db(lambda env: env["res.partner"].search_count([("website", "!=", False)])) > 0


def test_an_existing_field_can_be_shown_in_the_list(studio_post, admin):
    studio_post("res.partner", "list", "place", name="ref", position="after:complete_name", form="place")
    assert list_columns(text(admin.get(PARTNER_LIST)))[:2] == ["Name", "Reference"]


def test_list_columns_can_be_reordered(studio_post, admin):
    before = list_columns(text(admin.get(PARTNER_LIST)))
    studio_post("res.partner", "list", "move", name="email", direction="up")
    after = list_columns(text(admin.get(PARTNER_LIST)))
    position = before.index("Email")
    assert after[position - 1] == "Email" and after[position] == before[position - 1]


def test_placing_an_unknown_field_is_reported_next_to_it(studio_post, in_db):
    response = studio_post(
        "res.partner", "list", "place", name="no_such_field", position="after:email", form="place"
    )
    assert response.status_code == 422
    assert 'id="place-name-error"' in text(response)
    assert studio_views(in_db) == []


def test_an_edit_based_on_an_old_page_is_refused(studio_post, admin, in_db):
    from tests.fixtures.web_client import stamp_of

    old = stamp_of(admin, "res.partner", "form")
    studio_post("res.partner", "form", "visibility", name="phone", hidden="1")
    response = studio_post("res.partner", "form", "visibility", name="mobile", hidden="1", stamp=old)
    assert response.status_code == 302
    page = text(admin.get(response.headers["Location"]))
    assert "changed by someone else" in page
    changes = studio_views(in_db)[0][3]["changes"]
    assert changes == [{"attributes": "phone", "set": {"invisible": True}}]


def test_reset_brings_the_addon_view_back(studio_post, admin, in_db):
    studio_post("res.partner", "form", "remove", name="website")
    studio_post("res.partner", "form", "reset")
    assert 'data-field="website"' in text(admin.get(PARTNER_FORM))
    assert studio_views(in_db) == []


def test_a_model_shown_with_a_generated_view_gets_it_stored_first(studio_post, admin, in_db):
    studio_post(
        "res.country.state", "form", "add", label="Capital", ttype="char", position="inside:main_left"
    )
    views = studio_views(in_db, "res.country.state")
    assert sorted((mode, view_type) for _model, view_type, mode, _arch in views) == [
        ("extension", "form"),
        ("primary", "form"),
    ]
    assert 'data-field="x_capital"' in text(admin.get("/web/model/res.country.state/new"))


def test_changes_an_upgrade_left_without_target_are_shown_and_can_be_reset(studio_post, admin, in_db):
    studio_post("res.partner", "form", "remove", name="website")

    def break_it(env):
        ours = env["ir.model.data"].search(
            [("module", "=", "studio_customization"), ("model", "=", "ir.ui.view")]
        )
        # what an upgrade that removed the target leaves behind (the record API refuses to write it)
        table = env.registry["ir.ui.view"]._table
        env.cr.execute(
            table.update()
            .where(table.c.id == ours.res_id)
            .values(arch={"changes": [{"remove": "gone_in_an_upgrade"}]},
                    write_date=sa.func.current_timestamp())
        )
        env.invalidate_all()

    in_db(break_it)
    page = text(admin.get("/web/studio/res.partner/form"))
    assert "no longer fit this view" in page and "gone_in_an_upgrade" in page
    refused = studio_post("res.partner", "form", "remove", name="phone")
    assert "reset the view first" in text(admin.get(refused.headers["Location"]))
    studio_post("res.partner", "form", "reset")
    assert studio_views(in_db) == []


def test_the_list_an_action_names_is_the_one_arranged(admin, in_db):
    action, view = in_db(
        lambda env: (env.ref("crm.crm_lead_all_leads").id, env.ref("crm.crm_case_tree_view_leads").id)
    )
    leads = text(admin.get(f"/web/action/{action}"))
    assert "/web/studio/crm.lead/list?back=" in leads and f"view={view}" in leads
    editor = f"/web/studio/crm.lead/list?view={view}"
    stamp = re.search(r'name="stamp" value="([^"]*)"', text(admin.get(editor))).group(1)
    admin.post(
        "/web/studio/crm.lead/list/place",
        data={
            "csrf_token": admin.csrf,
            "stamp": stamp,
            "view": str(view),
            "name": "referred",
            "position": "inside:columns",
            "form": "place",
        },
    )
    assert list_columns(text(admin.get(f"/web/action/{action}")))[-1] == "Referred By"
