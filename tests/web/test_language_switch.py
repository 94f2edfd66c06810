"""A language chosen in the preferences applies at once: the confirmation, the next pages, the menus and
the texts read from the database, without logging in again."""

from __future__ import annotations

from tests.fixtures.web_client import text


def test_the_chosen_language_applies_without_a_new_login(admin):
    assert "Contacts" in text(admin.get("/web"))
    response = admin.post(
        "/web/preferences",
        data={"csrf_token": admin.csrf, "lang": "es_ES", "back": "/web"},
        follow_redirects=True,
    )
    page = text(response)
    assert "Sus preferencias se han guardado." in page and "Your preferences have been saved." not in page
    assert "Contactos" in page and 'lang="es"' in page
    back = admin.post(
        "/web/preferences",
        data={"csrf_token": admin.csrf, "lang": "en_US", "back": "/web"},
        follow_redirects=True,
    )
    assert "Your preferences have been saved." in text(back) and "Contactos" not in text(back)
