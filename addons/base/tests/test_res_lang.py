"""Languages: res.lang as Odoo's, the wizard that activates them, and the lang selection of users and
contacts that offers the active ones."""
from __future__ import annotations

import pytest

from core.exceptions import UserError, ValidationError
from core.i18n import translate


def lang(env, code):
    return env["res.lang"].with_context(active_test=False).search([("code", "=", code)])


def install(env, *codes):
    wizard = env["base.language.install"].create(
        {"lang_ids": [(6, 0, [lang(env, code).id for code in codes])]})
    return wizard.lang_install()


def offered(env, model="res.users"):
    return [code for code, _label in env[model].fields_get(["lang"])["lang"]["selection"]]


def test_the_shipped_languages_are_active_with_their_formats(env):
    active = env["res.lang"].search_read([], ["code", "iso_code", "url_code", "date_format", "decimal_point",
                                              "thousands_sep", "week_start", "direction"])
    by_code = {row["code"]: row for row in active}
    assert sorted(by_code) == ["en_US", "es_ES"]
    assert by_code["es_ES"]["date_format"] == "%d/%m/%Y" and by_code["es_ES"]["decimal_point"] == ","
    assert by_code["en_US"]["week_start"] == "7" and by_code["es_ES"]["week_start"] == "1"
    every = env["res.lang"].with_context(active_test=False).search([]).mapped("code")
    assert {"fr_FR", "de_DE", "pt_BR", "ar_001"} <= set(every)
    assert lang(env, "ar_001").direction == "rtl"


def test_users_and_contacts_are_offered_the_active_languages(env):
    assert offered(env) == offered(env, "res.partner") == ["en_US", "es_ES"]
    with pytest.raises(ValidationError, match="'fr_FR' is not a valid choice .* expected one of: 'en_US', "
                                              "'es_ES'"):
        env.ref("base.user_demo").write({"lang": "fr_FR"})


def test_the_wizard_activates_a_language_that_becomes_selectable(env):
    assert install(env, "fr_FR") is True
    assert lang(env, "fr_FR").active and "fr_FR" in offered(env) and "fr_FR" in offered(env, "res.partner")
    demo = env.ref("base.user_demo")
    demo.write({"lang": "fr_FR"})
    assert demo.lang == demo.partner_id.lang == "fr_FR"


def test_a_language_without_translations_keeps_english_texts(env):
    install(env, "de_DE")
    assert translate("Contacts", "de_DE") == "Contacts"
    assert translate("Contacts", "es_ES") == "Contactos"
    described = env["res.partner"].with_context(lang="de_DE").fields_get(["email"])["email"]
    assert described["string"] == "Email"


def test_an_activation_rolled_back_is_forgotten(env):
    install(env, "it_IT")
    assert "it_IT" in offered(env)
    env.cr.rollback()
    assert "it_IT" not in offered(env)


def test_a_spoken_language_cannot_be_deactivated(env):
    install(env, "nl_NL")
    env["res.partner"].create({"name": "Dutch contact", "lang": "nl_NL"})
    with pytest.raises(UserError, match="cannot be deactivated while users or contacts speak it"):
        lang(env, "nl_NL").write({"active": False})
    with pytest.raises(UserError, match="base language en_US cannot be deactivated"):
        lang(env, "en_US").write({"active": False})


def test_deactivating_an_unspoken_language_withdraws_it(env):
    install(env, "pt_PT")
    lang(env, "pt_PT").write({"active": False})
    assert "pt_PT" not in offered(env)


@pytest.mark.parametrize(("values", "message"), [
    ({"date_format": "%d/%m/%Q"}, "%Q are no directives"),
    ({"time_format": "%H:%M:%k"}, "%k are no directives"),
    ({"grouping": "3,0"}, "expected a list of numbers"),
    ({"grouping": "[3, 'a']"}, "expected a list of numbers"),
])
def test_bad_formats_are_refused(env, values, message):
    with pytest.raises(ValidationError, match=message):
        lang(env, "fr_FR").write(values)


def test_the_code_of_a_language_cannot_change(env):
    with pytest.raises(UserError, match="code of a language cannot change"):
        lang(env, "fr_FR").write({"code": "fr_BE"})


def test_an_active_or_base_language_cannot_be_deleted(env):
    with pytest.raises(UserError, match="base language en_US cannot be deleted"):
        lang(env, "en_US").unlink()
    with pytest.raises(UserError, match="active language cannot be deleted"):
        lang(env, "es_ES").unlink()
    assert lang(env, "ca_ES").unlink() is True


def test_the_wizard_needs_languages_and_settings_rights(env, as_user):
    with pytest.raises(UserError, match="Choose the languages"):
        env["base.language.install"].create({}).lang_install()
    from core.exceptions import AccessError

    french = lang(env, "fr_FR")
    with pytest.raises(AccessError):
        env["base.language.install"].with_env(as_user("demo")).create({"lang_ids": [(6, 0, french.ids)]})


def test_the_wizard_opened_on_languages_takes_them(env):
    french = lang(env, "fr_FR")
    Wizard = env["base.language.install"].with_context(active_model="res.lang", active_ids=french.ids)
    wizard = Wizard.create({})
    assert wizard.lang_ids == french
