"""Logging in and out, sessions checked against the database, CSRF, rate limits, headers."""

from __future__ import annotations

from tests.web.conftest import csrf_token, log_in, text


def test_login_with_right_password_opens_the_apps(app):
    client = app.test_client()
    response = log_in(client, "admin", "admin")
    assert response.status_code == 302
    assert "Contacts" in text(client.get("/web"))


def test_login_with_wrong_password_is_refused_with_a_message(app):
    client = app.test_client()
    response = log_in(client, "admin", "wrong")
    assert response.status_code == 401
    assert "Wrong login/password" in text(response)
    assert client.get("/web").status_code == 302


def test_pages_redirect_to_login_without_session(app):
    response = app.test_client().get("/web/model/res.partner")
    assert response.status_code == 302
    assert "/web/login?next=" in response.headers["Location"]


def test_login_without_csrf_token_is_refused(app):
    client = app.test_client()
    response = client.post("/web/login", data={"login": "admin", "password": "admin"})
    assert response.status_code == 400
    assert client.get("/web").status_code == 302


def test_sixth_failed_login_in_a_row_is_blocked_even_with_right_password(app):
    client = app.test_client()
    for _attempt in range(5):
        assert log_in(client, "admin", "bad").status_code == 401
    response = log_in(client, "admin", "admin")
    assert response.status_code == 429
    assert "Too many failed logins" in text(response)


def test_next_parameter_cannot_send_the_user_to_another_site(app):
    client = app.test_client()
    token = csrf_token(client)
    response = client.post(
        "/web/login?next=//evil.example.com/x",
        data={"csrf_token": token, "login": "admin", "password": "admin"},
    )
    assert response.headers["Location"].endswith("/web")


def test_logout_ends_the_session(admin):
    response = admin.post("/web/logout", data={"csrf_token": admin.csrf})
    assert response.status_code == 302
    assert admin.get("/web").status_code == 302


def test_logout_requires_the_csrf_token(admin):
    assert admin.post("/web/logout").status_code == 400
    assert admin.get("/web").status_code == 200


def test_password_change_ends_the_other_sessions_of_the_user(login_as):
    first, second = login_as("demo"), login_as("demo")
    response = first.post(
        "/web/password",
        data={
            "csrf_token": csrf_token(first, "/web/password"),
            "old_password": "demo",
            "new_password": "secret-2",
            "confirm": "secret-2",
        },
    )
    assert response.status_code == 302
    assert first.get("/web").status_code == 200
    assert second.get("/web").status_code == 302


def test_password_change_with_wrong_current_password_changes_nothing(login_as, app):
    client = login_as("demo")
    response = client.post(
        "/web/password",
        data={
            "csrf_token": csrf_token(client, "/web/password"),
            "old_password": "nope",
            "new_password": "secret-2",
            "confirm": "secret-2",
        },
    )
    assert response.status_code == 400
    assert "current password is not right" in text(response)
    assert log_in(app.test_client(), "demo", "demo").status_code == 302


def test_pages_carry_a_strict_content_security_policy(admin):
    response = admin.get("/web")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"


def test_session_cookie_is_http_only_and_same_site(app):
    client = app.test_client()
    response = log_in(client, "admin", "admin")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
