"""Tracked stage changes read in the reader's language: "Propuesta → Ganado" for a Spanish user, whatever
language the salesperson who moved the lead spoke."""
from __future__ import annotations


def _stage_change(env, lead):
    message = env["mail.message"].search([("model", "=", "crm.lead"), ("res_id", "=", lead.id),
                                          ("tracking_value_ids", "!=", False)], order="id desc", limit=1)
    return message.tracking_value_ids.filtered(lambda value: value.field_id.name == "stage_id")


def test_stage_changes_show_stage_names_in_the_readers_language(env):
    proposition, won = env.ref("crm.stage_lead3"), env.ref("crm.stage_lead4")
    lead = env["crm.lead"].with_context(lang="en_US").create({"name": "Tracked in English",
                                                              "type": "opportunity",
                                                              "stage_id": proposition.id})
    lead.with_context(lang="en_US").write({"stage_id": won.id})
    change = _stage_change(env, lead)
    spanish = change.with_context(lang="es_ES").read(["old_value_display", "new_value_display"])[0]
    env.invalidate_all()  # computed values are cached per transaction, not per language
    english = change.with_context(lang="en_US").read(["old_value_display", "new_value_display"])[0]
    assert (english["old_value_display"], english["new_value_display"]) == ("Proposition", "Won")
    assert (spanish["old_value_display"], spanish["new_value_display"]) == ("Propuesta", "Ganado")
