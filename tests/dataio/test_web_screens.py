"""The import/export screens of the web client, driven over HTTP as a browser would."""

from __future__ import annotations

import io
import re

import requests

from core.exchange.files import read_table
from tests.dataio.conftest import csrf_token

GOOD = "Name,Email,Country\nWeb Uno,wu@example.com,Spain\nWeb Dos,wd@example.com,France\n"
BAD = "Name,Email,Country\nWeb Bad Uno,wbu@example.com,Spain\nWeb Bad Dos,wbd@example.com,Atlantis\n"


def upload(browser, server, text: str, name: str = "people.csv") -> str:
    form = browser.get(f"{server.base}/web/dataio/import/res.partner", timeout=30)
    assert form.status_code == 200
    response = browser.post(
        f"{server.base}/web/dataio/import/res.partner",
        timeout=30,
        data={"csrf_token": csrf_token(form.text)},
        files={"file": (name, io.BytesIO(text.encode()), "text/csv")},
    )
    assert response.status_code == 200, response.text
    return response.text


def submit_mapping(browser, server, page: str, action: str, override: dict[str, str] | None = None) -> str:
    data = {
        "csrf_token": csrf_token(page),
        "token": re.search(r'name="token" value="([^"]+)"', page).group(1),
        "action": action,
    }
    for index, selected in re.findall(r'name="column_(\d+)".*?<option value="([^"]*)" selected', page, re.S):
        data[f"column_{index}"] = selected
    data.update(override or {})
    response = browser.post(f"{server.base}/web/dataio/import/res.partner/run", data=data, timeout=60)
    assert response.status_code == 200, response.text
    return response.text


def count(browser, server, name: str) -> int:
    body = browser.post(
        f"{server.base}/web/dataset/call_kw",
        timeout=30,
        json={
            "params": {
                "model": "res.partner",
                "method": "search_count",
                "args": [[["name", "=like", name]]],
                "kwargs": {},
            }
        },
    )
    return body.json()["result"]


def test_upload_proposes_the_mapping(browser, server):
    page = upload(browser, server, GOOD)
    assert '<option value="email" selected' in page and '<option value="country_id" selected' in page
    assert "Web Uno" in page


def test_test_button_writes_nothing(browser, server):
    page = submit_mapping(browser, server, upload(browser, server, GOOD), "check")
    assert "2 records can be imported" in page
    assert count(browser, server, "Web %") == 0


def test_bad_rows_are_listed_with_line_and_column_and_nothing_written(browser, server):
    page = submit_mapping(browser, server, upload(browser, server, BAD), "import")
    assert "Line 3" in page and "column Country" in page and "Atlantis" in page
    assert count(browser, server, "Web Bad%") == 0


def test_import_writes_and_remembers_the_mapping(browser, server):
    page = submit_mapping(
        browser,
        server,
        upload(browser, server, "Mail,Full name\nwt@example.com,Web Tres\n"),
        "import",
        {"column_0": "email", "column_1": "name"},
    )
    assert "1 records imported" in page
    assert count(browser, server, "Web Tres") == 1
    again = upload(browser, server, "Mail,Full name\nwc@example.com,Web Cuatro\n")
    assert '<option value="email" selected' in again and '<option value="name" selected' in again


def test_xlsx_upload(browser, server):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Name"])
    workbook.active.append(["Web Xlsx"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    form = browser.get(f"{server.base}/web/dataio/import/res.partner", timeout=30)
    page = browser.post(
        f"{server.base}/web/dataio/import/res.partner",
        timeout=30,
        data={"csrf_token": csrf_token(form.text)},
        files={"file": ("p.xlsx", io.BytesIO(buffer.getvalue()), "application/octet-stream")},
    ).text
    assert "Web Xlsx" in submit_mapping(browser, server, page, "check") or "1 records can be imported" in page


def test_unsupported_file_is_a_clear_error(browser, server):
    form = browser.get(f"{server.base}/web/dataio/import/res.partner", timeout=30)
    response = browser.post(
        f"{server.base}/web/dataio/import/res.partner",
        timeout=30,
        data={"csrf_token": csrf_token(form.text)},
        files={"file": ("p.pdf", io.BytesIO(b"%PDF"), "application/pdf")},
    )
    assert response.status_code == 400 and "unsupported file type" in response.text


def test_post_without_csrf_token_is_refused(browser, server):
    response = browser.post(
        f"{server.base}/web/dataio/import/res.partner",
        timeout=30,
        files={"file": ("p.csv", io.BytesIO(GOOD.encode()), "text/csv")},
    )
    assert response.status_code == 400


def test_anonymous_visitor_is_sent_to_login(server):
    response = requests.get(f"{server.base}/web/dataio/import/res.partner", timeout=30, allow_redirects=False)
    assert response.status_code == 302 and "/web/login" in response.headers["Location"]


def test_export_selected_records_as_csv(browser, server):
    form = browser.get(f"{server.base}/web/dataio/export/res.partner", params={"ids": "3"}, timeout=30)
    assert "The 1 selected records" in form.text
    response = browser.post(
        f"{server.base}/web/dataio/export/res.partner",
        timeout=30,
        data={
            "csrf_token": csrf_token(form.text),
            "ids": "3",
            "scope": "selected",
            "fields": ["name", "email"],
            "extra": "company_id.name",
            "format": "csv",
        },
    )
    assert response.headers["Content-Type"].startswith("text/csv")
    assert response.text.splitlines() == [
        "name,email,company_id/name",
        "Administrator,admin@yourcompany.example.com,YourCompany",
    ]


def test_export_all_matching_as_xlsx_with_labels(browser, server):
    form = browser.get(f"{server.base}/web/dataio/export/res.partner", timeout=30)
    response = browser.post(
        f"{server.base}/web/dataio/export/res.partner",
        timeout=30,
        data={
            "csrf_token": csrf_token(form.text),
            "scope": "all",
            "domain": '[["is_company", "=", true]]',
            "fields": ["name", "country_id"],
            "format": "xlsx",
            "header": "labels",
        },
    )
    header, rows = read_table(response.content, "export.xlsx")
    assert header == ["Name", "Country"] and ["Azure Interior", "United States"] in rows


def test_export_of_an_unknown_field_is_a_clear_error(browser, server):
    form = browser.get(f"{server.base}/web/dataio/export/res.partner", timeout=30)
    response = browser.post(
        f"{server.base}/web/dataio/export/res.partner",
        timeout=30,
        data={"csrf_token": csrf_token(form.text), "scope": "all", "fields": ["nope"], "format": "csv"},
    )
    assert response.status_code == 400 and "nope" in response.text
