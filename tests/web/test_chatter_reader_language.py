"""What the system writes in the chatter ("Lead/Opportunity created", a stage change) is shown in the
READER's language, whoever wrote it: a Spanish salesperson creates a lead, an English and a Spanish
reader each see it in their own language."""

from __future__ import annotations

import re

import pytest

from core.i18n import set_lang
from tests.fixtures.web_client import text


@pytest.fixture
def spanish_lead(in_db):
    def work(env):
        token = set_lang("es_ES")  # as a request of the Spanish writer speaks
        try:
            return write(env)
        finally:
            token.var.reset(token)

    def write(env):
        demo = env.ref("base.user_demo")
        demo.write({"lang": "es_ES"})
        writer = env(user=demo.id, context={"lang": "es_ES"})
        lead = writer["crm.lead"].create({"name": "Lectores de dos idiomas", "type": "opportunity",
                                          "user_id": demo.id, "stage_id": env.ref("crm.stage_lead1").id})
        lead.write({"stage_id": env.ref("crm.stage_lead2").id})
        created = lead.message_ids.filtered(lambda m: m.body_key)
        return lead.id, created.body

    lead_id, stored = in_db(work)
    yield lead_id, stored
    in_db(lambda env: env["crm.lead"].browse(lead_id).unlink())
    in_db(lambda env: env.ref("base.user_demo").write({"lang": "en_US"}))


def _chatter(client, lead_id):
    page = text(client.get(f"/web/model/crm.lead/{lead_id}"))
    return page[page.index('class="messages"'):]


def _stage(in_db, xmlid, lang):
    return in_db(lambda env: env.ref(xmlid).with_context(lang=lang).name)


def test_the_writer_language_is_only_what_is_stored(spanish_lead):
    _lead, stored = spanish_lead
    assert stored == "<p>Iniciativa/Oportunidad creado</p>"


def test_an_english_reader_sees_english(admin, in_db, spanish_lead):
    chatter = _chatter(admin, spanish_lead[0])
    assert "Lead/Opportunity created" in chatter and "Iniciativa/Oportunidad" not in chatter
    new, qualified = _stage(in_db, "crm.stage_lead1", "en_US"), _stage(in_db, "crm.stage_lead2", "en_US")
    assert re.search(rf"Stage:</span> {new} → <strong>{qualified}</strong>", chatter, re.S), chatter[:1500]


def test_a_spanish_reader_sees_spanish(login_as, in_db, spanish_lead):
    in_db(lambda env: env.ref("base.user_admin").write({"lang": "es_ES"}))
    try:
        chatter = _chatter(login_as("admin"), spanish_lead[0])
    finally:
        in_db(lambda env: env.ref("base.user_admin").write({"lang": "en_US"}))
    assert "Iniciativa/Oportunidad creado" in chatter and "Lead/Opportunity" not in chatter
    new, qualified = _stage(in_db, "crm.stage_lead1", "es_ES"), _stage(in_db, "crm.stage_lead2", "es_ES")
    assert re.search(rf"Etapa:</span> {new} → <strong>{qualified}</strong>", chatter, re.S), chatter[:1500]
