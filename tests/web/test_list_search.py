"""List views with the search bar: facets, grouping, sorting, pagination, totals, bulk actions."""

from __future__ import annotations

import re

from tests.fixtures.web_client import text

CONTACTS = "/web/model/res.partner"


def _rows(page):
    return re.findall(r'<a class="row-link" href="[^"]+">([^<]+)</a>', page)


def test_list_shows_the_columns_of_the_view(admin):
    page = text(admin.get(CONTACTS))
    assert ">Email<" in page and ">Country<" in page
    assert "Azure Interior" in page


def test_declared_filter_narrows_the_list(admin):
    page = text(admin.get(CONTACTS + "?s=1&filter=type_company"))
    rows = _rows(page)
    assert "Azure Interior" in rows
    assert "Azure Interior, Brandon Freeman" not in rows
    assert 'class="facet facet-filter"' in page


def test_filters_of_one_section_are_combined_with_or(admin):
    companies = set(_rows(text(admin.get(CONTACTS + "?s=1&filter=type_company"))))
    people = set(_rows(text(admin.get(CONTACTS + "?s=1&filter=type_person"))))
    both = set(_rows(text(admin.get(CONTACTS + "?s=1&filter=type_company&filter=type_person"))))
    assert both == companies | people


def test_free_text_search_uses_the_fields_filter_domain(admin):
    response = admin.get(CONTACTS + "?qf=complete_name&qt=deco")
    assert response.status_code == 302
    page = text(admin.get(response.headers["Location"]))
    assert _rows(page) == ["Deco Addict"]
    assert "Name: deco" in page


def test_group_by_shows_groups_with_counts(admin, in_db):
    spain = in_db(lambda env: env["res.partner"].search_count([("country_id.code", "=", "ES")]))
    page = text(admin.get(CONTACTS + "?s=1&groupby=country_id"))
    assert re.search(r"Spain <span class=\"count\">\(" + str(spain) + r"\)</span>", page)


def test_group_rows_are_loaded_for_one_group(admin, in_db):
    spain = in_db(lambda env: env.ref("base.es").id)
    domain = f'[["country_id", "=", {spain}]]'
    page = text(admin.get("/web/data/res.partner/rows", query_string={"domain": domain}))
    assert "Ana García" in page and "Marc Dubois" not in page


def test_clicking_a_header_sorts_by_that_column(admin):
    ascending = _rows(text(admin.get(CONTACTS + "?order=complete_name+asc")))
    descending = _rows(text(admin.get(CONTACTS + "?order=complete_name+desc")))
    assert ascending == sorted(ascending, key=str.lower) or ascending == list(reversed(descending))
    assert descending == list(reversed(ascending))


def test_unknown_sort_column_falls_back_to_the_default_order(admin):
    assert admin.get(CONTACTS + "?order=password%3B+drop").status_code == 200


def test_pagination_shows_the_next_page(admin, in_db):
    total = in_db(lambda env: env["res.partner"].search_count([]))
    first = text(admin.get(CONTACTS + "?limit=5"))
    second = text(admin.get(CONTACTS + "?limit=5&offset=5"))
    assert f"1-5 / {total}" in first and f"6-10 / {total}" in second
    assert not set(_rows(first)) & set(_rows(second))


def test_summed_columns_are_totalled_over_every_matching_record(admin, in_db):
    def setup(env):
        env["ir.ui.view"].create(
            {
                "name": "currency.sums",
                "model": "res.currency",
                "type": "list",
                "priority": 1,
                "arch": {"columns": [{"field": "name"}, {"field": "rounding", "sum": True}]},
            }
        )
        return round(sum(env["res.currency"].search([]).mapped("rounding")), 2)

    total = in_db(setup)
    page = text(admin.get("/web/model/res.currency?limit=2"))
    shown = re.findall(r'<td class="num total">([^<]+)</td>', page)
    assert [float(value.replace(",", "")) for value in shown] == [total]


def test_bulk_archive_hides_the_selected_records(admin, in_db):
    ids = in_db(
        lambda env: env["res.partner"].search([("name", "in", ["Deco Addict", "Gemini Furniture"])]).ids
    )
    response = admin.post(
        "/web/data/res.partner/bulk",
        data={
            "csrf_token": admin.csrf,
            "operation": "archive",
            "ids": [str(i) for i in ids],
            "back": CONTACTS,
        },
    )
    assert response.status_code == 302
    assert in_db(lambda env: env["res.partner"].search_count([("id", "in", ids)])) == 0
    assert set(_rows(text(admin.get(CONTACTS + "?s=1&filter=inactive")))) >= {
        "Deco Addict",
        "Gemini Furniture",
    }


def test_bulk_export_opens_the_field_picker_with_the_selection(admin, in_db):
    ids = in_db(lambda env: env["res.partner"].search([("name", "=", "Deco Addict")]).ids)
    response = admin.post(
        "/web/data/res.partner/bulk",
        data={"csrf_token": admin.csrf, "operation": "export", "ids": [str(i) for i in ids]},
    )
    assert response.status_code == 302
    picker = text(admin.get(response.headers["Location"]))
    assert f'name="ids" value="{",".join(map(str, ids))}"' in picker
    assert "The 1 selected records" in picker


def test_bulk_delete_without_selection_explains_and_changes_nothing(admin, in_db):
    before = in_db(lambda env: env["res.partner"].search_count([]))
    response = admin.post(
        "/web/data/res.partner/bulk", data={"csrf_token": admin.csrf, "operation": "delete", "back": CONTACTS}
    )
    assert "Select at least one record first" in text(admin.get(response.headers["Location"]))
    assert in_db(lambda env: env["res.partner"].search_count([])) == before


def test_saved_filter_is_offered_and_applies_its_domain(admin, in_db):
    response = admin.post(
        "/web/data/res.partner/filters",
        data={"csrf_token": admin.csrf, "name": "Only companies", "filter": "type_company", "back": CONTACTS},
    )
    assert response.status_code == 302
    saved = in_db(
        lambda env: (
            env["ir.ui.filter"].search([("name", "=", "Only companies")]).read(["user_id", "domain"])[0]
        )
    )
    assert saved["user_id"][0] == 2
    page = text(admin.get(CONTACTS + f"?s=1&saved={saved['id']}"))
    assert "Azure Interior, Brandon Freeman" not in _rows(page) and "Azure Interior" in _rows(page)


def test_inline_edit_of_an_editable_list_saves_the_row(admin, in_db):
    tag = in_db(lambda env: env["res.partner.category"].create({"name": "Inline Tag"}).id)
    form = text(admin.get(f"/web/data/res.partner.category/{tag}/row"))
    assert 'name="name"' in form
    response = admin.post(
        f"/web/data/res.partner.category/{tag}/row",
        data={"csrf_token": admin.csrf, "name": "Renamed Inline"},
        headers={"X-Requested-With": "fetch"},
    )
    assert response.status_code == 200
    assert in_db(lambda env: env["res.partner.category"].browse(tag).name) == "Renamed Inline"


def test_model_without_views_gets_generated_list_and_form(admin, in_db):
    state = in_db(lambda env: env["res.country.state"].search([], limit=1).id)
    assert admin.get("/web/model/res.country.state").status_code == 200
    page = text(admin.get(f"/web/model/res.country.state/{state}"))
    assert 'id="f-code"' in page or 'name="code"' in page
