"""Translations: labels and messages of addons (``addons/<a>/i18n/<lang>.po``) and of the core."""
from __future__ import annotations

import pytest

from core.exceptions import ValidationError
from core.i18n import _, translate, use_lang


def test_field_label_follows_the_environment_language(env):
    Record = env["test.record"]
    assert Record.with_context(lang="es_ES").fields_get(["flag"])["flag"]["string"] == "Bandera de prueba"
    assert Record.with_context(lang="en_US").fields_get(["flag"])["flag"]["string"] == "Test flag"


def test_field_help_is_translated(env):
    help_text = env["test.record"].with_context(lang="es_ES").fields_get(["flag"], ["help"])["flag"]["help"]
    assert help_text == "Una bandera de los registros de prueba del núcleo."


def test_selection_labels_are_translated(env):
    selection = env["test.record"].with_context(lang="es_ES").fields_get(["state"])["state"]["selection"]
    assert selection[0] == ["draft", "Borrador de prueba"]


def test_constraint_message_of_an_addon_is_translated(make_record):
    with use_lang("es_ES"), pytest.raises(ValidationError, match="El importe no puede ser negativo."):
        make_record(amount=-5)


def test_core_message_is_translated_with_its_parameters(env):
    with use_lang("es_ES"), pytest.raises(ValidationError) as info:
        env["test.record"].create({"name": "x", "sequence": "abc"})
    assert info.value.message.startswith("Valor no válido 'abc' para el campo")


def test_unknown_text_is_left_as_it_is():
    assert translate("No translation for this sentence", "es_ES") == "No translation for this sentence"
    with use_lang("es_ES"):
        assert _("No translation for %(x)s", x=1) == "No translation for 1"


def test_english_is_the_source_language():
    assert translate("Missing required value for the field %(field)s", "en_US") == \
        "Missing required value for the field %(field)s"
