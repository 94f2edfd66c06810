"""Changes made in the back office go through the record API: its checks refuse bad values next to the
field (nothing is written), and what is saved is what it would save anywhere else."""

from __future__ import annotations

import json
import re

from tests.fixtures.web_client import form_post, text


def test_an_access_right_is_created_through_the_record_api(admin, in_db):
    model, group = in_db(lambda env: (env.ref("base.model_res_partner").id, env.ref("base.group_portal").id))
    response = form_post(
        admin,
        "/web/technical/access/new/",
        name="portal partners write",
        model_id=str(model),
        group_id=str(group),
        perm_read="y",
        perm_write="y",
        active="y",
    )
    assert response.status_code == 302
    created = in_db(
        lambda env: env["ir.model.access"].search_read(
            [("name", "=", "portal partners write")], ["perm_read", "perm_write", "perm_unlink"]
        )
    )
    assert created and created[0]["perm_write"] and not created[0]["perm_unlink"]


def test_the_record_api_refusal_is_shown_next_to_its_field(admin, in_db):
    model = in_db(lambda env: env.ref("base.model_res_partner").id)
    response = form_post(
        admin,
        "/web/technical/fields/new/",
        model_id=str(model),
        name="not custom",
        field_description="Bad",
        ttype="char",
    )
    html = text(response)
    assert response.status_code == 200
    assert re.search(r'id="e-name"[^>]*>[^<]*Invalid field name', html)
    assert in_db(lambda env: env["ir.model.fields"].search_count([("field_description", "=", "Bad")])) == 0


def test_a_custom_field_made_in_the_back_office_is_live(admin, in_db):
    model = in_db(lambda env: env.ref("base.model_res_partner").id)
    form_post(
        admin,
        "/web/technical/fields/new/",
        model_id=str(model),
        name="x_segment",
        field_description="Segment",
        ttype="char",
    )
    assert in_db(lambda env: "x_segment" in env["res.partner"]._fields)


def test_a_user_is_changed_where_the_form_differs(admin, in_db):
    demo = in_db(lambda env: env["res.users"].search([("login", "=", "demo")]).id)
    page = text(admin.get(f"/web/technical/users/edit/?id={demo}"))
    assert 'value="Marc Demo"' in page
    form = dict(re.findall(r'<input[^>]*name="(name|login|email)"[^>]*value="([^"]*)"', page))
    form["name"] = "Marc Demo Renamed"
    response = form_post(
        admin,
        f"/web/technical/users/edit/?id={demo}",
        **form,
        company_id="1",
        company_ids="1",
        lang="en_US",
        active="y",
    )
    assert response.status_code == 302
    assert in_db(lambda env: env["res.users"].browse(demo).read(["name", "login"])[0]) == {
        "id": demo,
        "name": "Marc Demo Renamed",
        "login": "demo",
    }


def test_a_view_arch_is_edited_as_json(admin, in_db):
    view = in_db(lambda env: env.ref("base.view_partner_tree"))
    view_id, arch = view.id if hasattr(view, "id") else view, None
    arch = in_db(lambda env: env["ir.ui.view"].browse(view_id).arch)
    arch["columns"] = arch["columns"][:2]
    response = form_post(
        admin,
        f"/web/technical/views/edit/?id={view_id}",
        name="res.partner.list",
        model="res.partner",
        type="list",
        mode="primary",
        priority="16",
        active="y",
        arch=json.dumps(arch),
    )
    assert response.status_code == 302
    assert in_db(lambda env: len(env["ir.ui.view"].browse(view_id).arch["columns"])) == 2


def test_json_that_does_not_parse_is_refused_next_to_it(admin, in_db):
    view_id = in_db(lambda env: env.ref("base.view_partner_tree").id)
    response = form_post(
        admin,
        f"/web/technical/views/edit/?id={view_id}",
        name="broken",
        model="res.partner",
        type="list",
        mode="primary",
        priority="16",
        arch="{not json",
    )
    assert response.status_code == 200
    assert re.search(r'id="e-arch"[^>]*>[^<]*Not valid JSON', text(response))
    assert in_db(lambda env: env["ir.ui.view"].browse(view_id).name) != "broken"


def test_a_record_is_deleted_through_the_record_api(admin, in_db):
    sequence = in_db(lambda env: env["ir.sequence"].create({"name": "Tickets", "code": "ticket"}).id)
    response = form_post(
        admin, "/web/technical/sequences/delete/", id=str(sequence), url="/web/technical/sequences/"
    )
    assert response.status_code == 302
    assert in_db(lambda env: env["ir.sequence"].browse(sequence).exists().ids) == []


def test_a_deletion_the_record_api_refuses_changes_nothing(admin, in_db):
    field = in_db(
        lambda env: env["ir.model.fields"].search([("model", "=", "res.partner"), ("name", "=", "email")]).id
    )
    response = form_post(admin, "/web/technical/fields/delete/", id=str(field), url="/web/technical/fields/")
    assert "cannot be deleted" in text(admin.get(response.headers["Location"]))
    assert in_db(lambda env: env["ir.model.fields"].browse(field).exists().ids) == [field]
