"""Every domain operator on a small known data set of test.record."""
from __future__ import annotations

import pytest


@pytest.fixture
def data(env, make_record, make_tag):
    """Four records: names, sequences, optional tags and booleans chosen to separate the operators."""
    red, blue = make_tag("Red"), make_tag("Blue")
    records = {
        "alpha": make_record("Alpha_1", sequence=1, flag=True, tag_id=red.id, code="A%"),
        "beta": make_record("beta", sequence=2, flag=False, tag_id=blue.id, code="B"),
        "gamma": make_record("Gamma", sequence=3, tag_ids=[red.id, blue.id]),
        "delta": make_record("DELTA", sequence=4, code="D"),
    }
    ids = [r.id for r in records.values()]
    return {"records": records, "ids": ids, "red": red, "blue": blue}


def names(env, data, domain):
    """Names of the data set's records matching ``domain`` (other records are ignored)."""
    found = env["test.record"].search([("id", "in", data["ids"])] + domain)
    return sorted(found.mapped("name"))


@pytest.mark.parametrize(("domain", "expected"), [
    ([("sequence", "=", 2)], ["beta"]),
    ([("sequence", "!=", 2)], ["Alpha_1", "DELTA", "Gamma"]),
    ([("sequence", "<>", 2)], ["Alpha_1", "DELTA", "Gamma"]),
    ([("sequence", ">", 2)], ["DELTA", "Gamma"]),
    ([("sequence", ">=", 3)], ["DELTA", "Gamma"]),
    ([("sequence", "<", 2)], ["Alpha_1"]),
    ([("sequence", "<=", 2)], ["Alpha_1", "beta"]),
    ([("sequence", "in", [1, 4])], ["Alpha_1", "DELTA"]),
    ([("sequence", "not in", [1, 4])], ["Gamma", "beta"]),
])
def test_comparison_operators(env, data, domain, expected):
    assert names(env, data, domain) == expected


@pytest.mark.parametrize(("domain", "expected"), [
    ([("name", "like", "a")], ["Alpha_1", "Gamma", "beta"]),
    ([("name", "ilike", "a")], ["Alpha_1", "DELTA", "Gamma", "beta"]),
    ([("name", "not like", "a")], ["DELTA"]),
    ([("name", "not ilike", "ET")], ["Alpha_1", "DELTA", "Gamma"]),
    ([("name", "=like", "G%")], ["Gamma"]),
    ([("name", "=like", "g%")], []),
    ([("name", "=like", "bet_")], ["beta"]),
    ([("name", "=ilike", "gamma")], ["Gamma"]),
    ([("name", "=ilike", "d%")], ["DELTA"]),
])
def test_pattern_operators(env, data, domain, expected):
    assert names(env, data, domain) == expected


def test_like_treats_wildcards_in_value_literally(env, data):
    assert names(env, data, [("name", "like", "_1")]) == ["Alpha_1"]
    assert names(env, data, [("code", "like", "%")]) == ["Alpha_1"]


def test_equal_or_ignore_skips_the_leaf_for_false(env, data):
    assert names(env, data, [("sequence", "=?", False)]) == ["Alpha_1", "DELTA", "Gamma", "beta"]
    assert names(env, data, [("sequence", "=?", 3)]) == ["Gamma"]


def test_false_means_null(env, data):
    assert names(env, data, [("code", "=", False)]) == ["Gamma"]
    assert names(env, data, [("code", "!=", False)]) == ["Alpha_1", "DELTA", "beta"]
    assert names(env, data, [("tag_id", "=", False)]) == ["DELTA", "Gamma"]


def test_boolean_false_matches_null_and_false(env, data):
    assert names(env, data, [("flag", "=", False)]) == ["DELTA", "Gamma", "beta"]
    assert names(env, data, [("flag", "!=", False)]) == ["Alpha_1"]
    assert names(env, data, [("flag", "in", [False])]) == ["DELTA", "Gamma", "beta"]


def test_not_equal_keeps_nulls(env, data):
    assert names(env, data, [("code", "!=", "B")]) == ["Alpha_1", "DELTA", "Gamma"]


def test_empty_in_list_matches_nothing(env, data):
    assert names(env, data, [("sequence", "in", [])]) == []


def test_empty_not_in_list_matches_everything(env, data):
    assert names(env, data, [("sequence", "not in", [])]) == ["Alpha_1", "DELTA", "Gamma", "beta"]


def test_in_list_with_false_includes_nulls(env, data):
    assert names(env, data, [("code", "in", ["B", False])]) == ["Gamma", "beta"]


def test_not_in_list_with_false_excludes_nulls(env, data):
    assert names(env, data, [("code", "not in", ["B", False])]) == ["Alpha_1", "DELTA"]


# -- logic ------------------------------------------------------------------------------------
def test_implicit_and_between_leaves(env, data):
    assert names(env, data, [("sequence", ">", 1), ("sequence", "<", 4)]) == ["Gamma", "beta"]


def test_or_operator(env, data):
    assert names(env, data, ["|", ("sequence", "=", 1), ("sequence", "=", 4)]) == ["Alpha_1", "DELTA"]


def test_not_operator(env, data):
    assert names(env, data, ["!", ("sequence", "=", 1)]) == ["DELTA", "Gamma", "beta"]


def test_not_of_an_or(env, data):
    domain = ["!", "|", ("sequence", "=", 1), ("sequence", "=", 4)]
    assert names(env, data, domain) == ["Gamma", "beta"]


def test_nested_prefix_expression(env, data):
    domain = ["&", "|", ("sequence", "=", 1), ("sequence", "=", 3), "!", ("name", "ilike", "gam")]
    assert names(env, data, domain) == ["Alpha_1"]


def test_true_and_false_leaves(env, data):
    assert len(names(env, data, [(1, "=", 1)])) == 4
    assert names(env, data, [(0, "=", 1)]) == []


def test_single_leaf_without_list_is_accepted(env, data):
    found = env["test.record"].search(("name", "=", "beta"))
    assert found.mapped("name") == ["beta"]


# -- relational -------------------------------------------------------------------------------
def test_many2one_by_id(env, data):
    assert names(env, data, [("tag_id", "=", data["red"].id)]) == ["Alpha_1"]


def test_many2one_by_name(env, data):
    assert names(env, data, [("tag_id", "ilike", "blu")]) == ["beta"]


def test_many2one_negative_by_name_keeps_empty(env, data):
    assert names(env, data, [("tag_id", "not ilike", "blu")]) == ["Alpha_1", "DELTA", "Gamma"]


def test_many2many_contains_id(env, data):
    assert names(env, data, [("tag_ids", "in", [data["blue"].id])]) == ["Gamma"]


def test_many2many_false_means_no_link(env, data):
    assert names(env, data, [("tag_ids", "=", False)]) == ["Alpha_1", "DELTA", "beta"]
    assert names(env, data, [("tag_ids", "!=", False)]) == ["Gamma"]


def test_many2many_not_in_excludes_linked(env, data):
    assert names(env, data, [("tag_ids", "not in", [data["red"].id])]) == ["Alpha_1", "DELTA", "beta"]


def test_one2many_by_name(env, data):
    assert env["test.tag"].search([("record_ids", "ilike", "alpha")]) == data["red"]


def test_any_on_many2one(env, data):
    assert names(env, data, [("tag_id", "any", [("name", "=", "Red")])]) == ["Alpha_1"]


def test_not_any_on_many2one_includes_empty(env, data):
    assert names(env, data, [("tag_id", "not any", [("name", "=", "Red")])]) == ["DELTA", "Gamma", "beta"]


def test_any_on_many2many(env, data):
    assert names(env, data, [("tag_ids", "any", [("name", "=", "Blue")])]) == ["Gamma"]


def test_not_any_on_many2many(env, data):
    assert names(env, data, [("tag_ids", "not any", [("name", "=", "Blue")])]) == ["Alpha_1", "DELTA", "beta"]


def test_any_on_one2many(env, data):
    data["records"]["beta"].write({"line_ids": [(0, 0, {"unit_price": 99})]})
    assert names(env, data, [("line_ids", "any", [("unit_price", ">", 50)])]) == ["beta"]


# -- hierarchies ------------------------------------------------------------------------------
@pytest.fixture
def tree(make_tag):
    root = make_tag("root")
    child = make_tag("child", parent_id=root.id)
    grandchild = make_tag("grandchild", parent_id=child.id)
    other = make_tag("other")
    return root, child, grandchild, other


def test_child_of_includes_the_record_and_descendants(env, tree):
    root, child, grandchild, _other = tree
    assert env["test.tag"].search([("id", "child_of", root.id)]) == root | child | grandchild


def test_parent_of_includes_the_record_and_ancestors(env, tree):
    root, child, grandchild, _other = tree
    assert env["test.tag"].search([("id", "parent_of", grandchild.id)]) == root | child | grandchild


def test_child_of_on_many2one(env, tree, make_record):
    root, _child, grandchild, other = tree
    inside, outside = make_record(tag_id=grandchild.id), make_record(tag_id=other.id)
    found = env["test.record"].search([("tag_id", "child_of", root.id)])
    assert inside in found and outside not in found


def test_child_of_on_the_parent_field_itself_includes_the_record(env, tree):
    root, child, grandchild, other = tree
    assert env["test.tag"].search([("parent_id", "child_of", root.id)]) == root | child | grandchild
    assert env["test.tag"].search([("parent_id", "child_of", child.id)]) == child | grandchild
    assert other not in env["test.tag"].search([("parent_id", "child_of", [root.id])])


def test_parent_of_on_the_parent_field_itself_includes_the_record(env, tree):
    root, child, grandchild, _other = tree
    assert env["test.tag"].search([("parent_id", "parent_of", grandchild.id)]) == root | child | grandchild
    assert env["test.tag"].search([("parent_id", "parent_of", root.id)]) == root


def test_negated_child_of_on_the_parent_field_is_the_complement(env, tree):
    root, child, grandchild, other = tree
    ids = [t.id for t in tree]
    found = env["test.tag"].search([("id", "in", ids), "!", ("parent_id", "child_of", child.id)])
    assert found == root | other


def test_child_of_by_name(env, tree):
    root, child, grandchild, _other = tree
    assert env["test.tag"].search([("id", "child_of", "root")]) == root | child | grandchild


def test_not_operator_is_the_complement_including_nulls(env, data):
    assert names(env, data, ["!", ("code", "=", "B")]) == ["Alpha_1", "DELTA", "Gamma"]
    assert names(env, data, ["!", ("code", "=like", "B%")]) == ["Alpha_1", "DELTA", "Gamma"]


def test_negative_one2many_leaf_ignores_records_without_parent(env, data, make_record):
    orphan = make_record("orphan of tags", tag_id=False)
    assert not orphan.tag_id
    # the records matching the name have no tag: the subquery yields NULL, which must not swallow everything
    found = env["test.tag"].search([("id", "in", [data["red"].id, data["blue"].id]),
                                    ("record_ids", "not ilike", "orphan")])
    assert found == data["red"] | data["blue"]
