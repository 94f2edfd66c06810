"""Kanban and search views in the studio: which fields a card shows, which fields are searched, which
filters and group-bys the search offers. Each change is stored as the studio's extension of the view and
the client shows it at once."""

from __future__ import annotations

from tests.fixtures.web_client import text


def arch(in_db, model, view_type):
    def read(env):
        from web.client.views import get_arch

        return get_arch(env, model, view_type)

    return in_db(read)


def names(nodes):
    return [node.get("field") or node.get("filter") or node.get("separator") for node in nodes]


def test_the_kanban_card_shows_the_fields_the_consultant_places(studio_post, in_db):
    assert (
        studio_post("res.partner", "kanban", "place", name="phone", position="after:email").status_code == 302
    )
    assert studio_post("res.partner", "kanban", "remove", name="city").status_code == 302
    assert studio_post("res.partner", "kanban", "move", name="country_id", direction="up").status_code == 302
    assert names(arch(in_db, "res.partner", "kanban")["fields"]) == ["email", "country_id", "phone"]


def test_a_new_field_goes_on_the_kanban_card(studio_post, in_db):
    response = studio_post(
        "res.partner", "kanban", "add", label="Loyalty level", ttype="char", position="inside:fields"
    )
    assert response.status_code == 302
    assert names(arch(in_db, "res.partner", "kanban")["fields"])[-1] == "x_loyalty_level"


def test_search_fields_and_group_bys_are_edited_apart(studio_post, in_db):
    # user_id is both searched and a group-by: taking it out of the group-bys keeps it searchable
    assert studio_post("res.partner", "search", "remove", name="group_by/user_id").status_code == 302
    assert (
        studio_post("res.partner", "search", "place", name="city", position="after:fields/email").status_code
        == 302
    )
    assert (
        studio_post("res.partner", "search", "place", name="lang", position="inside:group_by").status_code
        == 302
    )
    search = arch(in_db, "res.partner", "search")
    assert names(search["fields"]) == [
        "complete_name",
        "email",
        "city",
        "phone",
        "category_id",
        "user_id",
        "parent_id",
    ]
    assert names(search["group_by"]) == ["parent_id", "country_id", "create_date", "lang"]


def test_a_field_can_be_dragged_from_the_searched_fields_to_the_group_bys(studio_post, in_db):
    response = studio_post(
        "res.partner", "search", "move", name="fields/category_id", position="after:group_by/country_id"
    )
    assert response.status_code == 302
    search = arch(in_db, "res.partner", "search")
    assert "category_id" not in names(search["fields"])
    assert names(search["group_by"])[:3] == ["user_id", "parent_id", "country_id"]
    assert names(search["group_by"])[3] == "category_id"


def test_a_filter_is_added_and_shown_in_the_search_bar(studio_post, admin, in_db):
    response = studio_post(
        "res.partner", "search", "filter", label="With a phone", domain="[('phone', '!=', False)]"
    )
    assert response.status_code == 302
    filters = arch(in_db, "res.partner", "search")["filters"]
    assert filters[-1] == {
        "filter": "x_with_a_phone",
        "string": "With a phone",
        "domain": "[('phone', '!=', False)]",
    }
    assert "With a phone" in text(admin.get("/web/model/res.partner?view=list"))
    assert studio_post("res.partner", "search", "remove", name="filters/x_with_a_phone").status_code == 302
    assert "x_with_a_phone" not in names(arch(in_db, "res.partner", "search")["filters"])


def test_a_filter_with_a_bad_domain_is_refused_naming_the_field(studio_post, in_db):
    response = studio_post(
        "res.partner", "search", "filter", label="Broken", domain="[('phnoe', '!=', False)]"
    )
    assert response.status_code == 422
    assert "phnoe" in text(response)
    assert "Broken" not in [f.get("string") for f in arch(in_db, "res.partner", "search")["filters"]]
    empty = studio_post("res.partner", "search", "filter", label="", domain="")
    assert empty.status_code == 422 and "Give the filter a label" in text(empty)


def test_a_field_cannot_go_among_the_filters(studio_post, in_db):
    response = studio_post(
        "res.partner", "search", "place", name="city", position="inside:filters", form="place"
    )
    assert response.status_code == 422
    assert "city" not in names(arch(in_db, "res.partner", "search")["filters"])


def test_the_editor_shows_the_search_lists_and_the_filter_form(admin):
    page = text(admin.get("/web/studio/res.partner/search"))
    assert "Searched fields" in page and "Group by" in page and "Add a filter" in page
    assert 'value="group_by/user_id"' in page and 'value="fields/user_id"' in page
    kanban = text(admin.get("/web/studio/res.partner/kanban"))
    assert "Fields on the card" in kanban and ">Hide<" not in kanban
