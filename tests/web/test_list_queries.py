"""Query budget of a list page: rows cost a constant number of statements, whatever their count."""

from __future__ import annotations

from core.addon.view_defaults import default_list
from web.client.views import list as list_view


def _render_rows(env, limit):
    Partner = env["res.partner"]
    arch = {
        "columns": [
            {"field": "name"},
            {"field": "email"},
            {"field": "country_id"},
            {"field": "category_id"},
            {"field": "user_id"},
        ]
    }
    columns = list_view.list_columns(Partner, arch)
    env.invalidate_all()
    before = env.cr.sql_count
    records = Partner.search_fetch(
        [("name", "=like", "Budget %")], list_view.read_fields(Partner, arch, columns), limit=limit
    )
    rows = list_view.rows_data(env, Partner, arch, columns, records)
    return env.cr.sql_count - before, rows


def test_list_rows_cost_the_same_statements_for_10_or_80_rows(env):
    countries = env["res.country"].search([], limit=5).ids
    tags = env["res.partner.category"].create([{"name": f"Budget tag {i}"} for i in range(3)]).ids
    env["res.partner"].create(
        [
            {
                "name": f"Budget {i:03d}",
                "email": f"b{i}@example.com",
                "country_id": countries[i % 5],
                "category_id": [(6, 0, tags[: i % 3 + 1])],
            }
            for i in range(80)
        ]
    )
    few, rows_10 = _render_rows(env, 10)
    many, rows_80 = _render_rows(env, 80)
    assert len(rows_10) == 10 and len(rows_80) == 80
    assert many == few
    assert many <= 8


def test_default_list_of_a_model_without_views_has_its_name_first(env):
    columns = default_list(env["res.country.state"])["columns"]
    assert columns[0]["field"] == "name"
