"""No-code custom models: created through ir.model as Odoo scripts do, usable at once, removable."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from core.exceptions import AccessError, UserError, ValidationError


@pytest.fixture
def admin(env):
    return env(user=env.ref("base.user_admin").id, su=False)


@pytest.fixture
def visit_model(admin):
    """x_visit, created the way an Odoo script does: the model, then its fields by model_id."""
    model = admin["ir.model"].create({"name": "Visit", "model": "x_visit"})
    admin["ir.model.fields"].create([
        {"name": "x_partner_id", "model_id": model.id, "ttype": "many2one", "relation": "res.partner",
         "field_description": "Customer"},
        {"name": "x_date", "model_id": model.id, "ttype": "date", "field_description": "Date"},
    ])
    return model


def test_custom_model_is_usable_at_once(admin, visit_model):
    partner = admin.ref("base.res_partner_1")
    visit = admin["x_visit"].create({"x_name": "First visit", "x_partner_id": partner.id,
                                     "x_date": "2026-05-04"})
    assert visit.read(["x_name", "x_partner_id"])[0]["x_partner_id"] == (partner.id, partner.display_name)


def test_custom_model_gets_a_name_field_used_as_display_name(admin, visit_model):
    visit = admin["x_visit"].create({"x_name": "Named visit"})
    assert visit.display_name == "Named visit"


def test_custom_model_gets_its_table(admin, visit_model):
    assert "x_visit" in sa.inspect(admin.cr.connection).get_table_names()


def test_custom_model_is_described_like_any_other(admin, visit_model):
    fields = admin["x_visit"].fields_get()
    assert {"x_name", "x_partner_id", "x_date", "create_date"} <= set(fields)
    rows = admin["ir.model.fields"].search([("model", "=", "x_visit")]).mapped("name")
    assert {"x_name", "x_partner_id", "id", "create_date"} <= set(rows)


def test_administrators_get_access_to_a_new_custom_model(admin, visit_model):
    access = admin["ir.model.access"].search([("model_id", "=", visit_model.id)])
    assert access.group_id == admin.ref("base.group_system") and access.perm_unlink


def test_other_users_need_access_rights_granted(as_user, visit_model):
    with pytest.raises(AccessError, match="x_visit"):
        as_user("demo")["x_visit"].search([])


def test_custom_model_created_with_its_fields_in_one_call(admin):
    admin["ir.model"].create({"name": "Inspection", "model": "x_inspection", "field_id": [
        (0, 0, {"name": "x_name", "ttype": "char", "field_description": "Name"}),
        (0, 0, {"name": "x_score", "ttype": "integer", "field_description": "Score"})]})
    assert admin["x_inspection"].create({"x_name": "I1", "x_score": 9}).x_score == 9


@pytest.mark.parametrize(("name", "message"), [
    ("visit", "start with 'x_'"), ("x_Visit", "start with 'x_'"), ("res.partner", "start with 'x_'")])
def test_invalid_custom_model_names_are_refused(admin, env, name, message):
    with pytest.raises(ValidationError, match=message):
        admin["ir.model"].create({"name": "Bad", "model": name})
    assert not env["ir.model"].search([("model", "=", name), ("state", "=", "manual")])


def test_custom_model_with_a_chatter_logs_messages(admin):
    admin["ir.model"].create({"name": "Claim", "model": "x_claim", "is_mail_thread": True})
    claim = admin["x_claim"].create({"x_name": "Broken window"})
    message_id = claim.message_post(body="Called the customer", message_type="comment")
    assert message_id in claim.message_ids.ids


def test_deleting_a_custom_model_with_records_saves_its_rows_first(admin, env, visit_model):
    partner = admin.ref("base.res_partner_1")
    admin["x_visit"].create([{"x_name": "Keep me", "x_partner_id": partner.id, "x_date": "2026-05-04"},
                             {"x_name": "And me"}])
    visit_model.unlink()
    assert "x_visit" not in admin.registry.models
    if env.cr.dialect != "sqlite":  # SQLite drops the table after the commit
        assert not sa.inspect(env.cr.connection).has_table("x_visit")
    rows = _saved_rows(env, "x_visit")
    assert sorted(rows[0]) == ["id", "x_date", "x_name", "x_partner_id/.id"]
    by_name = {row[rows[0].index("x_name")]: dict(zip(rows[0], row)) for row in rows[1:]}
    assert by_name["Keep me"]["x_partner_id/.id"] == str(partner.id)
    assert by_name["Keep me"]["x_date"] == "2026-05-04"
    assert by_name["And me"]["id"].startswith("__export__.x_visit_")


def test_fields_pointing_at_a_deleted_model_are_saved_by_external_id(admin, env, visit_model):
    admin["ir.model.fields"].create({"name": "x_last_visit_id", "model": "res.partner", "ttype": "many2one",
                                     "relation": "x_visit"})
    partner = admin.ref("base.res_partner_1")
    visit = admin["x_visit"].create({"x_name": "Pointed at"})
    admin["res.partner"].browse(partner.id).write({"x_last_visit_id": visit.id})
    visit_model.unlink()
    rows = _saved_rows(env, "x_visit")
    ir_partner = env["ir.model"].search([("model", "=", "res.partner")])
    saved_field = env["ir.attachment"].search([("res_model", "=", "ir.model"), ("res_id", "=", ir_partner.id),
                                               ("name", "like", "x_last_visit_id")])
    assert _csv(saved_field) == [[".id", "x_last_visit_id/id"], [str(partner.id), rows[1][0]]]


def _saved_rows(env, table):
    """The CSV rows saved with the schema log line of a deleted model's table."""
    line = env["ir.schema.migration"].search([("operation", "=", "save_rows"), ("table_name", "=", table)])
    return _csv(env["ir.attachment"].search([("res_model", "=", "ir.schema.migration"),
                                             ("res_id", "=", line.id)]))


def _csv(attachment):
    import csv
    import io

    attachment.ensure_one()
    return list(csv.reader(io.StringIO(attachment.raw.decode())))


def test_deleting_a_custom_model_removes_fields_pointing_at_it(admin, visit_model):
    admin["ir.model.fields"].create({"name": "x_last_visit_id", "model": "res.partner", "ttype": "many2one",
                                     "relation": "x_visit"})
    visit_model.unlink()
    assert "x_last_visit_id" not in admin["res.partner"]._fields
    assert not admin["ir.model.fields"].search([("name", "=", "x_last_visit_id")])


def test_models_of_addons_cannot_be_deleted(admin):
    with pytest.raises(UserError, match="defined by addons"):
        admin.ref("base.model_res_partner").unlink()
