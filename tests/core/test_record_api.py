"""The record API's answers in Odoo's shapes: read, missing records, names, fields_get, recordsets."""
from __future__ import annotations

import pytest

from core.exceptions import MissingError, ValidationError


# -- read -------------------------------------------------------------------------------------
def test_read_many2one_is_id_and_display_name(make_record, make_tag):
    tag = make_tag("Green")
    assert make_record(tag_id=tag.id).read(["tag_id"])[0]["tag_id"] == (tag.id, "Green")


def test_read_classic_write_gives_bare_many2one_id(make_record, make_tag):
    tag = make_tag("Green")
    assert make_record(tag_id=tag.id).read(["tag_id"], load="_classic_write")[0]["tag_id"] == tag.id


def test_read_empty_many2one_is_false(make_record):
    assert make_record().read(["tag_id"])[0]["tag_id"] is False


def test_read_always_includes_id(make_record):
    record = make_record()
    assert record.read(["name"]) == [{"id": record.id, "name": record.name}]


def test_read_without_fields_gives_every_readable_field(make_record):
    row = make_record().read()[0]
    assert {"name", "tag_ids", "display_name", "create_date", "write_uid"} <= set(row)


def test_read_of_deleted_ids_skips_them(env, make_record):
    kept, gone = make_record("kept"), make_record("gone")
    gone_id = gone.id
    gone.unlink()
    rows = env["test.record"].browse([kept.id, gone_id]).read(["name"])
    assert rows == [{"id": kept.id, "name": "kept"}]


def test_read_keeps_the_order_of_ids(env, make_record):
    first, second = make_record("first"), make_record("second")
    assert [r["id"] for r in env["test.record"].browse([second.id, first.id]).read(["name"])] == [
        second.id,
        first.id,
    ]


def test_read_of_unknown_field_is_refused(make_record):
    with pytest.raises(ValidationError, match="Invalid field 'nope' on model 'test.record'"):
        make_record().read(["nope"])


def test_write_on_deleted_record_raises_missing(env, make_record):
    record = make_record()
    ghost = env["test.record"].browse(record.id)
    record.unlink()
    with pytest.raises(MissingError, match="Record does not exist or has been deleted."):
        ghost.write({"name": "x"})


def test_write_on_partly_missing_set_changes_nothing(env, make_record):
    kept = make_record("kept")
    with pytest.raises(MissingError):
        env["test.record"].browse([kept.id, 999_999]).write({"name": "changed"})
    env.cache.invalidate()
    assert kept.name == "kept"


def test_unlink_of_missing_record_raises_missing(env):
    with pytest.raises(MissingError):
        env["test.record"].browse(999_999).unlink()


def test_deleted_ids_are_never_reused(env, make_record):
    record = make_record()
    last_id = record.id
    record.unlink()
    assert make_record().id > last_id


def test_reading_a_field_of_a_deleted_record_raises_missing(env, make_record):
    record = make_record()
    ghost = env["test.record"].browse(record.id)
    record.unlink()
    with pytest.raises(MissingError):
        ghost.name  # noqa: B018


# -- names ------------------------------------------------------------------------------------
def test_name_search_matches_part_of_name(env, make_tag):
    tag = make_tag("Marketing Campaign")
    assert (tag.id, "Marketing Campaign") in env["test.tag"].name_search("campaign")


def test_name_search_honours_args_and_limit(env, make_tag):
    first, second = make_tag("Zeta One", color=1), make_tag("Zeta Two", color=2)
    assert env["test.tag"].name_search("zeta", args=[("color", "=", 2)]) == [(second.id, "Zeta Two")]
    assert len(env["test.tag"].name_search("zeta", limit=1)) == 1
    del first


def test_name_search_with_exact_operator(env, make_tag):
    make_tag("Exact"), make_tag("Exactly")
    assert [name for _id, name in env["test.tag"].name_search("Exact", operator="=")] == ["Exact"]


def test_name_create_returns_id_and_name(env):
    tag_id, name = env["test.tag"].name_create("Quick")
    assert env["test.tag"].browse(tag_id).name == name == "Quick"


def test_display_name_follows_the_name(make_record):
    record = make_record("Shown")
    assert record.display_name == "Shown"
    record.name = "Renamed"
    assert record.display_name == "Renamed"


# -- fields_get -------------------------------------------------------------------------------
def test_fields_get_describes_a_field(env):
    description = env["test.record"].fields_get(["tag_id"])["tag_id"]
    assert description["type"] == "many2one"
    assert description["relation"] == "test.tag"
    assert description["string"] == "Tag"
    assert description["store"] is True and description["searchable"] is True


def test_fields_get_limits_to_requested_attributes(env):
    result = env["test.record"].fields_get(["name", "tag_id"], attributes=["type", "relation"])
    assert result == {"name": {"type": "char"}, "tag_id": {"type": "many2one", "relation": "test.tag"}}


def test_fields_get_reports_computed_and_related(env):
    result = env["test.record"].fields_get(["total", "tag_name", "upper_name"],
                                           attributes=["store", "readonly", "depends", "related"])
    assert result["total"] == {"store": True, "readonly": True, "depends": ["line_ids.subtotal"]}
    assert result["tag_name"]["related"] == "tag_id.name"
    assert result["upper_name"]["store"] is False


def test_fields_get_reports_size_digits_and_required(env):
    result = env["test.record"].fields_get(["name", "amount"], attributes=["size", "digits", "required"])
    assert result == {
        "name": {"size": 64, "required": True},
        "amount": {"digits": [16, 2], "required": False},
    }


def test_fields_get_has_about_sixteen_keys_per_field(env):
    assert len(env["test.record"].fields_get(["name"])["name"]) >= 14


# -- recordsets -------------------------------------------------------------------------------
def test_exists_keeps_only_existing_records(env, make_record):
    kept, gone = make_record(), make_record()
    both = kept | gone
    gone.unlink()
    assert both.exists() == kept


def test_ensure_one_accepts_one_and_refuses_others(env, make_record):
    record = make_record()
    assert record.ensure_one() is record
    with pytest.raises(ValueError, match="Expected singleton"):
        env["test.record"].browse().ensure_one()
    with pytest.raises(ValueError, match="Expected singleton"):
        (record | make_record()).ensure_one()


def test_mapped_follows_paths_and_deduplicates(make_record, make_tag):
    tag = make_tag("shared")
    records = make_record(tag_id=tag.id) | make_record(tag_id=tag.id)
    assert records.mapped("tag_id") == tag
    assert records.mapped("tag_id.name") == ["shared"]


def test_mapped_with_function(make_record):
    records = make_record("a") | make_record("b")
    assert records.mapped(lambda r: r.name.upper()) == ["A", "B"]


def test_mapped_of_unknown_field_is_refused(make_record):
    with pytest.raises(ValidationError, match="Invalid field 'nope' on model 'test.record'"):
        make_record().mapped("nope")


def test_filtered_by_function_and_by_field(make_record):
    on, off = make_record(flag=True), make_record(flag=False)
    records = on | off
    assert records.filtered(lambda r: r.flag) == on
    assert records.filtered("flag") == on


def test_filtered_domain(make_record):
    low, high = make_record(sequence=1), make_record(sequence=9)
    assert (low | high).filtered_domain([("sequence", ">", 5)]) == high


def test_sorted_by_key_and_reverse(make_record):
    b, a = make_record("b", sequence=2), make_record("a", sequence=1)
    records = b | a
    assert list(records.sorted("sequence")) == [a, b]
    assert list(records.sorted(key=lambda r: r.name, reverse=True)) == [b, a]


def test_sorted_without_key_uses_model_order(make_record):
    late, early = make_record("z", sequence=5), make_record("a", sequence=1)
    assert list((late | early).sorted()) == [early, late]


def test_search_order_and_pagination(env, make_record):
    records = [make_record(f"page{i}", sequence=i) for i in range(5)]
    ids = [r.id for r in records]
    found = env["test.record"].search([("id", "in", ids)], order="sequence desc", offset=1, limit=2)
    assert found.ids == [ids[3], ids[2]]


def test_search_with_hostile_order_is_refused(env):
    with pytest.raises(ValidationError, match=r'Invalid "order" specified'):
        env["test.record"].search([], order="name; DROP TABLE test_record")


def test_active_test_hides_archived_records(env, make_record):
    archived = make_record("archived one", active=False)
    assert not env["test.record"].search([("name", "=", "archived one")])
    assert (
        env["test.record"].with_context(active_test=False).search([("name", "=", "archived one")]) == archived
    )


def test_search_count_and_search_read(env, make_record):
    make_record("counted", sequence=77)
    make_record("counted", sequence=78)
    assert env["test.record"].search_count([("name", "=", "counted")]) == 2
    rows = env["test.record"].search_read([("name", "=", "counted")], ["sequence"], order="sequence desc")
    assert [row["sequence"] for row in rows] == [78, 77]


def test_browse_refuses_ids_that_are_not_integers(env):
    with pytest.raises(ValidationError, match="Invalid id 'x' for test.record"):
        env["test.record"].browse(["x"])


def test_create_returns_records_in_the_order_given(env):
    records = env["test.record"].create([{"name": "one"}, {"name": "two"}, {"name": "three"}])
    assert records.mapped("name") == ["one", "two", "three"]


def test_create_of_unknown_field_is_refused(env):
    with pytest.raises(ValidationError, match="Invalid field 'nope' on model 'test.record'"):
        env["test.record"].create({"name": "x", "nope": 1})
