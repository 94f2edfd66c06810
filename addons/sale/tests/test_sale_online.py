"""The customer's online quotation: the link of the quotation email opens it without an account; the
customer accepts it once by signing with their name, or declines it; a tampered link opens nothing."""
from __future__ import annotations

import datetime as dt

from tests.fixtures.web_client import TOKEN


def _quotation(in_db, **values):
    def make(env):
        order = env["sale.order"].create({
            "partner_id": env.ref("base.res_partner_2").id,
            "order_line": [(0, 0, {"product_id": env.ref("product.product_delivery_02").id,
                                   "product_uom_qty": 2})],
            **values})
        return order.id, order.get_portal_url(), order.name
    return in_db(make)


def _post(client, url, action, csrf=None, **data):
    """Post an answer as the page's form does (the CSRF token of the visitor's session)."""
    csrf = csrf or TOKEN.search(client.get(url).get_data(as_text=True)).group(1)
    token = url.split("access_token=")[1]
    return client.post(f"{url.split('?')[0]}/{action}",
                       data={"csrf_token": csrf, "access_token": token, **data})


def test_the_link_shows_the_quotation_and_a_tampered_one_opens_nothing(app, in_db):
    order_id, url, name = _quotation(in_db)
    client = app.test_client()
    page = client.get(url)
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert name in text and "Office Chair" in text and "Accept and sign" in text
    token = url.split("access_token=")[1]
    for wrong in (url[:-1] + ("A" if url[-1] != "A" else "B"), url.split("?")[0],
                  f"/sale/online/{order_id + 1000}?access_token={token}"):
        refused = client.get(wrong)
        assert refused.status_code == 404 and name not in refused.get_data(as_text=True)


def test_accepting_signs_and_confirms_the_order_once(app, in_db):
    order_id, url, _name = _quotation(in_db)
    client = app.test_client()
    csrf = TOKEN.search(client.get(url).get_data(as_text=True)).group(1)
    answer = _post(client, url, "accept", csrf=csrf, name="Ana García")
    assert answer.status_code == 302 and "done=accepted" in answer.headers["Location"]
    state, signer, signed_on, notes = in_db(lambda env: (
        lambda order: (order.state, order.signed_by, order.signed_on,
                       order.message_ids.mapped("body")))(env["sale.order"].browse(order_id)))
    assert (state, signer) == ("sale", "Ana García") and signed_on
    assert any("signed by Ana García" in (body or "") for body in notes)
    shown = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "your order is confirmed" in shown and "Accept and sign" not in shown
    again = _post(client, url, "accept", csrf=csrf, name="Someone Else")
    assert again.status_code == 400 and "no longer open" in again.get_data(as_text=True)
    assert in_db(lambda env: env["sale.order"].browse(order_id).signed_by) == "Ana García"


def test_an_empty_signature_is_refused_next_to_the_name(app, in_db):
    order_id, url, _name = _quotation(in_db)
    refused = _post(app.test_client(), url, "accept", name="   ")
    text = refused.get_data(as_text=True)
    assert refused.status_code == 400 and 'aria-invalid="true"' in text and "Type your full name" in text
    assert in_db(lambda env: env["sale.order"].browse(order_id).state) == "draft"


def test_declining_cancels_and_keeps_the_reason(app, in_db):
    order_id, url, _name = _quotation(in_db)
    answer = _post(app.test_client(), url, "decline", reason="Too expensive for this year")
    assert answer.status_code == 302
    state, bodies = in_db(lambda env: (lambda order: (order.state, order.message_ids.mapped("body")))(
        env["sale.order"].browse(order_id)))
    assert state == "cancel" and any("Too expensive for this year" in (b or "") for b in bodies)


def test_an_expired_quotation_cannot_be_accepted(app, in_db):
    order_id, url, _name = _quotation(in_db, validity_date=dt.date(2020, 1, 31))
    refused = _post(app.test_client(), url, "accept", name="Ana")
    assert refused.status_code == 400 and "expired" in refused.get_data(as_text=True)
    assert in_db(lambda env: env["sale.order"].browse(order_id).state) == "draft"


def test_the_quotation_email_carries_the_link(env):
    order = env["sale.order"].create({"partner_id": env.ref("base.res_partner_2").id, "order_line": [
        (0, 0, {"product_id": env.ref("product.product_delivery_02").id, "product_uom_qty": 1})]})
    order.partner_id.email = "buyer@example.com"
    order.action_quotation_send()
    body = order.message_ids.filtered(lambda m: m.message_type == "comment")[:1].body or ""
    assert f"/sale/online/{order.id}?access_token={order.access_token}" in body
    assert len(order.access_token) >= 32
