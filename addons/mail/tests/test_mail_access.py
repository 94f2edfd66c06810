"""Who reads chatter rows: whoever may read the document; authors change their own messages."""
from __future__ import annotations

import pytest

from core.exceptions import AccessError


@pytest.fixture
def hidden_partner(env):
    """A contact of the second company: the demo user (main company only) cannot read it."""
    partner = env["res.partner"].create({"name": "Branch secret", "company_id": env.ref("base.company_2").id})
    partner.message_post(body="Internal remark")
    return partner


def test_messages_of_unreadable_documents_are_hidden(as_user, hidden_partner):
    messages = as_user("demo")["mail.message"].search([("model", "=", "res.partner"),
                                                       ("res_id", "=", hidden_partner.id)])
    assert not messages


def test_messages_of_readable_documents_are_visible(as_user, partner):
    message_id = partner.message_post(body="Visible note")
    assert message_id in as_user("demo")["mail.message"].search([("model", "=", "res.partner")]).ids


def test_reading_a_hidden_message_by_id_is_denied(as_user, env, hidden_partner):
    message = env["mail.message"].search([("model", "=", "res.partner"), ("res_id", "=", hidden_partner.id)],
                                         limit=1)
    with pytest.raises(AccessError):
        as_user("demo")["mail.message"].browse(message.id).read(["body"])


def test_followers_and_tracking_of_hidden_documents_are_hidden(as_user, hidden_partner):
    demo = as_user("demo")
    hidden_partner.name = "Renamed secret"
    assert not demo["mail.followers"].search([("res_model", "=", "res.partner"),
                                              ("res_id", "=", hidden_partner.id)])
    messages = hidden_partner.message_ids
    assert not demo["mail.tracking.value"].search([("mail_message_id", "in", messages.ids)])


def test_authors_edit_their_messages_but_not_others(as_user, env, partner):
    demo = as_user("demo")
    own = demo["res.partner"].browse(partner.id).message_post(body="Mine", message_type="comment")
    demo["mail.message"].browse(own).write({"body": "<p>Mine, edited</p>"})
    other = partner.message_post(body="Admin's", message_type="comment")
    with pytest.raises(AccessError):
        demo["mail.message"].browse(other).write({"body": "<p>hacked</p>"})


def test_writing_a_message_on_a_hidden_document_is_denied(as_user, hidden_partner):
    with pytest.raises(AccessError):
        as_user("demo")["mail.message"].create({"model": "res.partner", "res_id": hidden_partner.id,
                                                "body": "sneaky", "message_type": "comment"})


def test_messages_of_uninstalled_models_go_with_them(env, partner):
    partner.message_post(body="stays")
    model = env.ref("base.model_res_partner_category")
    tag = env["res.partner.category"].create({"name": "tag"})
    env["mail.message"].create({"model": "res.partner.category", "res_id": tag.id, "body": "goes"})
    model.with_context(install_mode=True).unlink()
    assert not env["mail.message"].search([("model", "=", "res.partner.category")])
