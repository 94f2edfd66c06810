"""export_data(fields) through the record API: Odoo's field paths and cell values."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from core.exceptions import ValidationError


@pytest.fixture
def company_and_contact(env):
    tags = env.ref("base.res_partner_category_customer") | env.ref("base.res_partner_category_vip")
    company = env["res.partner"].create({"name": "Acme", "is_company": True,
                                         "category_id": [(6, 0, tags.ids)]})
    contact = env["res.partner"].create({"name": "Ana Ruiz", "parent_id": company.id, "type": "invoice"})
    return company, contact


def test_paths_give_values_names_and_ids(env, company_and_contact):
    company, contact = company_and_contact
    env["ir.model.data"].create({"module": "crm_demo", "name": "acme", "model": "res.partner",
                                 "res_id": company.id})
    datas = contact.export_data(["name", "parent_id", "parent_id/id", "parent_id/.id", ".id"])["datas"]
    assert datas == [["Ana Ruiz", "Acme", "crm_demo.acme", str(company.id), str(contact.id)]]


def test_many2many_external_ids_are_comma_separated(env, company_and_contact):
    company, _contact = company_and_contact
    datas = company.export_data(["category_id/id", "category_id"])["datas"]
    assert datas == [["base.res_partner_category_customer,base.res_partner_category_vip", "Customer,VIP"]]


def test_record_without_external_id_gets_a_stable_generated_one(env, company_and_contact):
    company, _contact = company_and_contact
    first = company.export_data(["id"])["datas"][0][0]
    assert re.fullmatch(rf"__export__\.res_partner_{company.id}_[0-9a-f]{{8}}", first)
    assert company.export_data(["id"])["datas"][0][0] == first
    assert env.ref(first) == company


def test_existing_external_id_is_exported_as_is(env):
    assert env.ref("base.res_partner_2").export_data(["id"])["datas"] == [["base.res_partner_2"]]


def test_empty_values_are_empty_strings(env):
    partner = env["res.partner"].create({"name": "Lonely"})
    datas = partner.export_data(["email", "parent_id", "parent_id/id", "category_id/id", "type"])["datas"]
    assert datas == [["", "", "", "", "Contact"]]


def test_scalar_values_keep_their_kind(tenv):
    record = tenv["test.record"].create({"name": "A", "amount": 12.5, "sequence": 0, "active": False,
                                         "state": "done", "date": "2026-03-04",
                                         "moment": "2026-07-01 08:30:00"})
    datas = record.export_data(["amount", "sequence", "active", "state", "date", "moment"])["datas"]
    # the moment is given in the user's time zone (Madrid, UTC+2 in July), as load reads it
    assert datas == [[12.5, 0, False, "Done", "2026-03-04", "2026-07-01 10:30:00"]]


def test_one2many_sub_fields_take_one_row_per_line(tenv):
    record = tenv["test.record"].create({"name": "Order", "line_ids": [
        (0, 0, {"name": "Chairs", "quantity": 4}), (0, 0, {"name": "Table", "quantity": 1})]})
    datas = record.export_data(["name", "line_ids/name", "line_ids/quantity"])["datas"]
    assert datas == [["Order", "Chairs", 4.0], ["", "Table", 1.0]]


def test_binary_values_are_base64(tenv):
    record = tenv["test.record"].create({"name": "A", "data": b"\x00\x01payload"})
    assert record.export_data(["data"])["datas"] == [["AAFwYXlsb2Fk"]]


def test_unknown_field_in_a_path_is_named(env):
    with pytest.raises(ValidationError, match="'colour'"):
        env.ref("base.res_partner_2").export_data(["name", "parent_id/colour"])


def test_export_then_load_gives_the_same_values(tenv):
    original = tenv["test.record"].create({"name": "Round trip", "amount": 3.25, "state": "done",
                                           "moment": "2026-01-15 23:45:00", "date": "2026-02-28",
                                           "line_ids": [(0, 0, {"name": "L1", "quantity": 2})]})
    fields = ["name", "amount", "state", "moment", "date", "line_ids/name", "line_ids/quantity"]
    datas = original.export_data(fields)["datas"]
    copy = tenv["test.record"].browse(tenv["test.record"].load(fields, datas)["ids"])
    assert (copy.amount, copy.state, copy.moment, copy.date) == (
        3.25, "done", dt.datetime(2026, 1, 15, 23, 45), dt.date(2026, 2, 28))
    assert copy.line_ids.mapped("name") == ["L1"]


def test_export_costs_the_same_queries_for_ten_or_eighty_records(env):
    vip = env.ref("base.res_partner_category_vip")
    partners = env["res.partner"].create([{"name": f"P{i}", "parent_id": env.ref("base.res_partner_2").id,
                                           "category_id": [(6, 0, vip.ids)]} for i in range(80)])
    fields = ["id", "name", "parent_id", "parent_id/id", "category_id/id", "country_id"]

    def queries(records):
        env.invalidate_all()
        before = env.cr.sql_count
        records.export_data(fields)
        return env.cr.sql_count - before

    partners.export_data(["id"])  # the generated external ids exist from now on
    assert queries(partners) == queries(partners[:10])


def test_sub_field_of_a_many2one(env, company_and_contact):
    _company, contact = company_and_contact
    assert contact.export_data(["parent_id/name", "parent_id/is_company"])["datas"] == [["Acme", True]]


def test_user_without_rights_on_external_ids_still_exports_them(env, as_user):
    partner = env["res.partner"].create({"name": "Exported by demo"})
    xmlid = as_user("demo")["res.partner"].browse(partner.id).export_data(["id"])["datas"][0][0]
    assert env.ref(xmlid) == partner
