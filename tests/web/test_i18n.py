"""Per-user language: Spanish and English for every label, dates and money by the user's locale."""

from __future__ import annotations

import datetime as dt

from tests.fixtures.web_client import text
from web import i18n


def _spanish(client):
    response = client.post(
        "/web/preferences", data={"csrf_token": client.csrf, "lang": "es_ES", "back": "/web"}
    )
    assert response.status_code == 302


def test_switching_to_spanish_translates_menus_and_buttons(admin):
    _spanish(admin)
    page = text(admin.get("/web"))
    assert "Contactos" in page and "Ajustes" in page and "Cerrar sesión" in page
    assert 'lang="es"' in page


def test_spanish_form_shows_translated_field_labels_and_view_strings(admin, in_db):
    _spanish(admin)
    partner = in_db(lambda env: env["res.partner"].search([("is_company", "=", True)], limit=1).id)
    page = text(admin.get(f"/web/model/res.partner/{partner}"))
    assert ">Guardar<" in page and ">Calle<" in page and "Contactos y direcciones" in page
    assert "> Persona</label>" in page  # selection label of company_type


def test_spanish_search_bar_translates_filters(admin):
    _spanish(admin)
    page = text(admin.get("/web/model/res.partner?view=list"))
    assert ">Filtros<" in page and ">Compañías<" in page and ">Archivados<" in page


def test_spanish_empty_list_shows_the_actions_help_translated(admin, in_db):
    _spanish(admin)
    action = in_db(lambda env: env.ref("base.action_partner_form").id)
    search = "view=list&qf=complete_name&qt=nobody-is-called-this"
    page = text(admin.get(f"/web/action/{action}?{search}", follow_redirects=True))
    assert "empty-title" in page
    assert "Cree un contacto en su libreta de direcciones." in page


def test_language_is_the_users_own(admin, login_as):
    _spanish(admin)
    assert "Cerrar sesión" not in text(login_as("demo").get("/web"))


def test_unknown_language_is_refused(admin):
    response = admin.post("/web/preferences", data={"csrf_token": admin.csrf, "lang": "xx_XX"})
    assert response.status_code == 400


def test_login_page_follows_the_browser_language(app):
    page = text(app.test_client().get("/web/login", headers={"Accept-Language": "es-ES,es;q=0.9"}))
    assert "Iniciar sesión" in page and "Contraseña" in page


def test_money_dates_and_numbers_follow_the_locale(app):
    with app.test_request_context("/web"):
        from flask import g, session

        g.lang, session["tz"] = "es_ES", "Europe/Madrid"
        assert i18n.format_money(1234.5, "EUR") == "1.234,50\xa0€"
        assert i18n.format_number(12345.678, 2) == "12.345,68"
        assert i18n.format_date(dt.date(2026, 3, 5)) == "5 mar 2026"
        assert i18n.format_datetime(dt.datetime(2026, 7, 1, 22, 30)).startswith("2 jul 2026")  # UTC+2
        g.lang = "en_US"
        assert i18n.format_money(1234.5, "EUR") == "€1,234.50"


def _french(env, active):
    env["res.lang"].with_context(active_test=False).search([("code", "=", "fr_FR")]).write({"active": active})


def test_an_inactive_language_is_refused(admin):
    response = admin.post("/web/preferences", data={"csrf_token": admin.csrf, "lang": "fr_FR"})
    assert response.status_code == 400
    assert 'value="fr_FR"' not in text(admin.get("/web"))


def test_an_activated_language_is_offered_and_keeps_english_texts(admin, in_db):
    in_db(lambda env: _french(env, True))
    try:
        assert 'value="fr_FR"' in text(admin.get("/web"))
        response = admin.post("/web/preferences",
                              data={"csrf_token": admin.csrf, "lang": "fr_FR", "back": "/web"})
        assert response.status_code == 302
        page = text(admin.get("/web"))
        assert "Contacts" in page and "Log out" in page and 'lang="fr"' in page
    finally:
        admin.post("/web/preferences", data={"csrf_token": admin.csrf, "lang": "en_US", "back": "/web"})
        in_db(lambda env: _french(env, False))
