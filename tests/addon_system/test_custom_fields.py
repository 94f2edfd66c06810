"""No-code custom fields: ir.model.fields rows with Odoo's column names, applied live to the schema."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from core.exceptions import AccessError, UserError, ValidationError


@pytest.fixture
def admin(env):
    """The administrator (not the superuser): custom fields go through the access rights too."""
    return env(user=env.ref("base.user_admin").id, su=False)


def _field(admin, **values):
    values.setdefault("model_id", admin.ref("base.model_res_partner").id)
    values.setdefault("ttype", "char")
    return admin["ir.model.fields"].create(values)


def _columns(env, table):
    return {column["name"] for column in sa.inspect(env.cr.connection).get_columns(table)}


def test_custom_field_is_usable_in_the_same_transaction(admin):
    _field(admin, name="x_customer_code", field_description="Customer code")
    partner = admin["res.partner"].create({"name": "Custom", "x_customer_code": "C-1"})
    assert partner.read(["x_customer_code"])[0]["x_customer_code"] == "C-1"


def test_custom_field_gets_a_column(admin):
    _field(admin, name="x_customer_code")
    assert "x_customer_code" in _columns(admin, "res_partner")


def test_custom_field_appears_in_fields_get_as_manual(admin):
    _field(admin, name="x_customer_code", field_description="Customer code")
    description = admin["res.partner"].fields_get(["x_customer_code"])["x_customer_code"]
    assert description["string"] == "Customer code" and description["manual"] is True


def test_model_name_alone_is_enough(admin):
    admin["ir.model.fields"].create({"name": "x_by_name", "model": "res.partner", "ttype": "integer"})
    assert "x_by_name" in admin["res.partner"]._fields


@pytest.mark.parametrize(("ttype", "value"), [
    ("char", "text"), ("text", "long\ntext"), ("html", "<p>rich</p>"), ("integer", 7), ("float", 2.5),
    ("boolean", True), ("date", "2026-03-01"), ("datetime", "2026-03-01 10:00:00"), ("json", {"a": 1}),
])
def test_scalar_custom_field_types_store_values(admin, ttype, value):
    _field(admin, name=f"x_{ttype}_value", ttype=ttype)
    partner = admin["res.partner"].create({"name": "Typed", f"x_{ttype}_value": value})
    assert partner[f"x_{ttype}_value"]


def test_selection_custom_field_accepts_odoo_literal_options(admin):
    _field(admin, name="x_segment", ttype="selection", selection="[('a', 'Alpha'), ('b', 'Beta')]")
    assert admin["res.partner"].fields_get(["x_segment"])["x_segment"]["selection"] == [["a", "Alpha"],
                                                                                        ["b", "Beta"]]
    with pytest.raises(ValidationError, match="not a valid choice"):
        admin["res.partner"].create({"name": "Bad", "x_segment": "z"})


def test_many2one_custom_field_refers_to_its_model(admin):
    _field(admin, name="x_country_of_origin", ttype="many2one", relation="res.country")
    spain = admin.ref("base.es")
    partner = admin["res.partner"].create({"name": "Origin", "x_country_of_origin": spain.id})
    assert partner.x_country_of_origin == spain


def test_many2many_custom_field_gets_its_own_relation_table(admin):
    _field(admin, name="x_languages", ttype="many2many", relation="res.country")
    field = admin["ir.model.fields"].search([("name", "=", "x_languages")])
    assert field.relation_table == "x_res_country_res_partner_rel"
    spain = admin.ref("base.es")
    partner = admin["res.partner"].create({"name": "Polyglot", "x_languages": [(6, 0, [spain.id])]})
    assert partner.x_languages == admin.ref("base.es")


def test_one2many_custom_field_follows_a_many2one(admin):
    _field(admin, name="x_referrer_id", ttype="many2one", relation="res.partner")
    _field(admin, name="x_referred_ids", ttype="one2many", relation="res.partner",
           relation_field="x_referrer_id")
    boss = admin["res.partner"].create({"name": "Referrer"})
    friend = admin["res.partner"].create({"name": "Friend", "x_referrer_id": boss.id})
    assert boss.x_referred_ids == friend


def test_monetary_custom_field_uses_the_model_currency(admin):
    _field(admin, name="x_budget", ttype="monetary", model_id=admin.ref("base.model_res_company").id)
    field = admin["ir.model.fields"].search([("name", "=", "x_budget")])
    assert field.currency_field == "currency_id"


@pytest.mark.parametrize(("values", "message"), [
    ({"name": "customer_code"}, "start with 'x_'"),
    ({"name": "x_Bad Name"}, "start with 'x_'"),
    ({"name": "x_kind", "ttype": "rainbow"}, "Invalid field type 'rainbow'"),
    ({"name": "x_ref_id", "ttype": "many2one"}, "related model None does not exist"),
    ({"name": "x_ref_id", "ttype": "many2one", "relation": "no.such.model"},
     "'no.such.model' does not exist"),
    ({"name": "x_segment", "ttype": "selection"}, "needs its options"),
    ({"name": "x_segment", "ttype": "selection", "selection": "[('a', 'A'), ('a', 'B')]"}, "distinct value"),
    ({"name": "x_lines", "ttype": "one2many", "relation": "res.partner", "relation_field": "name"},
     "relation_field must name a many2one"),
    ({"name": "x_total", "ttype": "monetary"}, "needs currency_field"),
    ({"name": "x_calc", "compute": "for r in self: r['x_calc'] = 1"}, "computed custom fields"),
    ({"name": "x_street_copy", "related": "no_such_field"}, "no_such_field"),
    ({"name": "name"}, "start with 'x_'"),
])
def test_invalid_custom_field_is_refused_and_nothing_changes(admin, env, values, message):
    columns = _columns(env, "res_partner")
    with pytest.raises(ValidationError, match=message):
        _field(admin, **values)
    assert not env["ir.model.fields"].search([("name", "=", values["name"]), ("model", "=", "res.partner"),
                                              ("state", "=", "manual")])
    assert _columns(env, "res_partner") == columns


def test_custom_field_on_an_unknown_model_is_refused(admin):
    with pytest.raises(ValidationError, match="Model 'no.model' does not exist"):
        admin["ir.model.fields"].create({"name": "x_a", "model": "no.model", "ttype": "char"})


def test_custom_field_with_a_taken_name_is_refused(admin):
    _field(admin, name="x_twice")
    with pytest.raises(ValidationError, match="already has a field x_twice"):
        _field(admin, name="x_twice")


def test_users_without_settings_rights_cannot_add_fields(as_user, env):
    demo = as_user("demo")
    with pytest.raises(AccessError):
        demo["ir.model.fields"].create({"name": "x_sneaky", "model": "res.partner", "ttype": "char"})
    assert "x_sneaky" not in env.registry.models["res.partner"]._fields


def test_custom_field_label_and_options_can_change(admin):
    field = _field(admin, name="x_segment", ttype="selection", selection="a:Alpha")
    field.write({"field_description": "Segment", "selection": "a:Alpha\nb:Beta"})
    description = admin["res.partner"].fields_get(["x_segment"])["x_segment"]
    assert description["string"] == "Segment" and description["selection"][-1] == ["b", "Beta"]


def test_removing_an_option_still_in_use_is_refused(admin):
    field = _field(admin, name="x_segment", ttype="selection", selection="a:Alpha\nb:Beta")
    admin["res.partner"].create({"name": "Uses b", "x_segment": "b"})
    with pytest.raises(ValidationError, match="still use an option"):
        field.write({"selection": "a:Alpha"})


def test_type_of_a_custom_field_cannot_change(admin):
    field = _field(admin, name="x_code")
    with pytest.raises(ValidationError, match="ttype of custom field x_code cannot change"):
        field.write({"ttype": "integer"})


def test_fields_of_addons_cannot_be_changed_or_deleted(admin):
    name_field = admin["ir.model.fields"].search([("model", "=", "res.partner"), ("name", "=", "name")])
    with pytest.raises(UserError, match="defined by addons"):
        name_field.write({"field_description": "Label"})
    with pytest.raises(UserError, match="defined by addons"):
        name_field.unlink()


def test_removing_an_empty_custom_field_drops_its_column(admin, env):
    field = _field(admin, name="x_unused")
    field.unlink()
    assert "x_unused" not in admin["res.partner"]._fields
    if env.cr.dialect != "sqlite":  # SQLite rebuilds the table after the commit
        assert "x_unused" not in _columns(env, "res_partner")


def test_removing_a_custom_field_with_data_saves_the_values_first(admin, env):
    field = _field(admin, name="x_customer_code")
    partner = admin["res.partner"].create({"name": "Has data", "x_customer_code": "C-9"})
    field.unlink()
    assert "x_customer_code" not in admin["res.partner"]._fields
    if env.cr.dialect != "sqlite":  # SQLite rebuilds the table after the commit
        assert "x_customer_code" not in _columns(env, "res_partner")
    saved = _saved_files(env, "res.partner")
    assert list(saved.values()) == [[[".id", "x_customer_code"], [str(partner.id), "C-9"]]]
    line = env["ir.schema.migration"].search([("operation", "=", "save_values"),
                                              ("column_name", "=", "x_customer_code")])
    assert line.table_name == "res_partner" and next(iter(saved)) in line.name
    assert "import" in line.details and line.reason == "custom fields: remove res.partner.x_customer_code"


def test_a_many2many_field_is_saved_by_database_ids(admin, env):
    _field(admin, name="x_tag_ids", ttype="many2many", relation="res.partner.category")
    tags = admin["res.partner.category"].search([], limit=2)
    partner = admin["res.partner"].create({"name": "Tagged", "x_tag_ids": [(6, 0, tags.ids)]})
    admin["ir.model.fields"].search([("name", "=", "x_tag_ids")]).unlink()
    assert "x_tag_ids" not in admin["res.partner"]._fields
    (rows,) = _saved_files(env, "res.partner").values()
    assert rows[0] == [".id", "x_tag_ids/.id"]
    assert rows[1][0] == str(partner.id) and sorted(rows[1][1].split(",")) == sorted(map(str, tags.ids))


def test_an_empty_custom_field_leaves_no_file(admin, env):
    _field(admin, name="x_unused").unlink()
    assert _saved_files(env, "res.partner") == {}


def _saved_files(env, model):
    """name -> CSV rows of the files saved on the ir.model record of ``model``."""
    import csv
    import io

    ir_model = env["ir.model"].search([("model", "=", model)])
    attachments = env["ir.attachment"].search([("res_model", "=", "ir.model"), ("res_id", "=", ir_model.id),
                                               ("mimetype", "=", "text/csv")])
    return {a.name: list(csv.reader(io.StringIO(a.raw.decode()))) for a in attachments}


def test_a_field_other_fields_depend_on_cannot_be_removed(admin):
    referrer = _field(admin, name="x_referrer_id", ttype="many2one", relation="res.partner")
    _field(admin, name="x_referred_ids", ttype="one2many", relation="res.partner",
           relation_field="x_referrer_id")
    with pytest.raises(ValidationError, match="used by res.partner.x_referred_ids"):
        referrer.unlink()


def test_a_field_shown_in_a_view_cannot_be_removed(admin, env):
    field = _field(admin, name="x_shown")
    env["ir.ui.view"].create({"name": "partner list with x_shown", "model": "res.partner", "type": "list",
                              "arch": {"columns": [{"field": "name"}, {"field": "x_shown"}]}})
    with pytest.raises(ValidationError, match="shown in the views partner list with x_shown"):
        field.unlink()


def test_tracked_custom_field_is_logged(admin):
    _field(admin, name="x_level", ttype="integer", tracking=1)
    partner = admin["res.partner"].create({"name": "Tracked level"})
    partner.x_level = 3
    values = partner.message_ids[0].tracking_value_ids
    assert [(v.field_desc, v.new_value_integer) for v in values] == [("Level", 3)]
