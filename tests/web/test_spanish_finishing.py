"""The Spanish interface in the places people noticed English: the 404 page of an unknown address,
the preferences' language and time zone, the settings page and the 403 page."""

from __future__ import annotations

import pytest

from tests.fixtures.web_client import text


@pytest.fixture
def admin_es(login_as, in_db):
    in_db(lambda env: env.ref("base.user_admin").write({"lang": "es_ES"}))
    client = login_as("admin")
    yield client
    in_db(lambda env: env.ref("base.user_admin").write({"lang": "en_US"}))


def test_an_unknown_address_gets_the_spanish_404_page(admin_es):
    response = admin_es.get("/web/no-such-page")
    assert response.status_code == 404
    page = text(response)
    assert "No encontrado" in page and "Esta página no existe" in page
    assert "Not Found" not in page and "requested URL" not in page


def test_api_addresses_keep_their_plain_404(admin_es):
    assert "Esta página no existe" not in text(admin_es.get("/api/no-such-thing"))


def test_user_fields_have_spanish_labels(in_db):
    labels = in_db(lambda env: env["res.users"].with_context(lang="es_ES").fields_get(
        ["lang", "tz"], attributes=["string"]))
    assert (labels["lang"]["string"], labels["tz"]["string"]) == ("Idioma", "Zona horaria")


def test_the_settings_page_speaks_spanish(admin_es, in_db):
    action = in_db(lambda env: env.ref("base.action_general_configuration").id)
    page = text(admin_es.get(f"/web/action/{action}"))
    for spanish in ("Ajustes generales", "Guardar", "Descartar", "Gestionar usuarios",
                    "Asignación automática", "Periódicamente", "Equipo de ventas predeterminado"):
        assert spanish in page
    for english in ("Manage Users", "Automatic Assignment", "Repeatedly", "Default Sales Team"):
        assert english not in page
