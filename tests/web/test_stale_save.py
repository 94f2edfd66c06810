"""Saving a form checks the version it was opened at: a change by someone else in between is refused
with a clear message, and the typed values stay on screen; the form's script may save and ask for JSON."""

from __future__ import annotations

import re

from tests.fixtures.web_client import text

STAMP = re.compile(r'name="__last_update" value="([^"]*)"')


def _digits(value: str) -> str:
    return "".join(c for c in value or "" if c.isdigit())


def _partner(in_db, name: str) -> int:
    return in_db(lambda env: env["res.partner"].create({"name": name, "company_type": "company"}).id)


def _opened_at(client, partner_id: int) -> str:
    found = STAMP.search(text(client.get(f"/web/model/res.partner/{partner_id}")))
    assert found and found.group(1), "the form carries the version it was opened at"
    return found.group(1)


def _save(client, partner_id: int, stamp: str, **values):
    data = {"csrf_token": client.csrf, "company_type": "company", "lang": "en_US", "__last_update": stamp}
    data.update(values)
    return client.post(f"/web/model/res.partner/{partner_id}", data=data)


def test_save_of_an_unchanged_record_goes_through(admin, in_db):
    partner_id = _partner(in_db, "Quiet Ltd")
    response = _save(admin, partner_id, _opened_at(admin, partner_id), name="Quiet Ltd", phone="600111222")
    assert response.status_code == 302
    assert _digits(in_db(lambda env: env["res.partner"].browse(partner_id).phone)).endswith("600111222")


def test_stale_save_is_refused_and_keeps_the_typed_values(admin, in_db):
    partner_id = _partner(in_db, "Busy Ltd")
    stamp = _opened_at(admin, partner_id)
    in_db(lambda env: env["res.partner"].browse(partner_id).write({"phone": "999"}))

    response = _save(admin, partner_id, stamp, name="Busy Ltd", phone="600333444")
    assert response.status_code == 422
    page = text(response)
    assert "after you opened it" in page and "save again" in page
    assert 'value="600333444"' in page  # the user's value, not the other person's
    assert in_db(lambda env: env["res.partner"].browse(partner_id).phone) == "999"

    # the form shown now is at the current version: saving again knowingly overwrites
    again = _save(admin, partner_id, STAMP.search(page).group(1), name="Busy Ltd", phone="600333444")
    assert again.status_code == 302
    assert _digits(in_db(lambda env: env["res.partner"].browse(partner_id).phone)).endswith("600333444")


def test_save_only_answers_json_with_the_new_version(admin, in_db):
    partner_id = _partner(in_db, "Script Ltd")
    stamp = _opened_at(admin, partner_id)
    data = {"csrf_token": admin.csrf, "company_type": "company", "lang": "en_US", "__last_update": stamp,
            "name": "Script Ltd", "phone": "611"}
    response = admin.post(f"/web/model/res.partner/{partner_id}", data=data,
                          headers={"X-Save-Only": "1", "X-Requested-With": "fetch"})
    assert response.status_code == 200
    answer = response.get_json()
    assert answer["id"] == partner_id and answer["last_update"] >= stamp
    # a second save from the same page uses the version it was given back, so it is not stale
    data.update(__last_update=answer["last_update"], phone="622")
    assert admin.post(f"/web/model/res.partner/{partner_id}", data=data,
                      headers={"X-Save-Only": "1"}).status_code == 200
    assert in_db(lambda env: env["res.partner"].browse(partner_id).phone) == "622"


def test_save_only_reports_a_validation_error_as_json(admin, in_db):
    partner_id = _partner(in_db, "Mail Ltd")
    data = {"csrf_token": admin.csrf, "company_type": "company", "lang": "en_US",
            "__last_update": _opened_at(admin, partner_id), "name": "", "email": "x@example.com"}
    response = admin.post(f"/web/model/res.partner/{partner_id}", data=data, headers={"X-Save-Only": "1"})
    assert response.status_code == 422
    assert "name" in response.get_json()["errors"]
    assert in_db(lambda env: env["res.partner"].browse(partner_id).name) == "Mail Ltd"
