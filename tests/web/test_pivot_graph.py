"""Pivot and graph views: levels, expansion, drill-down, measures, the XLSX copy, saved setups."""

from __future__ import annotations

import html
import io
import json
import re
from urllib.parse import parse_qs, urlsplit

from openpyxl import load_workbook

from tests.fixtures.web_client import text

CONTACTS = "/web/model/res.partner"
TWO_LEVELS = "?view=pivot&rows=country_id&rows=is_company&cols="


def _rows(page: str) -> list[str]:
    return re.findall(r'<a class="row-link" href="[^"]+">([^<]+)</a>', page)


def _pivot_rows(page: str) -> list[tuple[int, str, list[tuple[str, str]]]]:
    """(depth, label, [(url, value)]) of each shown row."""
    result = []
    for depth, body in re.findall(r'<tr class="pivot-row depth-(\d)[^"]*">(.*?)</tr>', page, re.S):
        label = re.search(r'title="([^"]*)"', body).group(1)
        cells = re.findall(r'<a class="pivot-cell" href="([^"]+)">([^<]+)</a>', body)
        result.append((int(depth), html.unescape(label), [(html.unescape(u), v) for u, v in cells]))
    return result


def test_two_row_levels_show_subtotals_and_drill_down_to_exactly_the_records(admin, in_db):
    count, spain_companies = in_db(
        lambda env: (
            env["res.partner"].search_count([]),
            env["res.partner"].search_count([("country_id.code", "=", "ES"), ("is_company", "=", True)]),
        )
    )
    rows = _pivot_rows(text(admin.get(CONTACTS + TWO_LEVELS)))
    assert rows[0][:2] == (0, "Total") and rows[0][2][0][1] == str(count)
    spain = next(i for i, row in enumerate(rows) if row[:2] == (1, "Spain"))
    company = next(row for row in rows[spain + 1 :] if row[0] == 2 and row[1] == "Yes")
    url, value = company[2][0]
    assert value == str(spain_companies)
    listed = _rows(text(admin.get(url)))
    assert len(listed) == spain_companies
    assert "view=list" in url and "dd=" in url


def test_folding_a_header_hides_its_children(admin, in_db):
    page = text(admin.get(CONTACTS + TWO_LEVELS))
    fold = re.search(r'<a class="pivot-header pivot-expanded" href="([^"]+)"[^>]*title="Spain"', page).group(
        1
    )
    rows = _pivot_rows(text(admin.get(html.unescape(fold))))
    spain = next(i for i, row in enumerate(rows) if row[1] == "Spain")
    assert rows[spain + 1][0] == 1  # the next row is another country, not Spain's children
    assert len(rows) < len(_pivot_rows(page))


def test_expanding_one_header_adds_a_level_and_keeps_the_others_folded(admin, in_db):
    spain = in_db(lambda env: env.ref("base.es").id)
    response = admin.get(
        CONTACTS + f"?view=pivot&rows=country_id&cols=&pax=row&pexp=[{spain}]&pby=is_company"
    )
    assert response.status_code == 302
    query = parse_qs(urlsplit(response.headers["Location"]).query, keep_blank_values=True)
    assert query["rows"] == ["country_id", "is_company"]
    assert f"[{spain}]" not in query["rfold"] and len(query["rfold"]) >= 1
    rows = _pivot_rows(text(admin.get(response.headers["Location"])))
    assert [row[1] for row in rows if row[0] == 2] in (["No", "Yes"], ["Yes", "No"], ["Yes"], ["No"])


def test_columns_have_levels_and_a_total(admin, in_db):
    page = text(admin.get(CONTACTS + "?view=pivot&rows=&cols=is_company&cols=type"))
    assert page.count('class="pivot-col-header"') >= 4  # Total, Yes/No, their types, the total column
    (_depth, _label, cells) = _pivot_rows(page)[0]
    values = [int(v) for _u, v in cells]
    assert sum(values[:-1]) == values[-1]


def test_measures_are_limited_to_numbers_and_count(admin):
    page = text(admin.get(CONTACTS + "?view=pivot&rows=country_id&cols=&measure=email&measure=__count"))
    assert re.findall(r'<tr class="pivot-measures">(.*?)</tr>', page, re.S)[0].count("<th") == 1
    assert 'type="checkbox" name="measure" value="email"' not in page


def test_group_bys_are_limited_to_stored_fields_with_date_intervals(admin):
    page = text(admin.get(CONTACTS + "?view=pivot&rows=display_name&cols="))
    assert len(_pivot_rows(page)) == 1  # an unstored field is not a level
    assert 'data-spec="create_date:quarter"' in page and 'data-spec="display_name"' not in page
    dated = _pivot_rows(text(admin.get(CONTACTS + "?view=pivot&rows=create_date:year&cols=")))
    assert len(dated) >= 2 and dated[1][0] == 1


def test_a_date_field_is_one_group_by_choice_with_its_intervals(admin):
    page = text(admin.get(CONTACTS + "?view=pivot&rows=country_id&cols="))
    menu = page[page.index('class="pivot-menu'):]
    fields = re.findall(r'role="menuitem" class="dropdown-item(?: has-intervals)?"[^>]*>([^<]+)<', menu)
    assert fields.count("Created on") == 1 and not any(":" in label for label in fields)
    intervals = re.search(r'id="pivot-iv-create_date"[^>]*hidden>(.*?)</div>', menu, re.S).group(1)
    assert re.findall(r'data-spec="create_date:(\w+)">(\w+)<', intervals) == [
        ("year", "Year"), ("quarter", "Quarter"), ("month", "Month"), ("week", "Week"), ("day", "Day")]
    graph = text(admin.get(CONTACTS + "?view=graph"))
    assert graph.count('<optgroup label="Created on">') == 2  # once in each group-by select


def test_flip_axes_swaps_rows_and_columns(admin):
    page = html.unescape(text(admin.get(CONTACTS + "?view=pivot&rows=country_id&cols=is_company")))
    flip = re.search(r'<a class="button small" href="([^"]+)">Flip axes', page).group(1)
    query = parse_qs(urlsplit(flip).query, keep_blank_values=True)
    assert query["rows"] == ["is_company"] and query["cols"] == ["country_id"]


def test_xlsx_download_has_the_pivot_as_shown(admin, in_db):
    count, spain = in_db(
        lambda env: (
            env["res.partner"].search_count([]),
            env["res.partner"].search_count([("country_id.code", "=", "ES")]),
        )
    )
    response = admin.get(
        "/web/data/res.partner/pivot.xlsx" + TWO_LEVELS.replace("view=pivot&", "") + "&measure=__count"
    )
    assert response.status_code == 200 and "spreadsheetml" in response.mimetype
    sheet = load_workbook(io.BytesIO(response.data)).active
    values = {row[0]: row[1] for row in sheet.iter_rows(min_row=1, values_only=True) if row[0]}
    assert sheet.cell(row=1, column=2).value == "Total"
    assert sheet.cell(row=2, column=2).value == "Count"
    assert values["Total"] == count and values["Spain"] == spain
    labels = [row[0] for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert labels[labels.index("Spain") + 1] in ("Yes", "No")


def test_a_saved_filter_keeps_the_pivot_setup(admin, in_db):
    response = admin.post(
        "/web/data/res.partner/filters",
        data={
            "csrf_token": admin.csrf,
            "name": "Countries by kind",
            "filter": "type_company",
            "view": "pivot",
            "rows": ["country_id", "is_company"],
            "cols": [""],
            "measure": "__count",
            "back": CONTACTS,
        },
    )
    assert response.status_code == 302
    saved = in_db(
        lambda env: env["ir.ui.filter"].search([("name", "=", "Countries by kind")]).read(["context"])[0]
    )
    assert "pivot_row_groupby" in saved["context"]
    rows = _pivot_rows(text(admin.get(CONTACTS + f"?view=pivot&s=1&saved={saved['id']}")))
    assert {row[0] for row in rows} == {0, 1, 2}


def _chart(page: str) -> dict:
    return json.loads(html.unescape(re.search(r'data-graph="([^"]+)"', page).group(1)))


def test_graph_cumulative_line_adds_up_and_stacked_bars_have_series(admin):
    plain = _chart(text(admin.get(CONTACTS + "?view=graph&type=line&rows=create_date:day&cumulated=0")))
    running = _chart(text(admin.get(CONTACTS + "?view=graph&type=line&rows=create_date:day&cumulated=1")))
    data = plain["datasets"][0]["data"]
    assert running["datasets"][0]["data"] == [sum(data[: i + 1]) for i in range(len(data))]
    stacked = _chart(
        text(admin.get(CONTACTS + "?view=graph&type=bar&rows=country_id&rows=is_company&stacked=1"))
    )
    assert stacked["stacked"] is True and len(stacked["datasets"]) >= 2
    side = _chart(
        text(admin.get(CONTACTS + "?view=graph&type=bar&rows=country_id&rows=is_company&stacked=0"))
    )
    assert side["stacked"] is False


def test_graph_drill_down_lists_the_group(admin, in_db):
    spain = in_db(lambda env: env["res.partner"].search_count([("country_id.code", "=", "ES")]))
    page = html.unescape(text(admin.get(CONTACTS + "?view=graph&rows=country_id")))
    url = re.search(r'<td><a href="([^"]+)">Spain</a>', page).group(1)
    assert len(_rows(text(admin.get(url)))) == spain


def test_a_saved_filter_keeps_the_graph_setup(admin, in_db):
    admin.post(
        "/web/data/res.partner/filters",
        data={
            "csrf_token": admin.csrf,
            "name": "Cumulative by day",
            "view": "graph",
            "rows": ["create_date:day", "is_company"],
            "measure": "__count",
            "type": "line",
            "stacked": "0",
            "cumulated": "1",
            "back": CONTACTS,
        },
    )
    saved = in_db(
        lambda env: env["ir.ui.filter"].search([("name", "=", "Cumulative by day")]).read(["context"])[0]
    )
    chart = _chart(text(admin.get(CONTACTS + f"?view=graph&s=1&saved={saved['id']}")))
    assert chart["type"] == "line" and len(chart["datasets"]) >= 1
    page = text(admin.get(CONTACTS + f"?view=graph&s=1&saved={saved['id']}"))
    assert 'aria-pressed="true">Cumulative' in page
