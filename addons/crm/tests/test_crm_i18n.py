"""The CRM speaks Spanish: labels, stage names, messages, with every placeholder kept."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from core.exceptions import UserError
from core.i18n import use_lang

ADDONS = Path(__file__).resolve().parents[2]
CATALOGS = [ADDONS / name / "i18n" / "es.po" for name in ("crm", "sales_team", "utm", "mail")]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdrf]")


def test_field_labels_and_selections_in_spanish(env):
    fields = env["crm.lead"].with_context(lang="es_ES").fields_get(["expected_revenue", "priority"])
    assert fields["expected_revenue"]["string"] == "Ingreso esperado"
    assert ["3", "Muy alta"] in fields["priority"]["selection"]


def test_stage_and_activity_type_names_in_both_languages(env):
    won = env.ref("crm.stage_lead4")
    assert won.name == "Won" and won.with_context(lang="es_ES").name == "Ganado"
    call = env.ref("mail.mail_activity_data_call")
    assert call.with_context(lang="es_ES").name == "Llamada"


def test_user_messages_in_spanish(env, make_lead):
    with use_lang("es_ES"), pytest.raises(UserError, match="Seleccione más de un elemento"):
        make_lead().merge_opportunity()


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.parent.parent.name)
def test_translations_keep_every_placeholder(path):
    with path.open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if message.id:
            placeholders = set(PLACEHOLDER.findall(message.id))
            assert placeholders == set(PLACEHOLDER.findall(message.string)), message.id
            assert message.string, f"{path}: {message.id!r} is not translated"
