"""Model descriptions stored in ir.model ("Lead/Opportunity") are kept in every language the catalogs
know, so a Spanish user's activities list names the document model in Spanish."""

from __future__ import annotations

from tests.fixtures.web_client import text


def test_model_rows_have_their_spanish_description(in_db):
    names = in_db(lambda env: {lang: env["ir.model"].with_context(lang=lang).search(
        [("model", "=", "crm.lead")]).name for lang in ("en_US", "es_ES")})
    assert names == {"en_US": "Lead/Opportunity", "es_ES": "Iniciativa/Oportunidad"}


def test_the_spanish_activities_list_names_the_document_model_in_spanish(login_as, in_db):
    in_db(lambda env: env.ref("base.user_admin").write({"lang": "es_ES"}))
    try:
        action = in_db(lambda env: env["ir.actions.act_window"].search(
            [("res_model", "=", "mail.activity")], limit=1).id)
        page = text(login_as("admin").get(f"/web/action/{action}?view=list"))
    finally:
        in_db(lambda env: env.ref("base.user_admin").write({"lang": "en_US"}))
    assert "Iniciativa/Oportunidad" in page and "Lead/Opportunity" not in page
