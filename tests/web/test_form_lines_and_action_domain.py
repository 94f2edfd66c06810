"""Saving a form whose lines did not change keeps them; a button's window action narrows the list it
opens to its domain, carried in the URL as a signed token that cannot be altered."""

from __future__ import annotations

from tests.fixtures.web_client import text
from web.client.action_domain import sign_domain


def test_saving_a_form_with_unchanged_lines_keeps_them(admin, in_db):
    partner_id, child_id = in_db(
        lambda env: (lambda p: (p.id, p.child_ids.id))(
            env["res.partner"].create(
                {"name": "Lines Kept SL", "is_company": True, "child_ids": [(0, 0, {"name": "Kept Contact"})]}
            )
        )
    )
    response = admin.post(
        f"/web/model/res.partner/{partner_id}",
        data={
            "csrf_token": admin.csrf,
            "company_type": "company",
            "lang": "en_US",
            "name": "Lines Kept SL",
            "child_ids-0-id": str(child_id),
            "child_ids-0-name": "Kept Contact",
            "child_ids-0-type": "contact",
        },
    )
    assert response.status_code == 302, text(response)[:2000]
    assert in_db(lambda env: env["res.partner"].browse(partner_id).child_ids.mapped("name")) == [
        "Kept Contact"
    ]


def test_a_signed_domain_narrows_the_list(app, admin, in_db):
    wanted = in_db(lambda env: env["res.partner"].create({"name": "Narrowed Partner Zeta"}).id)
    in_db(lambda env: env["res.partner"].create({"name": "Other Partner Zeta"}))
    with app.test_request_context():
        token = sign_domain([("id", "in", [wanted])])
    page = text(admin.get(f"/web/model/res.partner?view=list&d={token}"))
    assert "Narrowed Partner Zeta" in page and "Other Partner Zeta" not in page
    assert "Other Partner Zeta" in text(admin.get("/web/model/res.partner?view=list&q=name:Zeta"))
    tampered = admin.get(f"/web/model/res.partner?view=list&d={token[:-2]}xx")
    assert tampered.status_code == 400
