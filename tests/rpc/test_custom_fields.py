"""Fields and models added at run time (ir.model.fields, ir.model) are visible over RPC at once."""

from __future__ import annotations


def test_custom_field_appears_in_fields_get_and_reads(admin):
    model_id = admin("ir.model", "search", [["model", "=", "res.partner"]])[0]
    admin(
        "ir.model.fields",
        "create",
        {
            "model_id": model_id,
            "name": "x_loyalty",
            "ttype": "integer",
            "state": "manual",
            "field_description": "Loyalty",
        },
    )
    assert admin("res.partner", "fields_get", ["x_loyalty"], attributes=["type", "string", "manual"]) == {
        "x_loyalty": {"type": "integer", "string": "Loyalty", "manual": True}
    }
    pid = admin("res.partner", "create", {"name": "Loyal", "x_loyalty": 7})
    assert admin("res.partner", "search_read", [["x_loyalty", ">", 5]], fields=["x_loyalty"]) == [
        {"id": pid, "x_loyalty": 7}
    ]


def test_custom_model_is_callable_with_every_method(admin):
    admin("ir.model", "create", {"name": "Visit", "model": "x_visit", "state": "manual"})
    vid = admin("x_visit", "create", {"x_name": "First visit"})
    assert admin("x_visit", "name_search", "First") == [[vid, "First visit"]]
    assert admin("x_visit", "search_count", []) == 1
