"""The search bar's facets: terms on one field OR'ed, on different fields AND'ed, filter sections,
removing a facet, drill-downs, and views keeping the search."""

from __future__ import annotations

import html
import json
import re
from urllib.parse import quote

from core.domain.parse import AND_
from tests.fixtures.web_client import text
from web.client.search import SearchState, search_domain
from web.client.views.arch import get_arch

CONTACTS = "/web/model/res.partner"


def _rows(page: str) -> list[str]:
    return re.findall(r'<a class="row-link" href="[^"]+">([^<]+)</a>', page)


def _domain(in_db, **state):
    def work(env):
        model = env["res.partner"]
        return search_domain(env, model, get_arch(env, "res.partner", "search"), SearchState(**state))

    return in_db(work)


def test_terms_on_one_field_are_ored_and_on_two_fields_anded(in_db):
    same = _domain(in_db, terms=[("email", "a"), ("email", "b")])
    assert same == ["|", ("email", "ilike", "a"), ("email", "ilike", "b")]
    two = _domain(in_db, terms=[("email", "a"), ("phone", "5"), ("email", "b")])
    assert two == AND_([["|", ("email", "ilike", "a"), ("email", "ilike", "b")], [("phone", "ilike", "5")]])


def test_filter_sections_are_anded_and_filters_of_one_section_ored(in_db):
    domain = _domain(in_db, filters=["type_company", "type_person", "inactive"])
    assert domain == AND_(
        [["|", ("is_company", "=", False), ("is_company", "=", True)], [("active", "=", False)]]
    )


def test_two_terms_on_one_field_widen_the_list(admin):
    deco = _rows(text(admin.get(CONTACTS + "?s=1&q=complete_name:deco")))
    azure = _rows(text(admin.get(CONTACTS + "?s=1&q=complete_name:azure")))
    page = text(admin.get(CONTACTS + "?s=1&q=complete_name:deco&q=complete_name:azure"))
    assert deco and azure and set(_rows(page)) == set(deco) | set(azure)
    assert "Name: deco or azure" in page


def test_terms_on_two_fields_narrow_the_list(admin):
    azure = _rows(text(admin.get(CONTACTS + "?s=1&q=complete_name:azure")))
    page = text(admin.get(CONTACTS + "?s=1&q=complete_name:azure&q=email:brandon"))
    assert len(azure) == 2
    assert [html.unescape(r) for r in _rows(page)] == ["Azure Interior, Brandon Freeman"]
    assert "Name: azure" in page and "Email: brandon" in page


def test_removing_a_facet_drops_all_its_terms_and_keeps_the_others(admin):
    page = text(admin.get(CONTACTS + "?s=1&q=complete_name:deco&q=complete_name:azure&q=email:example"))
    removes = dict(
        (html.unescape(label), html.unescape(url))
        for url, label in re.findall(
            r'<a class="facet-remove" href="([^"]+)" aria-label="Remove ([^"]+)"', page
        )
    )
    url = removes["Name: deco or azure"]
    assert "complete_name" not in url and "q=email%3Aexample" in url


def test_views_switch_with_the_search_kept(admin):
    page = html.unescape(text(admin.get(CONTACTS + "?s=1&q=complete_name:deco&filter=type_company")))
    kanban = re.search(r'class="switch switch-kanban[^"]*" href="([^"]+)"', page).group(1)
    assert "q=complete_name%3Adeco" in kanban and "filter=type_company" in kanban and "view=kanban" in kanban
    assert _rows(text(admin.get(CONTACTS + "?s=1&q=complete_name:deco&view=list"))) == ["Deco Addict"]


def test_a_drill_down_shows_exactly_its_records(admin, in_db):
    spain, expected = in_db(
        lambda env: (
            env.ref("base.es").id,
            env["res.partner"].search_count([("country_id.code", "=", "ES"), ("is_company", "=", True)]),
        )
    )
    dd = json.dumps({"label": "Spain / Yes", "cells": [["country_id", spain], ["is_company", True]]})
    page = text(admin.get(CONTACTS + "?s=1&dd=" + quote(dd)))
    assert expected and len(_rows(page)) == expected
    assert "Spain / Yes" in page


def test_a_drill_down_on_a_field_one_cannot_group_by_is_refused(admin):
    dd = json.dumps({"label": "x", "cells": [["password", "secret"]]})
    response = admin.get(CONTACTS + "?s=1&dd=" + quote(dd))
    assert response.status_code in (400, 422)
    assert "password" in text(response)


def test_calendar_and_kanban_follow_the_search(admin):
    for view in ("calendar", "kanban"):
        page = text(admin.get(CONTACTS + f"?view={view}&s=1&q=complete_name:deco"))
        assert "Deco Addict" in page and "Azure Interior" not in page, view


def test_search_grouping_gives_the_pivot_its_rows(admin):
    page = text(admin.get(CONTACTS + "?view=pivot&s=1&groupby=country_id&groupby=is_company&cols="))
    depths = set(re.findall(r'<tr class="pivot-row depth-(\d)', page))
    assert depths == {"0", "1", "2"}
    assert "Country &gt; Is a Company" in page or "Country > Is a Company" in page
