"""The audit trail: creation, tracked changes (old → new, author, date) and deletion, logged in batch."""
from __future__ import annotations

from core import clock


def _tracking(message):
    return [(value.field_desc, value.old_value_display, value.new_value_display)
            for value in message.tracking_value_ids]


def test_creation_is_logged(env, partner):
    assert partner.message_ids[-1].body == "<p>Contact created</p>"


def test_tracked_fields_log_old_and_new_values(env, partner):
    partner.write({"name": "Chatty Global S.L.", "phone": "+34 600 11 12 22", "website": "https://x.example"})
    message = partner.message_ids[0]
    assert sorted(_tracking(message)) == [("Name", "Chatty S.L.", "Chatty Global S.L."),
                                          ("Phone", "", "+34 600 11 12 22")]
    assert message.message_type == "notification" and message.subtype_id == env.ref("mail.mt_note")


def test_tracking_records_author_and_date(env, as_user, partner):
    demo_env = env(user=env.ref("base.user_admin").id, su=False)
    before = clock.utcnow()
    demo_env["res.partner"].browse(partner.id).write({"email": "new@chatty.example"})
    message = partner.message_ids[0]
    assert message.author_id == env.ref("base.partner_admin")
    assert message.date >= before.replace(microsecond=0)


def test_unchanged_values_log_nothing(env, partner):
    count = len(partner.message_ids)
    partner.write({"name": "Chatty S.L."})
    partner.write({"comment": "<p>not tracked</p>"})
    env.invalidate_all()
    assert len(partner.message_ids) == count


def test_a_batch_write_logs_one_message_per_record_in_constant_queries(env):
    partners = env["res.partner"].create([{"name": f"Batch {i}"} for i in range(30)])
    few = partners[:3]
    env.invalidate_all()
    env.cr.sql_count = 0
    few.write({"phone": "+34 600 000 001"})
    small = env.cr.sql_count
    env.invalidate_all()
    env.cr.sql_count = 0
    partners.write({"phone": "+34 600 000 002"})
    assert env.cr.sql_count <= small, "tracking 30 records costs more queries than tracking 3"
    assert all(len(p.message_ids) == 3 for p in few)


def test_fields_without_tracking_are_not_logged(env, partner):
    count = len(partner.message_ids)
    partner.country_id = env.ref("base.es")
    env.invalidate_all()
    assert len(partner.message_ids) == count


def test_tracked_relations_log_display_names(env, partner):
    env["ir.model.fields"].create({"name": "x_origin_id", "model": "res.partner", "ttype": "many2one",
                                   "relation": "res.country", "tracking": 1, "field_description": "Origin"})
    env.invalidate_all()
    partner = env["res.partner"].browse(partner.id)
    partner.x_origin_id = env.ref("base.es")
    partner.x_origin_id = env.ref("base.fr")
    assert _tracking(partner.message_ids[0]) == [("Origin", "Spain", "France")]
    assert partner.message_ids[0].tracking_value_ids.new_value_integer == env.ref("base.fr").id


def test_deletion_is_logged_and_kept(env, partner):
    partner.write({"phone": "+34 600 00 00 09"})
    partner_id = partner.id
    partner.unlink()
    trail = env["mail.message"].search([("model", "=", "res.partner"), ("res_id", "=", partner_id)])
    assert trail[0].body == "<p>Contact deleted</p>" and trail[0].record_name == "Chatty S.L."
    assert ("Phone", "+34 600 00 00 09", "") in _tracking(trail[0])
    assert all(message.is_orphan for message in trail)


def test_tracking_can_be_switched_off(env):
    partner = env["res.partner"].with_context(tracking_disable=True).create({"name": "Silent"})
    partner.with_context(tracking_disable=True).write({"name": "Still silent"})
    assert not partner.message_ids


def test_the_trail_speaks_the_language_of_the_user(env):
    from core.i18n import use_lang

    with use_lang("es_ES"):
        partner = env["res.partner"].with_context(lang="es_ES").create({"name": "Cliente"})
    assert partner.message_ids[0].body == "<p>Contacto creado</p>"
