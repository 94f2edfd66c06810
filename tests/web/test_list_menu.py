"""Import and export where users look for them: the list's menu links to the import mapping screen
(only for who may create) and to the export field picker, whose chosen fields can be kept as a
saved export template (ir.exports)."""

from __future__ import annotations

import html
import io
import json
import re
from urllib.parse import parse_qs, urlsplit

from tests.fixtures.web_client import text

MENU = re.compile(r'<details class="dropdown list-menu">(.*?)</details>', re.S)


def _menu(page: str) -> str:
    found = MENU.search(page)
    assert found, "the list has its menu"
    return found.group(1)


def test_list_menu_links_import_and_export_with_the_current_search(admin):
    menu = _menu(text(admin.get("/web/model/res.partner?s=1&q=email:deco")))
    assert "/web/dataio/import/res.partner" in menu and "Import records" in menu
    export = html.unescape(re.search(r'href="([^"]*/web/dataio/export/res.partner[^"]*)"', menu).group(1))
    domain = json.loads(parse_qs(urlsplit(export).query)["domain"][0])
    assert any(term[0] == "email" and "deco" in str(term[2]) for term in domain if isinstance(term, list))
    picker = text(admin.get(export))
    assert "All 1 matching records" in picker


def test_no_import_entry_for_who_cannot_create(login_as, admin, in_db):
    assert "Import records" in _menu(text(admin.get("/web/model/res.country")))
    demo = login_as("demo")
    assert in_db(lambda env: not env["res.country"].with_user(
        env.ref("base.user_demo")).check_access_rights("create", raise_exception=False))
    menu = _menu(text(demo.get("/web/model/res.country")))
    assert "Import records" not in menu and "/web/dataio/export/res.country" in menu
    assert demo.get("/web/dataio/import/res.country").status_code == 403


def test_chosen_fields_are_kept_as_an_export_template(admin, in_db):
    picker = text(admin.get("/web/dataio/export/res.partner"))
    token = re.search(r'name="csrf_token" value="([^"]+)"', picker).group(1)
    response = admin.post("/web/dataio/export/res.partner/template", data={
        "csrf_token": token, "template_name": "Mailing", "fields": ["name", "email"],
        "extra": "country_id.code", "domain": "", "ids": ""})
    assert response.status_code == 302
    lines = in_db(lambda env: env["ir.exports"].search([("name", "=", "Mailing")])
                  .export_fields.mapped("name"))
    assert lines == ["name", "email", "country_id.code"]
    page = text(admin.get(response.headers["Location"]))
    assert re.search(r'<option value="\d+" selected>Mailing</option>', page)
    checked = set(re.findall(r'name="fields" value="([^"]+)" checked', page))
    assert checked == {"name", "email"}
    assert 'name="extra" value="country_id.code"' in page


def test_a_template_without_a_name_is_refused_naming_the_field(admin, in_db):
    picker = text(admin.get("/web/dataio/export/res.partner"))
    token = re.search(r'name="csrf_token" value="([^"]+)"', picker).group(1)
    response = admin.post("/web/dataio/export/res.partner/template",
                          data={"csrf_token": token, "template_name": " ", "fields": ["name"]})
    assert response.status_code == 400 and "Template name" in text(response)
    assert in_db(lambda env: env["ir.exports"].search_count([])) == 0


def test_an_import_from_the_list_leads_back_to_it(admin):
    menu = _menu(text(admin.get("/web/model/res.partner?q=email:deco")))
    start = html.unescape(re.search(r'href="([^"]*/web/dataio/import/res.partner[^"]*)"', menu).group(1))
    back = parse_qs(urlsplit(start).query)["back"][0]
    assert back.startswith("/web/model/res.partner") and "email:deco" in back
    upload = text(admin.get(start))
    token = re.search(r'name="csrf_token" value="([^"]+)"', upload).group(1)
    csv = b"name,email\nBack Again S.L.,back@again.example\n"
    mapping = text(admin.post(start, data={"csrf_token": token, "file": (io.BytesIO(csv), "back.csv")},
                              content_type="multipart/form-data"))
    action = html.unescape(re.search(r'<form method="post" action="([^"]*/run[^"]*)"', mapping).group(1))
    assert parse_qs(urlsplit(action).query)["back"][0] == back
    fields = dict(re.findall(r'name="(column_\d+)"[^>]*>.*?<option value="([^"]+)" selected', mapping, re.S))
    upload_token = re.search(r'name="token" value="([^"]+)"', mapping).group(1)
    done = text(admin.post(action, data={"csrf_token": token, "action": "import", "token": upload_token,
                                         **fields}))
    assert "1 records imported" in done and "Back to the list" in done
    assert f'href="{html.escape(back)}"' in done or f'href="{back}"' in done


def test_an_outside_address_is_never_the_way_back(app):
    from web.dataio.imports import back_url

    for given, kept in (("/web/model/res.partner?q=a", "/web/model/res.partner?q=a"),
                        ("//evil.example/web/", None), ("https://evil.example/web/", None),
                        ("/web/..//evil.example", None), ("/web\\evil", None)):
        with app.test_request_context("/web/dataio/import/res.partner", query_string={"back": given}):
            assert back_url() == kept, given
