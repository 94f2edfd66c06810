"""Changing a custom field's properties in the studio: label, help, required and options, written to its
ir.model.fields row through the record API; what it refuses is shown next to its input."""

from __future__ import annotations

import re

from tests.fixtures.web_client import text


def add_tier(studio_post):
    studio_post(
        "res.partner",
        "form",
        "add",
        label="Tier",
        ttype="selection",
        selection="Gold\nSilver",
        position="after:email",
    )


def test_the_properties_of_a_custom_field_are_shown_for_editing(studio_post, admin):
    add_tier(studio_post)
    page = text(admin.get("/web/studio/res.partner/form?edit=x_tier"))
    assert "Properties of Tier" in page and "gold: Gold\nsilver: Silver</textarea>" in page


def test_a_new_label_and_help_are_written_to_the_field(studio_post, in_db):
    add_tier(studio_post)
    studio_post(
        "res.partner",
        "form",
        "properties",
        name="x_tier",
        label="Customer tier",
        help="How loyal.",
        selection="gold: Gold\nsilver: Silver",
    )
    row = in_db(
        lambda env: env["ir.model.fields"].search_read(
            [("name", "=", "x_tier")], ["field_description", "help"]
        )[0]
    )
    assert (row["field_description"], row["help"]) == ("Customer tier", "How loyal.")


def test_an_option_still_used_cannot_be_dropped(studio_post, in_db):
    add_tier(studio_post)
    in_db(lambda env: env["res.partner"].browse(1).write({"x_tier": "silver"}))
    response = studio_post(
        "res.partner", "form", "properties", name="x_tier", label="Tier", selection="gold: Gold"
    )
    assert response.status_code == 422
    assert re.search(r'id="edit-selection-error"[^>]*>[^<]*still use an option', text(response))
    options = in_db(lambda env: [key for key, _label in env["res.partner"]._fields["x_tier"].selection])
    assert options == ["gold", "silver"]


def test_an_empty_label_is_refused_next_to_it(studio_post):
    add_tier(studio_post)
    response = studio_post("res.partner", "form", "properties", name="x_tier", label=" ")
    assert response.status_code == 422 and 'id="edit-label-error"' in text(response)


def test_fields_of_addons_have_no_properties_to_change_here(studio_post, admin):
    response = studio_post("res.partner", "form", "properties", name="email", label="Mail")
    assert "comes from an addon" in text(admin.get(response.headers["Location"]))
