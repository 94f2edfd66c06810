"""Adding a field from the studio: an ir.model.fields row and a studio extension view, made through the
record API, live on the form; bad input is reported next to its input and changes nothing."""

from __future__ import annotations

import re

from tests.fixtures.web_client import text

PARTNER_FORM = "/web/model/res.partner/new"


def field_order(html: str) -> list[str]:
    return re.findall(r'data-field="([a-z_0-9]+)"', html)


def custom_rows(in_db, name):
    return in_db(
        lambda env: env["ir.model.fields"].search_read([("name", "=", name)], ["model", "state", "ttype"])
    )


def studio_views(in_db, model="res.partner"):
    def read(env):
        ours = env["ir.model.data"].search_read(
            [("module", "=", "studio_customization"), ("model", "=", "ir.ui.view")], ["res_id"]
        )
        views = env["ir.ui.view"].browse([row["res_id"] for row in ours]).exists()
        return [(view.model, view.type, view.mode, view.arch) for view in views if view.model == model]

    return in_db(read)


def test_added_field_is_a_custom_field_row(studio_post, in_db):
    response = studio_post(
        "res.partner",
        "form",
        "add",
        label="Customer code",
        ttype="char",
        required="1",
        help="Code in the old system.",
        position="after:email",
    )
    assert response.status_code == 302
    row = in_db(
        lambda env: env["ir.model.fields"].search_read(
            [("model", "=", "res.partner"), ("name", "=", "x_customer_code")],
            ["state", "ttype", "field_description", "required", "help"],
        )
    )
    assert row == [
        {
            "id": row[0]["id"],
            "state": "manual",
            "ttype": "char",
            "field_description": "Customer code",
            "required": True,
            "help": "Code in the old system.",
        }
    ]


def test_added_field_shows_on_the_form_where_it_was_placed(studio_post, admin):
    studio_post("res.partner", "form", "add", label="Loyalty level", ttype="char", position="after:email")
    order = field_order(text(admin.get(PARTNER_FORM)))
    assert order[order.index("email") + 1] == "x_loyalty_level"


def test_placement_is_stored_as_a_studio_extension_view(studio_post, in_db):
    studio_post("res.partner", "form", "add", label="Loyalty level", ttype="char", position="after:email")
    views = studio_views(in_db)
    assert views == [
        (
            "res.partner",
            "form",
            "extension",
            {"changes": [{"after": "email", "nodes": [{"field": "x_loyalty_level"}]}]},
        )
    ]


def test_the_field_shows_for_another_user_at_once(studio_post, login_as):
    demo = login_as("demo")
    assert "x_visit_notes" not in text(demo.get(PARTNER_FORM))
    studio_post("res.partner", "form", "add", label="Visit notes", ttype="text", position="after:email")
    assert 'data-field="x_visit_notes"' in text(demo.get(PARTNER_FORM))


def test_selection_options_are_typed_one_per_line(studio_post, in_db):
    studio_post(
        "res.partner",
        "form",
        "add",
        label="Tier",
        ttype="selection",
        selection="Bronze\nSilver\ngold: Gold",
        position="after:email",
    )
    selection = in_db(lambda env: [list(option) for option in env["res.partner"]._fields["x_tier"].selection])
    assert selection == [["bronze", "Bronze"], ["silver", "Silver"], ["gold", "Gold"]]


def test_a_many2one_field_points_at_the_chosen_model(studio_post, in_db):
    studio_post(
        "res.partner",
        "form",
        "add",
        label="Home country",
        ttype="many2one",
        relation="res.country",
        position="after:email",
    )
    assert in_db(lambda env: env["res.partner"]._fields["x_home_country"].comodel_name) == "res.country"


def test_a_one2many_field_lists_the_records_of_a_many2one(studio_post, in_db):
    studio_post(
        "res.partner",
        "form",
        "add",
        label="Referrer",
        ttype="many2one",
        relation="res.partner",
        position="after:email",
    )
    studio_post(
        "res.partner",
        "form",
        "add",
        label="Referred",
        ttype="one2many",
        inverse="res.partner:x_referrer",
        position="after:x_referrer",
    )
    field = in_db(
        lambda env: (
            env["res.partner"]._fields["x_referred"].comodel_name,
            env["res.partner"]._fields["x_referred"].inverse_name,
        )
    )
    assert field == ("res.partner", "x_referrer")


def assert_refused(response, input_name, message, in_db, field_name):
    html = text(response)
    assert response.status_code == 422
    error = re.search(rf'id="add-{input_name}-error"[^>]*>([^<]+)<', html)
    assert error and message in error.group(1), html[:300]
    assert f'aria-describedby="add-{input_name}-error"' in html
    assert custom_rows(in_db, field_name) == []
    assert studio_views(in_db) == []


def test_a_missing_label_is_reported_next_to_it(studio_post, in_db):
    response = studio_post(
        "res.partner", "form", "add", label="  ", name="x_empty", ttype="char", position="after:email"
    )
    assert_refused(response, "label", "Give the field a label", in_db, "x_empty")


def test_an_invalid_technical_name_is_reported_next_to_it(studio_post, in_db):
    response = studio_post(
        "res.partner", "form", "add", label="Code", name="x_Código", ttype="char", position="after:email"
    )
    assert_refused(response, "name", "Invalid field name", in_db, "x_Código")


def test_a_duplicate_field_is_reported_next_to_its_name(studio_post, in_db):
    studio_post("res.partner", "form", "add", label="Code", ttype="char", position="after:email")
    response = studio_post(
        "res.partner", "form", "add", label="Code", ttype="integer", position="after:email"
    )
    html = text(response)
    assert response.status_code == 422
    assert re.search(r'id="add-name-error"[^>]*>[^<]*already has a field x_code', html)
    assert custom_rows(in_db, "x_code")[0]["ttype"] == "char"


def test_an_unknown_related_model_is_reported_next_to_it(studio_post, in_db):
    response = studio_post(
        "res.partner",
        "form",
        "add",
        label="Thing",
        ttype="many2one",
        relation="no.such.model",
        position="after:email",
    )
    assert_refused(response, "relation", "does not exist", in_db, "x_thing")


def test_a_selection_without_options_is_reported_next_to_them(studio_post, in_db):
    response = studio_post(
        "res.partner",
        "form",
        "add",
        label="Tier",
        ttype="selection",
        selection="\n  \n",
        position="after:email",
    )
    assert_refused(response, "selection", "needs its options", in_db, "x_tier")


def test_a_place_that_does_not_exist_is_reported_and_the_field_not_made(studio_post, in_db):
    response = studio_post(
        "res.partner", "form", "add", label="Tier", ttype="char", position="after:no_such_field"
    )
    assert_refused(response, "position", "no_such_field", in_db, "x_tier")


def test_the_refused_form_keeps_what_was_typed(studio_post):
    response = studio_post(
        "res.partner",
        "form",
        "add",
        label="Thing",
        ttype="many2one",
        relation="no.such.model",
        help="Kept help",
        position="after:email",
    )
    html = text(response)
    assert 'value="Thing"' in html and "Kept help</textarea>" in html
