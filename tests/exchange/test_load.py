"""load(fields, rows) through the record API: what a good file creates and updates."""
from __future__ import annotations

import datetime as dt

from core import clock

PARTNER_COLUMNS = ["id", "name", "email", "type", "country_id/id"]


def partner_count(env, domain=()):
    return env["res.partner"].with_context(active_test=False).search_count(list(domain))


def test_load_answers_ids_in_row_order(env):
    result = env["res.partner"].load(["name", "email"], [["Ana Ruiz", "ana@example.com"],
                                                         ["Bruno Gil", "bruno@example.com"]])
    assert result["messages"] == [] and result["nextrow"] == 0
    assert env["res.partner"].browse(result["ids"]).mapped("name") == ["Ana Ruiz", "Bruno Gil"]


def test_same_load_twice_updates_instead_of_duplicating(env):
    rows = [["imp_ana", "Ana Ruiz", "ana@example.com", "contact", "base.es"]]
    first = env["res.partner"].load(PARTNER_COLUMNS, rows)
    before = partner_count(env)
    rows[0][2] = "ana.ruiz@example.com"
    second = env["res.partner"].load(PARTNER_COLUMNS, rows)
    assert second["ids"] == first["ids"]
    assert partner_count(env) == before
    assert env["res.partner"].browse(first["ids"]).email == "ana.ruiz@example.com"


def test_reloading_unchanged_rows_does_not_rewrite_them(env):
    rows = [["imp_ana", "Ana Ruiz", "ana@example.com", "contact", "base.es"]]
    with clock.frozen("2026-03-01 10:00:00"):
        ids = env["res.partner"].load(PARTNER_COLUMNS, rows)["ids"]
    with clock.frozen("2026-03-02 10:00:00"):
        env["res.partner"].load(PARTNER_COLUMNS, rows)
    env.invalidate_all()
    assert env["res.partner"].browse(ids).write_date == dt.datetime(2026, 3, 1, 10, 0)


def test_id_column_without_module_gets_the_import_module(env):
    ids = env["res.partner"].load(["id", "name"], [["ana", "Ana Ruiz"]])["ids"]
    assert env.ref("__import__.ana").id == ids[0]


def test_dbid_column_updates_that_record(env):
    partner = env["res.partner"].create({"name": "Old name"})
    result = env["res.partner"].load([".id", "name"], [[str(partner.id), "New name"]])
    assert result["ids"] == [partner.id]
    assert partner.name == "New name"


def test_reference_to_record_created_by_earlier_row(env):
    result = env["res.partner"].load(["id", "name", "is_company", "parent_id/id"], [
        ["acme", "Acme", "1", ""],
        ["acme_ana", "Ana Ruiz", "0", "acme"],
    ])
    company, person = env["res.partner"].browse(result["ids"])
    assert person.parent_id == company


def test_second_row_with_same_external_id_updates_the_first_ones_record(env):
    result = env["res.partner"].load(["id", "name"], [["acme", "Acme"], ["acme", "Acme Corporation"]])
    assert result["ids"][0] == result["ids"][1]
    assert env.ref("__import__.acme").name == "Acme Corporation"


def test_plain_relational_column_resolves_by_name(env):
    result = env["res.partner"].load(["name", "country_id", "parent_id"], [
        ["Ana Ruiz", "Spain", "Ayuntamiento de Villanueva"]])
    partner = env["res.partner"].browse(result["ids"])
    assert partner.country_id == env.ref("base.es")
    assert partner.parent_id == env.ref("base.res_partner_2")


def test_name_lookup_falls_back_on_any_case(env):
    result = env["res.partner"].load(["name", "country_id"], [["Ana Ruiz", "SPAIN"]])
    assert env["res.partner"].browse(result["ids"]).country_id == env.ref("base.es")


def test_ambiguous_name_uses_first_match_with_a_warning(env):
    env["res.partner"].create([{"name": "Twin Company"}, {"name": "Twin Company"}])
    result = env["res.partner"].load(["name", "parent_id"], [["Ana Ruiz", "Twin Company"]])
    assert result["ids"]
    assert [m["type"] for m in result["messages"]] == ["warning"]
    assert "Twin Company" in result["messages"][0]["message"]


def test_many2many_column_of_external_ids(env):
    result = env["res.partner"].load(["name", "category_id/id"], [
        ["Ana Ruiz", "base.res_partner_category_customer,base.res_partner_category_vip"]])
    tags = env["res.partner"].browse(result["ids"]).category_id
    assert tags == env.ref("base.res_partner_category_customer") | env.ref("base.res_partner_category_vip")


def test_many2many_column_of_names(env):
    result = env["res.partner"].load(["name", "category_id"], [["Ana Ruiz", "Customer, VIP"]])
    assert sorted(env["res.partner"].browse(result["ids"]).category_id.mapped("name")) == ["Customer", "VIP"]


def test_empty_cell_clears_the_value_of_an_existing_record(env):
    partner = env["res.partner"].create({"name": "Ana", "city": "Madrid", "category_id": [
        (6, 0, [env.ref("base.res_partner_category_vip").id])]})
    env["res.partner"].load([".id", "city", "category_id/id"], [[str(partner.id), "", ""]])
    assert partner.city is False and not partner.category_id


def test_empty_required_cell_takes_the_default_on_create(env):
    result = env["ir.sequence"].load(["name", "implementation", "number_next"], [["Orders", "", ""]])
    sequence = env["ir.sequence"].browse(result["ids"])
    assert (sequence.implementation, sequence.number_next) == ("standard", 1)


def test_empty_cell_of_an_optional_field_leaves_it_empty_as_exported(env):
    result = env["res.partner"].load(["name", "active", "type"], [["Archived", False, ""]])
    partner = env["res.partner"].with_context(active_test=False).browse(result["ids"])
    assert (partner.active, partner.type) == (False, False)


def test_one2many_lines_from_continuation_rows(tenv):
    result = tenv["test.record"].load(["name", "line_ids/name", "line_ids/quantity", "line_ids/unit_price"], [
        ["Order 1", "Chairs", "4", "25.5"],
        ["", "Table", "1", "120"],
        ["Order 2", "Lamp", "2", "10"],
    ])
    first, second = tenv["test.record"].browse(result["ids"])
    assert first.line_ids.mapped("name") == ["Chairs", "Table"]
    assert first.total == 4 * 25.5 + 120
    assert second.line_ids.mapped("quantity") == [2.0]


def test_reloading_lines_does_not_add_them_again(tenv):
    columns = ["id", "name", "line_ids/name", "line_ids/quantity"]
    rows = [["order_1", "Order 1", "Chairs", "4"], ["", "", "Table", "1"]]
    tenv["test.record"].load(columns, rows)
    rows.append(["", "", "Lamp", "2"])
    result = tenv["test.record"].load(columns, rows)
    assert tenv["test.record"].browse(result["ids"]).line_ids.mapped("name") == ["Chairs", "Table", "Lamp"]


def test_line_with_external_id_is_created_with_it_then_updated(tenv):
    columns = ["id", "name", "line_ids/id", "line_ids/name"]
    first = tenv["test.record"].load(columns, [["order_1", "Order 1", "order_1_line", "Chairs"]])
    line = tenv.ref("__import__.order_1_line")
    assert line.record_id.id == first["ids"][0]
    tenv["test.record"].load(columns, [["order_1", "Order 1", "order_1_line", "Armchairs"]])
    assert line.name == "Armchairs" and len(line.record_id.line_ids) == 1


def test_selection_accepts_labels_in_any_language(env):
    result = env["res.partner"].load(["name", "type"], [["A", "Invoice Address"], ["B", "delivery"],
                                                        ["C", "invoice address"]])
    assert env["res.partner"].browse(result["ids"]).mapped("type") == ["invoice", "delivery", "invoice"]


def test_numbers_accept_decimal_comma_and_thousands(tenv):
    result = tenv["test.record"].load(["name", "amount", "sequence"], [["A", "1.234,5", "7"],
                                                                       ["B", "1,234.5", "8.0"]])
    records = tenv["test.record"].browse(result["ids"])
    assert records.mapped("amount") == [1234.5, 1234.5] and records.mapped("sequence") == [7, 8]


def test_datetime_cells_are_read_in_the_users_time_zone(tenv):
    result = tenv["test.record"].load(["name", "moment", "date"],
                                      [["A", "2026-07-01 10:30:00", "01/07/2026"]])
    record = tenv["test.record"].browse(result["ids"])
    assert record.moment == dt.datetime(2026, 7, 1, 8, 30)  # Madrid is UTC+2 in summer
    assert record.date == dt.date(2026, 7, 1)


def test_typed_cells_from_spreadsheets_are_accepted(tenv):
    result = tenv["test.record"].load(["name", "amount", "sequence", "date", "active"], [
        ["A", 12.5, 3, dt.date(2026, 1, 31), True]])
    record = tenv["test.record"].browse(result["ids"])
    values = (record.amount, record.sequence, record.date, record.active)
    assert values == (12.5, 3, dt.date(2026, 1, 31), True)


def test_external_id_of_a_deleted_record_creates_a_new_one(env):
    first = env["res.partner"].load(["id", "name"], [["gone", "Gone"]])["ids"]
    env.cr.execute(env["res.partner"]._table.delete().where(env["res.partner"]._table.c.id == first[0]))
    second = env["res.partner"].load(["id", "name"], [["gone", "Back"]])["ids"]
    assert second != first
    assert env.ref("__import__.gone").name == "Back"


def test_dry_run_checks_and_writes_nothing(env):
    before = partner_count(env)
    result = env["res.partner"].load(["id", "name"], [["dry_ana", "Ana"]], dryrun=True)
    assert result["messages"] == [] and len(result["ids"]) == 1
    assert partner_count(env) == before
    assert env.ref("__import__.dry_ana", raise_if_not_found=False) is None


def test_dry_run_from_the_context_as_odoo_sends_it(env):
    before = partner_count(env)
    env["res.partner"].with_context(import_dryrun=True).load(["name"], [["Ana"]])
    assert partner_count(env) == before


def test_columns_without_a_name_are_not_imported(env):
    rows = [["Ana", "ignored", "also", "ana@example.com"]]
    result = env["res.partner"].load(["name", "", None, "email"], rows)
    assert env["res.partner"].browse(result["ids"]).email == "ana@example.com"


def test_blank_rows_are_skipped(env):
    result = env["res.partner"].load(["name", "email"], [["Ana", ""], ["", ""], ["Bruno", ""]])
    assert env["res.partner"].browse(result["ids"]).mapped("name") == ["Ana", "Bruno"]


def test_load_of_many_rows_costs_a_few_queries_per_thousand(env):
    rows = [[f"bulk_{i}", f"Bulk {i}", "base.es", "base.res_partner_category_vip"] for i in range(2000)]
    before = env.cr.sql_count
    result = env["res.partner"].load(["id", "name", "country_id/id", "category_id/id"], rows)
    assert len(result["ids"]) == 2000
    assert env.cr.sql_count - before < 120


def test_missing_names_are_created_for_fields_the_import_screen_allows(env):
    result = env["res.partner"].with_context(name_create_enabled_fields={"parent_id": True}).load(
        ["name", "parent_id"], [["Ana", "Brand New Company"]])
    assert env["res.partner"].browse(result["ids"]).parent_id.name == "Brand New Company"


def test_one2many_column_of_names_links_those_records(env):
    contact = env["res.partner"].create({"name": "Loose Contact"})
    rows = [["New Owner", "1", "Loose Contact"]]
    result = env["res.partner"].load(["name", "is_company", "child_ids"], rows)
    assert contact.parent_id.id == result["ids"][0]


def test_many2many_column_of_database_ids(env):
    vip = env.ref("base.res_partner_category_vip")
    result = env["res.partner"].load(["name", "category_id/.id"], [["Ana", str(vip.id)]])
    assert env["res.partner"].browse(result["ids"]).category_id == vip
