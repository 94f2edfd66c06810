"""read_group: aggregates, lazy and not lazy, date granularities, group_expand, orderby."""
from __future__ import annotations

import pytest

from core.exceptions import ValidationError


@pytest.fixture
def data(env, make_record, make_tag):
    red, blue = make_tag("Red"), make_tag("Blue")
    rows = [
        ("a", red, "draft", 10.0, 1, "2024-01-15", "2024-01-15 08:30:00"),
        ("b", red, "done", 20.0, 3, "2024-02-10", "2024-02-10 23:59:59"),
        ("c", blue, "draft", 30.0, 5, "2024-02-29", "2024-02-29 00:00:00"),
        ("d", False, "draft", 40.0, 7, "2024-11-03", "2024-11-03 12:00:00"),
    ]
    records = env["test.record"].browse()
    for name, tag, state, amount, sequence, date, moment in rows:
        records |= make_record(f"rg-{name}", tag_id=tag.id if tag else False, state=state, amount=amount,
                               sequence=sequence, date=date, moment=moment, ratio=sequence)
    return {"domain": [("id", "in", records.ids)], "red": red, "blue": blue, "records": records}


def group(env, data, fields, groupby, **kwargs):
    return env["test.record"].read_group(data["domain"], fields, groupby, **kwargs)


def test_aggregates_sum_avg_count_min_max(env, data):
    (result,) = group(
        env, data, ["amount:sum", "ratio:avg", "n:count(id)", "low:min(amount)", "high:max(amount)"], []
    )
    assert (result["amount"], result["ratio"], result["n"], result["low"], result["high"]) == (
        100.0,
        4.0,
        4,
        10.0,
        40.0,
    )


def test_default_aggregator_of_the_field_is_used(env, data):
    result = group(env, data, ["amount", "ratio"], ["state"])
    draft = next(g for g in result if g["state"] == "draft")
    assert draft["amount"] == 80.0  # float: sum
    assert draft["ratio"] == pytest.approx(13 / 3)  # declared aggregator: avg


def test_lazy_groups_by_first_field_with_count_and_domain(env, data):
    result = group(env, data, ["amount:sum"], ["state", "tag_id"])
    draft = next(g for g in result if g["state"] == "draft")
    assert draft["state_count"] == 3
    assert draft["__context"] == {"group_by": ["tag_id"]}
    assert env["test.record"].search_count(draft["__domain"]) == 3
    assert "tag_id" not in draft


def test_not_lazy_groups_by_every_field_with_count(env, data):
    result = group(env, data, ["amount:sum"], ["state", "tag_id"], lazy=False)
    keyed = {(g["state"], g["tag_id"] and g["tag_id"][1]): g for g in result}
    assert keyed[("draft", "Red")]["__count"] == 1
    assert keyed[("draft", False)]["amount"] == 40.0
    assert "__context" not in keyed[("draft", "Red")]


def test_many2one_group_key_is_id_and_name_and_empty_is_false(env, data):
    result = group(env, data, ["amount:sum"], ["tag_id"])
    keys = [g["tag_id"] for g in result]
    assert (data["red"].id, "Red") in keys and (data["blue"].id, "Blue") in keys and False in keys
    empty = next(g for g in result if g["tag_id"] is False)
    assert empty["__domain"][-1] == ("tag_id", "=", False)


def test_many2one_groups_follow_the_comodel_order(env, data):
    result = group(env, data, ["amount:sum"], ["tag_id"])
    named = [g["tag_id"][1] for g in result if g["tag_id"]]
    assert named == sorted(named)


@pytest.mark.parametrize(("granularity", "keys"), [
    ("day", ["15 Jan 2024", "10 Feb 2024", "29 Feb 2024", "03 Nov 2024"]),
    ("week", ["W3 2024", "W6 2024", "W9 2024", "W44 2024"]),
    ("month", ["January 2024", "February 2024", "November 2024"]),
    ("quarter", ["Q1 2024", "Q4 2024"]),
    ("year", ["2024"]),
])
def test_date_granularities_use_odoo_labels(env, data, granularity, keys):
    result = group(env, data, ["amount:sum"], [f"date:{granularity}"])
    assert [g[f"date:{granularity}"] for g in result] == keys


def test_month_group_has_range_and_domain(env, data):
    result = group(env, data, ["amount:sum"], ["date:month"])
    february = result[1]
    assert february["__range"] == {"date:month": {"from": "2024-02-01", "to": "2024-03-01"}}
    assert ("date", ">=", "2024-02-01") in february["__domain"] and ("date", "<", "2024-03-01") in february[
        "__domain"
    ]
    assert february["date_count"] == 2 and february["amount"] == 50.0


def test_week_range_starts_on_monday(env, data):
    result = group(env, data, ["amount:sum"], ["date:week"])
    assert result[0]["__range"]["date:week"] == {"from": "2024-01-15", "to": "2024-01-22"}


def test_datetime_groups_have_datetime_ranges(env, data):
    result = group(env(context={**env.context, "tz": "UTC"}), data, ["amount:sum"], ["moment:day"])
    assert result[1]["__range"]["moment:day"] == {"from": "2024-02-10 00:00:00", "to": "2024-02-11 00:00:00"}
    assert result[1]["moment_count"] == 1


def test_datetimes_are_grouped_by_the_days_of_the_users_time_zone(env, data):
    # 2024-02-10 23:59:59 UTC is already the 11th in Madrid (UTC+1): its day starts at 23:00 UTC
    result = group(env(context={**env.context, "tz": "Europe/Madrid"}), data, ["amount:sum"], ["moment:day"])
    assert [g["moment:day"] for g in result] == ["15 Jan 2024", "11 Feb 2024", "29 Feb 2024", "03 Nov 2024"]
    assert result[1]["__range"]["moment:day"] == {"from": "2024-02-10 23:00:00", "to": "2024-02-11 23:00:00"}
    assert ("moment", ">=", "2024-02-10 23:00:00") in result[1]["__domain"]
    in_range = env["test.record"].search_count(result[1]["__domain"])
    assert in_range == result[1]["moment_count"] == 1


@pytest.mark.parametrize("granularity, first", [("month", "January 2024"), ("week", "W3 2024"),
                                                ("year", "2024"), ("quarter", "Q1 2024")])
def test_datetime_granularities_follow_the_time_zone(env, data, granularity, first):
    # in Los Angeles (UTC-8) 2024-01-15 08:30 UTC is still the 15th, 00:30
    los_angeles = env(context={**env.context, "tz": "America/Los_Angeles"})
    result = group(los_angeles, data, ["amount:sum"], [f"moment:{granularity}"])
    assert result[0][f"moment:{granularity}"] == first
    assert result[0]["__range"][f"moment:{granularity}"]["from"].endswith("08:00:00")


def test_date_without_granularity_groups_by_month(env, data):
    assert [g["date:month"] for g in group(env, data, ["amount:sum"], ["date"])][0] == "January 2024"


def test_group_domain_finds_the_group_records(env, data):
    for result in group(env, data, ["amount:sum"], ["date:quarter"]):
        assert env["test.record"].search_count(result["__domain"]) == result["date_count"]


def test_group_labels_follow_the_language(env, data):
    result = (
        env["test.record"]
        .with_context(lang="es_ES")
        .read_group(data["domain"], ["amount:sum"], ["date:month"])
    )
    assert result[0]["date:month"] == "enero 2024"


def test_group_expand_on_selection_lists_every_value(env, data):
    result = group(env, data, ["amount:sum"], ["state"])
    assert [g["state"] for g in result] == ["draft", "done", "cancel"]
    cancel = result[2]
    assert cancel["state_count"] == 0 and cancel["amount"] is False


def test_group_expand_on_many2one_lists_empty_groups(env, data, make_tag):
    unused = make_tag("Unused")
    result = group(env, data, ["amount:sum"], ["tag_id"])
    empty = next(g for g in result if g["tag_id"] and g["tag_id"][0] == unused.id)
    assert empty["tag_id_count"] == 0 and empty["amount"] is False


def test_orderby_aggregate_descending(env, data):
    result = group(env, data, ["amount:sum"], ["tag_id"], orderby="amount desc", lazy=False)
    assert [g["amount"] for g in result] == [40.0, 30.0, 30.0]


def test_orderby_count(env, data):
    result = group(env, data, ["amount:sum"], ["state"], orderby="__count desc", lazy=False)
    assert result[0]["state"] == "draft"


def test_limit_and_offset(env, data):
    result = group(env, data, ["amount:sum"], ["date:month"], limit=1, offset=1)
    assert [g["date:month"] for g in result] == ["February 2024"]


def test_unknown_groupby_field_is_refused(env, data):
    with pytest.raises(ValidationError, match="Invalid field 'nope' on model 'test.record'"):
        group(env, data, [], ["nope"])


def test_unknown_aggregate_function_is_refused(env, data):
    with pytest.raises(ValidationError, match="Invalid aggregate function 'median'"):
        group(env, data, ["amount:median"], ["state"])


def test_bad_granularity_is_refused(env, data):
    with pytest.raises(ValidationError, match="Invalid granularity 'hour'"):
        group(env, data, [], ["date:hour"])


def test_orderby_on_unknown_name_is_refused(env, data):
    with pytest.raises(ValidationError, match='Invalid "orderby"'):
        group(env, data, ["amount:sum"], ["state"], orderby="amount; DROP TABLE x")
