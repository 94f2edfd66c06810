"""The studio and the back office speak the user's language."""

from __future__ import annotations

from tests.fixtures.web_client import text


def test_the_studio_and_the_back_office_speak_spanish(login_as, in_db):
    in_db(lambda env: env["res.users"].search([("login", "=", "admin")]).write({"lang": "es_ES"}))
    admin = login_as("admin")
    editor = text(admin.get("/web/studio/res.partner/form"))
    assert "Añadir un campo" in editor and "Disposición del formulario" in editor
    backoffice = text(admin.get("/web/technical/"))
    assert "Trastienda" in backoffice and "Registro de migraciones" in backoffice


def test_a_refusal_of_the_studio_is_in_spanish(login_as, in_db):
    in_db(lambda env: env["res.users"].search([("login", "=", "admin")]).write({"lang": "es_ES"}))
    admin = login_as("admin")
    from tests.fixtures.web_client import stamp_of

    response = admin.post(
        "/web/studio/res.partner/form/add",
        data={
            "csrf_token": admin.csrf,
            "stamp": stamp_of(admin, "res.partner", "form"),
            "label": "",
            "ttype": "char",
            "position": "after:email",
        },
    )
    assert "Dé una etiqueta al campo." in text(response)
