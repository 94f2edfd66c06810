"""Ribbons in the studio (the Won and Lost ribbons of a lead's form and kanban card): add one, change its
text, color and hiding condition, take one out; each edit is stored as the studio's extension of the view
(one ``replace: ribbons`` change) and the client shows it at once. Bad input names the input."""

from __future__ import annotations

import pytest

from core.addon.view_arch import apply_changes
from tests.fixtures.web_client import text


def view_arch(in_db, view_type):
    def read(env):
        from web.client.views import get_arch

        return get_arch(env, "crm.lead", view_type)

    return in_db(read)


def ribbons(in_db, view_type="form"):
    return view_arch(in_db, view_type).get("ribbons") or []


def extension_changes(in_db, view_type="form"):
    def read(env):
        from web.studio.store import load

        view = load(env, "crm.lead", view_type)
        return view.extension.arch["changes"] if view.extension else []

    return in_db(read)


@pytest.fixture
def reset_lead_views(studio_post):
    yield
    for view_type in ("form", "kanban"):
        studio_post("crm.lead", view_type, "reset")


def test_replace_gives_a_view_its_whole_list_of_ribbons():
    arch = {"sheet": [{"field": "name"}]}
    ribbon = {"widget": "web_ribbon", "string": "Hot", "bg_color": "danger"}
    assert apply_changes(arch, [{"replace": "ribbons", "nodes": [ribbon]}])["ribbons"] == [ribbon]
    emptied = apply_changes({**arch, "ribbons": [ribbon]}, [{"replace": "ribbons", "nodes": []}])
    assert emptied["ribbons"] == []


def test_the_editor_lists_the_ribbons_of_the_lead_form(admin, reset_lead_views):
    page = text(admin.get("/web/studio/crm.lead/form"))
    assert 'id="ribbons-title"' in page
    assert 'value="Won"' in page and 'value="Lost"' in page and "won_status != &#39;lost&#39;" in page


def test_a_ribbon_is_added_and_stored_as_a_studio_change(studio_post, in_db, admin, reset_lead_views):
    response = studio_post("crm.lead", "form", "ribbon", index="", string="Hot", bg_color="warning",
                           invisible="priority != '3'")
    assert response.status_code == 302
    assert ribbons(in_db)[-1] == {"widget": "web_ribbon", "string": "Hot", "bg_color": "warning",
                                  "invisible": "priority != '3'"}
    changes = extension_changes(in_db)
    assert len(changes) == 1 and changes[0]["replace"] == "ribbons"


def test_a_ribbon_text_color_and_condition_are_changed(studio_post, in_db, reset_lead_views):
    response = studio_post("crm.lead", "kanban", "ribbon", index="0", string="Ganada", bg_color="info",
                           invisible="won_status != 'won' or not active")
    assert response.status_code == 302
    first = ribbons(in_db, "kanban")[0]
    assert (first["string"], first["bg_color"], first["invisible"]) == (
        "Ganada", "info", "won_status != 'won' or not active")


def test_a_ribbon_is_removed_and_reset_brings_it_back(studio_post, in_db, reset_lead_views):
    assert studio_post("crm.lead", "form", "ribbon", index="1", remove="1").status_code == 302
    assert [r["string"] for r in ribbons(in_db)] == ["Won"]
    studio_post("crm.lead", "form", "reset")
    assert [r["string"] for r in ribbons(in_db)] == ["Won", "Lost"]


def test_bad_ribbon_input_names_the_input_and_changes_nothing(studio_post, in_db, reset_lead_views):
    response = studio_post("crm.lead", "form", "ribbon", index="", string="", bg_color="pink",
                           invisible="stage_name == 'x'")
    assert response.status_code == 422
    page = text(response)
    assert 'id="ribbon-new-string-error"' in page and "Give the ribbon a text" in page
    assert 'id="ribbon-new-bg_color-error"' in page
    assert 'id="ribbon-new-invisible-error"' in page and "stage_name" in page
    assert [r["string"] for r in ribbons(in_db)] == ["Won", "Lost"]


def test_a_list_has_no_ribbons(studio_post, admin, in_db):
    response = studio_post("crm.lead", "list", "ribbon", index="", string="Hot", bg_color="danger")
    assert response.status_code == 302
    assert "Only forms and kanban cards have ribbons" in text(admin.get(response.headers["Location"]))
    assert "ribbons" not in view_arch(in_db, "list")
