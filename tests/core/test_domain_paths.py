"""Dotted paths in domains, negations across relations, errors, and bound parameters."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from core.domain.compile import DomainCompiler
from core.domain.parse import normalize
from core.exceptions import ValidationError


@pytest.fixture
def data(env, make_record, make_tag):
    red, blue = make_tag("Red", color=1), make_tag("Blue", color=2)
    madrid = env["res.partner"].create({"name": "Madrid Shop", "city": "Madrid"})
    records = {
        "one": make_record("one", tag_id=red.id, partner_id=madrid.id, tag_ids=[blue.id],
                           lines=[(1, 10)]),
        "two": make_record("two", tag_id=blue.id, tag_ids=[red.id, blue.id], lines=[(1, 1), (1, 2)]),
        "three": make_record("three"),
    }
    records["two"].line_ids[0].tag_ids = [red.id]
    return {"ids": [r.id for r in records.values()], "records": records, "red": red, "blue": blue}


def names(env, data, domain):
    found = env["test.record"].search([("id", "in", data["ids"])] + domain)
    return sorted(found.mapped("name"))


# -- paths ------------------------------------------------------------------------------------
def test_path_through_many2one(env, data):
    assert names(env, data, [("tag_id.name", "=", "Red")]) == ["one"]


def test_path_through_many2one_to_another_model(env, data):
    assert names(env, data, [("partner_id.city", "ilike", "madr")]) == ["one"]


def test_path_through_one2many(env, data):
    assert names(env, data, [("line_ids.unit_price", ">", 5)]) == ["one"]


def test_path_through_many2many(env, data):
    assert names(env, data, [("tag_ids.name", "=", "Red")]) == ["two"]


def test_path_of_two_hops(env, data):
    assert names(env, data, [("line_ids.tag_ids.name", "=", "Red")]) == ["two"]


def test_path_through_unstored_related(env, data):
    assert names(env, data, [("tag_name", "=", "Blue")]) == ["two"]


def test_path_through_many2one_negative_operator_excludes_empty(env, data):
    assert names(env, data, [("tag_id.name", "!=", "Red")]) == ["two"]


def test_path_through_x2many_negative_operator_means_none_matches(env, data):
    # "no line costs more than 5": records without lines qualify
    assert names(env, data, [("line_ids.unit_price", "not in", [10])]) == ["three", "two"]
    assert names(env, data, [("tag_ids.name", "not ilike", "red")]) == ["one", "three"]


def test_negation_of_a_path_leaf(env, data):
    assert names(env, data, ["!", ("tag_id.name", "=", "Red")]) == ["three", "two"]


def test_path_on_a_scalar_field_is_refused(env):
    with pytest.raises(
        ValidationError, match=r"Invalid leaf \('name.x', '=', 1\): 'name' is not a relational field"
    ):
        env["test.record"].search([("name.x", "=", 1)])


def test_unknown_field_at_end_of_path_is_refused(env):
    with pytest.raises(ValidationError, match=r"Invalid field test.tag.nope in leaf \('nope', '=', 1\)"):
        env["test.record"].search([("tag_id.nope", "=", 1)])


# -- errors -----------------------------------------------------------------------------------
def test_unknown_field_is_named_as_odoo_does(env):
    with pytest.raises(ValidationError) as info:
        env["res.partner"].search([("x", "=", 1)])
    assert str(info.value) == "Invalid field res.partner.x in leaf ('x', '=', 1)"


@pytest.mark.parametrize("operator", ["==", "contains", "LIKE%", ""])
def test_unknown_operator_is_an_invalid_leaf(env, operator):
    with pytest.raises(ValidationError, match=r"^Invalid leaf \('name', "):
        env["res.partner"].search([("name", operator, "a")])


@pytest.mark.parametrize(
    "domain", [[("name", "=")], ["|", ("name", "=", "a")], "name = 1", [42], [("", "=", 1)]]
)
def test_malformed_domains_are_refused(env, domain):
    with pytest.raises(ValidationError, match="^Invalid (leaf|domain)"):
        env["res.partner"].search(domain)


def test_child_of_on_a_model_without_parent_is_refused(env):
    with pytest.raises(ValidationError, match="has no parent field for child_of"):
        env["test.record"].search([("id", "child_of", 1)])


def test_operator_needing_relation_on_scalar_is_refused(env):
    with pytest.raises(ValidationError, match="operator 'any' needs a relational field"):
        env["test.record"].search([("name", "any", [])])


def test_value_of_wrong_type_is_refused(env):
    with pytest.raises(ValidationError, match=r"Invalid value 'abc' in leaf \('sequence', '=', 'abc'\)"):
        env["test.record"].search([("sequence", "=", "abc")])


def test_unstored_field_without_search_is_refused(env):
    with pytest.raises(
        ValidationError, match="field 'upper_name' of test.record is not stored and cannot be searched"
    ):
        env["test.record"].search([("upper_name", "=", "X")])


def test_operators_are_case_insensitive(env):
    assert normalize([("name", "ILIKE", "a")]) == [("name", "ilike", "a")]


# -- bound parameters -------------------------------------------------------------------------
HOSTILE = "x'); DROP TABLE test_record; --"


@pytest.mark.parametrize("domain", [
    [("name", "=", HOSTILE)],
    [("name", "ilike", HOSTILE)],
    [("name", "=like", HOSTILE)],
    [("name", "in", [HOSTILE, "b"])],
    [("tag_id", "ilike", HOSTILE)],
    [("tag_id.name", "=", HOSTILE)],
    [("tag_ids", "not ilike", HOSTILE)],
    [("line_ids.name", "=", HOSTILE)],
    [("description", "=", HOSTILE)],
    ["!", ("payload", "=", HOSTILE)],
])
def test_values_are_bound_parameters_never_inlined(env, domain):
    Record = env["test.record"]
    condition = DomainCompiler(Record, Record._table).compile(domain)
    compiled = sa.select(Record._table.c.id).where(condition).compile(dialect=env.cr.connection.dialect)
    assert "DROP" not in str(compiled)
    assert any("DROP TABLE" in str(value) for value in _flatten(compiled.params.values()))


def _flatten(values):
    for value in values:
        if isinstance(value, (list, tuple)):
            yield from value
        else:
            yield value


def test_hostile_value_is_searched_literally(env, make_record):
    record = make_record(HOSTILE[:60])
    assert env["test.record"].search([("name", "=", HOSTILE[:60])]) == record
