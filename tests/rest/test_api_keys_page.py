"""API keys managed by their user in the web client: created (shown once), listed, revoked."""

from __future__ import annotations

import re

import requests

from tests.dataio.conftest import csrf_token


def logged_in(server, login: str, password: str) -> requests.Session:
    http = requests.Session()
    http.post(
        f"{server.base}/web/session/authenticate",
        timeout=30,
        json={"jsonrpc": "2.0", "params": {"db": server.db, "login": login, "password": password}},
    )
    return http


def test_user_creates_uses_and_revokes_a_key(server):
    http = logged_in(server, "demo", "demo")
    form = http.get(f"{server.base}/web/api-keys", timeout=30)
    assert form.status_code == 200
    created = http.post(
        f"{server.base}/web/api-keys",
        timeout=30,
        data={"csrf_token": csrf_token(form.text), "name": "My script"},
    )
    key = re.search(r'id="new-key"[^>]*value="([0-9a-f]+)"', created.text).group(1)
    api = requests.get(
        f"{server.base}/api/v1/res.partner",
        params={"limit": 1},
        timeout=30,
        headers={"Authorization": f"Bearer {key}"},
    )
    assert api.status_code == 200
    listing = http.get(f"{server.base}/web/api-keys", timeout=30).text
    assert "My script" in listing and key not in listing and key[:8] in listing
    key_id = re.search(r"/web/api-keys/(\d+)/revoke", listing).group(1)
    http.post(
        f"{server.base}/web/api-keys/{key_id}/revoke", data={"csrf_token": csrf_token(listing)}, timeout=30
    )
    assert (
        requests.get(
            f"{server.base}/api/v1/res.partner", timeout=30, headers={"Authorization": f"Bearer {key}"}
        ).status_code
        == 401
    )


def test_a_user_cannot_revoke_another_users_key(server):
    admin = logged_in(server, "admin", "admin")
    form = admin.get(f"{server.base}/web/api-keys", timeout=30)
    admin.post(
        f"{server.base}/web/api-keys",
        data={"csrf_token": csrf_token(form.text), "name": "Admin key"},
        timeout=30,
    )
    admin_key_id = re.search(
        r"/web/api-keys/(\d+)/revoke", admin.get(f"{server.base}/web/api-keys").text
    ).group(1)
    demo = logged_in(server, "demo", "demo")
    page = demo.get(f"{server.base}/web/api-keys", timeout=30).text
    demo.post(
        f"{server.base}/web/api-keys/{admin_key_id}/revoke", data={"csrf_token": csrf_token(page)}, timeout=30
    )
    assert f"/web/api-keys/{admin_key_id}/revoke" in admin.get(f"{server.base}/web/api-keys", timeout=30).text


def test_creating_a_key_needs_a_csrf_token(server):
    http = logged_in(server, "demo", "demo")
    assert http.post(f"{server.base}/web/api-keys", data={"name": "x"}, timeout=30).status_code == 400
