"""Portal accounts of citizens: signing up by email, the one-time link to choose a password, the list of
one's own requests (record rules: nobody else's), filing while logged in, and tracking links that still
work without an account."""

from __future__ import annotations

import re

import pytest

from core import clock
from core.exceptions import AccessError, UserError
from tests.fixtures.web_client import csrf_token
from web.app import create_app

LINK = re.compile(r"/my/account/([A-Za-z0-9_-]+)")


def file(env, email, **values):
    return env["czrm.request"].create({
        "service_type_id": env.ref("czrm.service_streetlight").id, "attribute_values": {"POLE": "P"},
        "address_string": "Calle Mayor 1", "partner_email": email, "partner_name": email.split("@")[0],
        **values})


def link_of(env, email) -> str:
    mail = env["mail.mail"].search([("email_to", "=", email)], order="id desc", limit=1)
    assert mail, f"no mail to {email}"
    return LINK.search(mail.body_html).group(1)


def test_a_portal_account_sees_only_its_own_requests(env):
    mine = file(env, "lucia@example.com") | file(env, "lucia@example.com")
    other = file(env, "hugo@example.com")
    env["res.partner"]._portal_signup_request("Lucía", "lucia@example.com")
    uid = env["res.users"]._portal_activate(link_of(env, "lucia@example.com"), "lucia-pass-1")
    lucia = env(user=uid, su=False)
    assert lucia.user.share and lucia.user.partner_id == mine[0].partner_id
    assert lucia["czrm.request"].search([]) == mine
    with pytest.raises(AccessError):
        lucia["czrm.request"].browse(other.id).read(["name"])
    with pytest.raises(AccessError):
        lucia["czrm.request"].browse(mine[0].id).write({"description": "changed"})
    entries = lucia["czrm.request"].search([])._portal_entries()
    assert {e["number"] for e in entries} == set(mine.mapped("name"))
    assert all(e["url"].startswith("/citizen/request/R") and "token=" in e["url"] for e in entries)


def test_the_link_works_once_and_expires(env):
    env["res.partner"]._portal_signup_request("Ana", "ana@example.com")
    token = link_of(env, "ana@example.com")
    with pytest.raises(Exception, match="password"):
        env["res.users"]._portal_activate(token, "1")  # too weak: refused, the link still works
    env["res.users"]._portal_activate(token, "ana-pass-long-1")
    with pytest.raises(UserError, match="not valid any more"):
        env["res.users"]._portal_activate(token, "ana-pass-long-2")
    env["res.partner"].search([("email", "=", "ana@example.com")])._portal_invite()
    late = link_of(env, "ana@example.com")
    env["res.partner"].search([("email", "=", "ana@example.com")]).sudo().write(
        {"signup_expiration": clock.utcnow().replace(year=2000)})
    with pytest.raises(UserError, match="not valid any more"):
        env["res.users"]._portal_activate(late, "ana-pass-long-3")


def test_staff_are_not_made_portal_users_and_bad_emails_are_named(env):
    from core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="valid email"):
        env["res.partner"]._portal_signup_request("X", "not an email")
    admin = env.ref("base.user_admin")
    admin.partner_id.email = "boss@example.com"
    before = env["mail.mail"].search_count([])
    env["res.partner"]._portal_signup_request("Boss", "boss@example.com")
    assert env["mail.mail"].search_count([]) == before  # same answer, no link sent
    with pytest.raises(UserError, match="back office"):
        admin.partner_id._portal_invite()
    # staff through a group that implies the internal one are staff too
    clerk = env["res.users"].create({
        "name": "Clerk", "login": "clerk", "email": "clerk@example.com",
        "groups_id": [(6, 0, [env.ref("service_desk.group_service_desk_user").id])]})
    with pytest.raises(UserError, match="back office"):
        clerk.partner_id._portal_invite()


@pytest.fixture
def site(fresh_registry):
    registry = fresh_registry()
    with registry.environment() as env:
        first = file(env, "marta@example.com")
        other = file(env, "pablo@example.com")
        numbers = {"first": first.name, "other": other.name, "other_token": other.access_token}
    app = create_app(registry.url, {"TESTING": True})
    return app, registry, numbers


def test_sign_up_choose_a_password_and_follow_everything(site):
    app, registry, numbers = site
    client = app.test_client()
    landing = client.get("/my/").get_data(as_text=True)
    assert "Create an account" in landing and "/web/login?next=/my/" in landing
    token = csrf_token(client, "/my/signup")
    sent = client.post("/my/signup",
                       data={"csrf_token": token, "name": "Marta", "email": "marta@example.com"})
    assert sent.status_code == 200 and "We sent a link to marta@example.com" in sent.get_data(as_text=True)
    with registry.environment() as env:
        secret = link_of(env, "marta@example.com")
    page = client.get(f"/my/account/{secret}")
    assert page.status_code == 200 and "marta@example.com" in page.get_data(as_text=True)
    token = csrf_token(client, f"/my/account/{secret}")
    differ = client.post(f"/my/account/{secret}", data={"csrf_token": token, "password": "marta-pass-1",
                                                          "confirm": "other"})
    assert differ.status_code == 400 and "The two passwords differ" in differ.get_data(as_text=True)
    done = client.post(f"/my/account/{secret}", data={"csrf_token": token, "password": "marta-pass-1",
                                                        "confirm": "marta-pass-1"})
    assert done.status_code == 302 and done.headers["Location"].endswith("/my/")
    mine = client.get("/my/").get_data(as_text=True)
    assert numbers["first"] in mine and numbers["other"] not in mine
    # filed while logged in (no email typed): in the list too
    form = client.get("/citizen/new/STREETLIGHT").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    filed = client.post("/citizen/new/STREETLIGHT", data={
        "csrf_token": token, "description": "Dark street", "address_string": "Calle Gamazo 3",
        "attribute[POLE]": "G-3"})
    assert filed.status_code == 302
    number = re.search(r"/citizen/request/([^?]+)", filed.headers["Location"]).group(1)
    assert number in client.get("/my/").get_data(as_text=True)
    assert client.get(f"/my/account/{secret}").status_code == 404  # the link is spent
    # the back office's home sends a portal user to their list
    home = client.get("/web")
    assert home.status_code == 302 and home.headers["Location"].endswith("/my/")
    # someone else's tracking link still opens without an account
    anonymous = app.test_client()
    follow = anonymous.get(f"/citizen/request/{numbers['other']}?token={numbers['other_token']}")
    assert follow.status_code == 200 and numbers["other"] in follow.get_data(as_text=True)
