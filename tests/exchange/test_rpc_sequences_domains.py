"""Sequences, domain operators and date group-bys over XML-RPC and JSON-RPC, as Odoo answers them."""
from __future__ import annotations

import threading
import uuid

import pytest

from core import clock
from tests.exchange.rpc_client import Client


def unique(prefix: str) -> str:
    return f"{prefix}{uuid.uuid4().hex[:6]}"


# -- sequences -----------------------------------------------------------------------------
def test_next_by_code_formats_the_number(rpc):
    code = unique("rpc.seq.")
    rpc("ir.sequence", "create", {"name": "RPC", "code": code, "prefix": "T/%(year)s/", "padding": 4})
    with clock.frozen("2026-06-15 12:00:00"):
        numbers = [rpc("ir.sequence", "next_by_code", code) for _ in range(2)]
    assert numbers == ["T/2026/0001", "T/2026/0002"]


def test_next_by_code_of_an_unknown_code_is_false(rpc):
    assert rpc("ir.sequence", "next_by_code", "no.such.sequence") is False


def test_next_by_id(rpc):
    sequence = rpc("ir.sequence", "create", {"name": "By id", "prefix": "%(y)s-", "padding": 3})
    with clock.frozen("2026-01-02 12:00:00"):
        assert rpc("ir.sequence", "next_by_id", [sequence]) == "26-001"


def test_concurrent_next_by_code_calls_give_distinct_numbers(rpc):
    code = unique("rpc.concurrent.")
    rpc("ir.sequence", "create", {"name": "Concurrent", "code": code, "padding": 3})
    numbers: list[str] = []
    errors: list[BaseException] = []
    start = threading.Barrier(5)

    def worker() -> None:
        client = Client(rpc.server, rpc.transport)
        start.wait()
        try:
            numbers.extend(client("ir.sequence", "next_by_code", code) for _ in range(4))
        except BaseException as error:  # noqa: BLE001 - collected and re-raised by the test
            errors.append(error)

    threads = [threading.Thread(target=worker) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(numbers) == [f"{n:03d}" for n in range(1, 21)]


# -- domains -------------------------------------------------------------------------------
@pytest.fixture
def family(rpc):
    """A company, its contact and the contact's delivery address; names unique to the test."""
    tag = unique("Fam")
    company = rpc("res.partner", "create", {"name": f"{tag} Holding", "is_company": True})
    contact = rpc("res.partner", "create", {"name": f"{tag} Ana", "parent_id": company})
    address = rpc("res.partner", "create", {"name": f"{tag} Dock", "parent_id": contact, "type": "delivery"})
    return tag, company, contact, address


def test_child_of_includes_the_record_itself(rpc, family):
    _tag, company, contact, address = family
    assert sorted(rpc("res.partner", "search", [("id", "child_of", company)])) == [company, contact, address]
    assert sorted(rpc("res.partner", "search", [("id", "child_of", contact)])) == [contact, address]


def test_parent_of_includes_the_record_itself(rpc, family):
    _tag, company, contact, address = family
    assert sorted(rpc("res.partner", "search", [("id", "parent_of", address)])) == [company, contact, address]


def test_eq_like_is_case_sensitive_with_explicit_wildcards(rpc, family):
    tag, company, contact, _address = family
    assert rpc("res.partner", "search", [("name", "=like", f"{tag} H%")]) == [company]
    assert rpc("res.partner", "search", [("name", "=like", f"{tag} _na")]) == [contact]
    assert rpc("res.partner", "search", [("name", "=like", f"{tag.lower()} h%")]) == []
    assert rpc("res.partner", "search", [("name", "=like", f"{tag} H")]) == []


def test_eq_ilike_without_wildcards_is_case_insensitive_equality(rpc, family):
    tag, _company, contact, _address = family
    assert rpc("res.partner", "search", [("name", "=ilike", f"{tag.upper()} ANA")]) == [contact]
    assert rpc("res.partner", "search", [("name", "=ilike", f"{tag} An")]) == []


# -- read_group by dates --------------------------------------------------------------------
@pytest.fixture
def dated_partners(rpc):
    """Partners created on known days (the server shares this process's clock)."""
    tag = unique("Dated")
    for moment in ("2024-03-05 10:00:00", "2024-03-20 10:00:00", "2024-05-02 10:00:00"):
        with clock.frozen(moment):
            rpc("res.partner", "create", {"name": tag})
    return tag


def group(rpc, tag, spec):
    return rpc("res.partner", "read_group", [("name", "=", tag)], ["name"], [spec], lazy=True)


def test_group_by_month_has_odoos_key_label_and_range(rpc, dated_partners):
    groups = group(rpc, dated_partners, "create_date:month")
    counts = [(g["create_date:month"], g["create_date_count"]) for g in groups]
    assert counts == [("March 2024", 2), ("May 2024", 1)]
    assert groups[0]["__range"] == {"create_date:month": {"from": "2024-03-01 00:00:00",
                                                          "to": "2024-04-01 00:00:00"}}
    assert ("create_date", ">=", "2024-03-01 00:00:00") in [tuple(leaf) for leaf in groups[0]["__domain"]
                                                             if isinstance(leaf, list)]


@pytest.mark.parametrize(("granularity", "labels"), [
    ("day", ["05 Mar 2024", "20 Mar 2024", "02 May 2024"]),
    ("quarter", ["Q1 2024", "Q2 2024"]),
    ("year", ["2024"]),
])
def test_group_by_other_granularities(rpc, dated_partners, granularity, labels):
    groups = group(rpc, dated_partners, f"create_date:{granularity}")
    assert [g[f"create_date:{granularity}"] for g in groups] == labels
    assert all(f"create_date:{granularity}" in g["__range"] for g in groups)


def test_group_by_week_splits_by_week(rpc, dated_partners):
    groups = group(rpc, dated_partners, "create_date:week")
    assert [g["create_date_count"] for g in groups] == [1, 1, 1]
    assert groups[0]["__range"]["create_date:week"]["from"] == "2024-03-04 00:00:00"  # the Monday


def test_group_by_a_date_field_gives_date_ranges(rpc):
    tag = unique("Deadline")
    for deadline in ("2024-03-05", "2024-03-28", "2024-04-02"):
        rpc("crm.lead", "create", {"name": tag, "date_deadline": deadline})
    groups = rpc("crm.lead", "read_group", [("name", "=", tag)], ["name"], ["date_deadline:month"], lazy=True)
    assert [(g["date_deadline:month"], g["date_deadline_count"]) for g in groups] == [("March 2024", 2),
                                                                                        ("April 2024", 1)]
    assert groups[0]["__range"] == {"date_deadline:month": {"from": "2024-03-01", "to": "2024-04-01"}}
    leaves = [tuple(leaf) for leaf in groups[0]["__domain"] if isinstance(leaf, list)]
    assert ("date_deadline", ">=", "2024-03-01") in leaves and ("date_deadline", "<", "2024-04-01") in leaves
