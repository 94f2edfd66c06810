"""Lists of the back office: found through the record API, searched, filtered, sorted and paged."""

from __future__ import annotations

import re

from tests.fixtures.web_client import text


def rows(html: str) -> list[str]:
    return re.findall(r'<a class="row-link"[^>]*>([^<]*)</a>', html)


def test_the_migration_log_lists_the_schema_change_of_a_custom_field(admin, in_db):
    in_db(
        lambda env: env["ir.model.fields"].create(
            {"name": "x_badge", "model": "res.partner", "ttype": "char"}
        )
    )
    html = text(admin.get("/web/technical/migrations/?search=x_badge"))
    assert "add_column" in html and "res_partner" in html and "x_badge" in html


def test_search_looks_in_the_configured_fields(admin):
    html = text(admin.get("/web/technical/users/?search=demo"))
    assert rows(html) == ["Marc Demo"]


def test_a_filter_chosen_in_its_small_form_narrows_the_list(admin):
    response = admin.get("/web/technical/views/?flt_pick=type_equals&flt_value=kanban")
    assert response.status_code == 302 and "flt0_type_equals=kanban" in response.headers["Location"]
    html = text(admin.get(response.headers["Location"]))
    assert rows(html) and all("kanban" in name for name in rows(html))
    assert re.search(r'class="facet">View Type equals Kanban', html)


def test_sorting_by_a_column_orders_the_rows(admin):
    ascending = rows(text(admin.get("/web/technical/users/?sort=1")))
    descending = rows(text(admin.get("/web/technical/users/?sort=1&desc=1")))
    assert ascending == list(reversed(descending)) and len(ascending) > 2


def test_long_lists_are_paged(admin):
    html = text(admin.get("/web/technical/external_ids/"))
    total = int(re.search(r"1-40 / (\d+)", html).group(1))
    assert total > 40 and len(rows(html)) == 40
    assert len(rows(text(admin.get("/web/technical/external_ids/?page=1")))) == 40


def test_archived_records_are_listed_too(admin, in_db):
    in_db(lambda env: env["res.users"].search([("login", "=", "demo")]).write({"active": False}))
    assert "Marc Demo" in rows(text(admin.get("/web/technical/users/")))


def test_a_custom_field_shows_in_the_back_office_without_restart(admin, in_db):
    admin.get("/web/technical/users/details/?id=2")
    in_db(
        lambda env: env["ir.model.fields"].create(
            {"name": "x_badge", "model": "res.users", "ttype": "char", "field_description": "Badge number"}
        )
    )
    assert "Badge number" in text(admin.get("/web/technical/users/details/?id=2"))


def test_a_new_record_form_starts_from_the_defaults(admin):
    html = text(admin.get("/web/technical/access/new/"))
    assert re.search(r'<input[^>]*checked[^>]*name="active"|<input[^>]*name="active"[^>]*checked', html)
