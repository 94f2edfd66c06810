"""The form view: creating and saving records through generated WTForms forms, with the view's
conditions enforced on the server and validation errors shown next to their field."""

from __future__ import annotations

import json

from tests.fixtures.web_client import text


def _partner_post(client, url="/web/model/res.partner/new", **values):
    data = {"csrf_token": client.csrf, "company_type": "company", "lang": "en_US"}
    data.update(values)
    return client.post(url, data=data)


def _names(in_db, domain):
    return in_db(
        lambda env: sorted(env["res.partner"].with_context(active_test=False).search(domain).mapped("name"))
    )


def test_create_partner_with_a_many2one_and_a_one2many_line(admin, in_db):
    spain = in_db(lambda env: env.ref("base.es").id)
    response = _partner_post(
        admin,
        name="Bodegas Ribera",
        country_id=str(spain),
        email="info@ribera.example.com",
        **{
            "child_ids-0-name": "Lola Ribera",
            "child_ids-0-function": "Gerente",
            "child_ids-0-type": "contact",
        },
    )
    assert response.status_code == 302, text(response)[:2000]
    found = in_db(
        lambda env: [
            (p.id, p.country_id.code, p.child_ids.mapped("name"))
            for p in env["res.partner"].search([("name", "=", "Bodegas Ribera")])
        ]
    )
    assert [(code, children) for _id, code, children in found] == [("ES", ["Lola Ribera"])]
    assert response.headers["Location"].endswith(f"/web/model/res.partner/{found[0][0]}")


def test_invalid_email_is_shown_next_to_the_field_and_nothing_is_created(admin, in_db):
    response = _partner_post(admin, name="Broken Mail Ltd", email="not-an-email")
    assert response.status_code == 422
    page = text(response)
    assert 'id="err-email"' in page
    assert 'value="Broken Mail Ltd"' in page
    assert _names(in_db, [("name", "=", "Broken Mail Ltd")]) == []


def test_required_field_left_empty_is_reported_and_nothing_is_created(admin, in_db):
    before = in_db(lambda env: env["res.partner"].search_count([]))
    response = _partner_post(admin, name="", email="someone@example.com")
    assert response.status_code == 422
    assert 'id="err-name"' in text(response)
    assert in_db(lambda env: env["res.partner"].search_count([])) == before


def test_invisible_field_is_not_written_from_a_crafted_post(admin, in_db):
    """parent_id is invisible on companies: a POST that sets it anyway is ignored."""
    parent = in_db(lambda env: env["res.partner"].search([("is_company", "=", True)], limit=1).id)
    assert _partner_post(admin, name="Crafted Company", parent_id=str(parent)).status_code == 302
    assert (
        in_db(lambda env: env["res.partner"].search([("name", "=", "Crafted Company")]).parent_id.id) is None
        or in_db(lambda env: env["res.partner"].search([("name", "=", "Crafted Company")]).parent_id.id)
        is False
    )


def test_field_visible_after_the_users_change_is_written(admin, in_db):
    """company_type switched to person makes parent_id visible, so its value is taken."""
    parent = in_db(lambda env: env["res.partner"].search([("is_company", "=", True)], limit=1).id)
    response = _partner_post(admin, name="New Employee", company_type="person", parent_id=str(parent))
    assert response.status_code == 302
    assert (
        in_db(lambda env: env["res.partner"].search([("name", "=", "New Employee")]).parent_id.id) == parent
    )


def test_save_existing_record_edits_removes_and_adds_lines(admin, in_db):
    def setup(env):
        company = env["res.partner"].create(
            {
                "name": "Lines Co",
                "is_company": True,
                "child_ids": [(0, 0, {"name": "Keep Me"}), (0, 0, {"name": "Drop Me"})],
            }
        )
        by_name = {child.name: child.id for child in company.child_ids}
        return company.id, by_name["Keep Me"], by_name["Drop Me"]

    company, keep, drop = in_db(setup)
    response = _partner_post(
        admin,
        f"/web/model/res.partner/{company}",
        name="Lines Co",
        **{
            "child_ids-0-id": str(keep),
            "child_ids-0-name": "Kept And Renamed",
            "child_ids-1-id": str(drop),
            "child_ids-1-name": "Drop Me",
            "child_ids-1-remove": "y",
            "child_ids-2-name": "Brand New",
        },
    )
    assert response.status_code == 302, text(response)[:2000]
    assert _names(in_db, [("parent_id", "=", company)]) == ["Brand New", "Kept And Renamed"]
    assert not in_db(lambda env: env["res.partner"].browse(drop).exists().ids)


def test_line_of_another_record_cannot_be_edited_through_the_form(admin, in_db):
    stranger, company = in_db(
        lambda env: (
            env["res.partner"].create({"name": "Stranger"}).id,
            env["res.partner"].create({"name": "Owner Co", "is_company": True}).id,
        )
    )
    response = _partner_post(
        admin,
        f"/web/model/res.partner/{company}",
        name="Owner Co",
        **{"child_ids-0-id": str(stranger), "child_ids-0-name": "Hijacked"},
    )
    assert response.status_code == 422
    assert in_db(lambda env: env["res.partner"].browse(stranger).name) == "Stranger"


def test_many2many_tags_are_replaced_by_the_posted_ones(admin, in_db):
    tag, partner = in_db(
        lambda env: (
            env["res.partner.category"].create({"name": "Wholesale"}).id,
            env["res.partner"].create({"name": "Tagged Co", "is_company": True}).id,
        )
    )
    response = _partner_post(
        admin, f"/web/model/res.partner/{partner}", name="Tagged Co", category_id=[str(tag)]
    )
    assert response.status_code == 302
    assert in_db(lambda env: env["res.partner"].browse(partner).category_id.ids) == [tag]


def test_form_of_a_record_shows_its_values(admin, in_db):
    partner_id, name = in_db(
        lambda env: env["res.partner"].search([("is_company", "=", True)], limit=1).read(["name"])[0].values()
    )
    page = text(admin.get(f"/web/model/res.partner/{partner_id}"))
    assert f'value="{name}"' in page


def test_onchange_answers_the_conditions_for_the_new_values(admin):
    def parent_invisible(company_type):
        response = admin.post(
            "/web/data/res.partner/onchange?field=company_type",
            data={"csrf_token": admin.csrf, "name": "X", "company_type": company_type},
            headers={"X-Requested-With": "fetch"},
        )
        return json.loads(text(response))["modifiers"]["parent_id"]["invisible"]

    assert parent_invisible("person") is False
    assert parent_invisible("company") is True


def test_button_refuses_methods_that_are_not_public(admin, in_db):
    partner = in_db(lambda env: env["res.partner"].search([], limit=1).id)
    response = admin.post(
        f"/web/data/res.partner/{partner}/button/_compute_display_name", data={"csrf_token": admin.csrf}
    )
    assert response.status_code == 302
    assert "cannot be called from a button" in text(admin.get(response.headers["Location"]))


def test_delete_from_the_form_removes_the_record(admin, in_db):
    partner = in_db(lambda env: env["res.partner"].create({"name": "Short Lived"}).id)
    response = admin.post(f"/web/data/res.partner/{partner}/delete", data={"csrf_token": admin.csrf})
    assert response.status_code == 302
    assert not in_db(lambda env: env["res.partner"].browse(partner).exists().ids)
