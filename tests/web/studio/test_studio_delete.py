"""Deleting a custom field from the studio: the consultant sees what is lost and confirms; the field, its
values and the studio's view changes go together; addon fields stay."""

from __future__ import annotations

from tests.fixtures.web_client import text
from tests.web.studio.test_studio_fields import custom_rows, studio_views


def with_a_filled_field(studio_post, in_db):
    studio_post("res.partner", "form", "add", label="Customer code", ttype="char", position="after:email")
    in_db(lambda env: env["res.partner"].browse([1, 3]).write({"x_customer_code": "C-1"}))


def test_deletion_asks_for_confirmation_and_says_what_is_lost(studio_post, admin, in_db):
    with_a_filled_field(studio_post, in_db)
    response = studio_post("res.partner", "form", "delete", name="x_customer_code")
    assert response.status_code == 302
    page = text(admin.get(response.headers["Location"]))
    assert "Delete the field Customer code?" in page and "2 records hold a value in it" in page
    assert "saved first in a CSV file" in page
    assert custom_rows(in_db, "x_customer_code") != []


def test_a_confirmed_deletion_removes_the_field_its_values_and_its_place(studio_post, admin, in_db):
    with_a_filled_field(studio_post, in_db)
    response = studio_post("res.partner", "form", "delete", name="x_customer_code", confirm="1")
    page = text(admin.get(response.headers["Location"]))
    saved = in_db(lambda env: env["ir.attachment"].search_read(
        [("res_model", "=", "ir.model"), ("name", "=like", "res.partner.x_customer_code-%")], ["name"]))
    assert len(saved) == 1 and saved[0]["name"] in page and "its values are saved in" in page
    assert in_db(lambda env: env["ir.attachment"].browse(saved[0]["id"]).raw.decode().splitlines()) == [
        ".id,x_customer_code", "1,C-1", "3,C-1"]
    assert custom_rows(in_db, "x_customer_code") == []
    assert studio_views(in_db) == []
    assert "x_customer_code" not in text(admin.get("/web/model/res.partner/new"))


def test_a_field_of_a_generated_view_leaves_the_stored_view_too(studio_post, in_db):
    studio_post(
        "res.country.state", "form", "add", label="Capital", ttype="char", position="inside:main_left"
    )
    studio_post("res.country.state", "form", "delete", name="x_capital", confirm="1")
    assert custom_rows(in_db, "x_capital") == []
    arches = [arch for _m, _t, _mode, arch in studio_views(in_db, "res.country.state")]
    assert all("x_capital" not in repr(arch) for arch in arches)


def test_fields_of_addons_cannot_be_deleted(studio_post, admin, in_db):
    response = studio_post("res.partner", "form", "delete", name="email", confirm="1")
    assert "comes from an addon" in text(admin.get(response.headers["Location"]))
    assert in_db(lambda env: "email" in env["res.partner"]._fields)
