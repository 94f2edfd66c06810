"""A consultant's migration: scripts/migrate_customer.py moves partners, tags and leads from one
database to another over XML-RPC, and the target ends with the same records and references."""
from __future__ import annotations

import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.db.engine import copy_database, database_name, drop_database
from core.registry.registry import Registry
from tests import databases as root
from tests.exchange.rpc_client import serve
from tests.exchange.scripts.migrate_customer import PLAN, Connection

SCRIPT = Path(__file__).parent / "scripts" / "migrate_customer.py"


@pytest.fixture
def two_servers(template_url: str) -> Iterator[tuple[Connection, Connection]]:
    """A customer's database and a fresh one, each served on its own port."""
    urls = [root.new_db_url(label) for label in ("source", "target")]
    for url in urls:
        copy_database(template_url, url)
    try:
        with serve(urls[0]) as source_base, serve(urls[1]) as target_base:
            yield (Connection(source_base, database_name(urls[0]), "admin", "admin"),
                   Connection(target_base, database_name(urls[1]), "admin", "admin"))
    finally:
        for url in urls:
            Registry.forget(url)
            drop_database(url)


def customer_data(source: Connection) -> str:
    """Tags, companies with contacts and leads of every kind, named with a unique mark."""
    mark = uuid.uuid4().hex[:6]
    call = source.call
    sector = call("res.partner.category", "create", {"name": f"Sector {mark}", "color": 4})
    retail = call("res.partner.category", "create", {"name": f"Retail {mark}", "parent_id": sector})
    hot = call("crm.tag", "create", {"name": f"Hot {mark}", "color": 1})
    spain = call("res.country", "search", [("code", "=", "ES")])[0]
    company = call("res.partner", "create", {"name": f"Acme {mark}", "is_company": True, "country_id": spain,
                                             "category_id": [(6, 0, [sector, retail])], "city": "Valencia",
                                             "comment": "<p>Pays <b>late</b></p>", "vat": "ESA12345674"})
    ana = call("res.partner", "create", {"name": f"Ana {mark}", "parent_id": company, "function": "Buyer",
                                         "email": f"ana{mark}@acme.es", "phone": "+34 961 234 567"})
    call("res.partner", "create", {"name": f"Dock {mark}", "parent_id": ana, "type": "delivery",
                                   "street": "Muelle 3"})
    call("res.partner", "create", {"name": f"Gone {mark}", "active": False})
    stage = call("ir.model.data", "search_read", [("module", "=", "crm"), ("name", "=", "stage_lead2")],
                 ["res_id"])[0]["res_id"]
    demo = call("res.users", "search", [("login", "=", "demo")])[0]
    call("crm.lead", "create", [
        {"name": f"Big deal {mark}", "type": "opportunity", "partner_id": ana, "expected_revenue": 12500.5,
         "probability": 40, "priority": "2", "stage_id": stage, "tag_ids": [(6, 0, [hot])], "user_id": demo,
         "date_deadline": "2026-09-30"},
        {"name": f"Cold lead {mark}", "type": "lead", "contact_name": "Bruno",
         "email_from": "bruno@example.com"},
    ])
    lost = call("crm.lead", "create", {"name": f"Lost {mark}", "type": "opportunity", "partner_id": company})
    call("crm.lead", "write", [lost], {"active": False})
    return mark


def exported(connection: Connection, model: str, columns: list[str], mark: str) -> list[list]:
    """The rows of the marked records of ``model`` (archived ones too), sorted."""
    name = "name"
    ids = connection.call(model, "search", [(name, "like", mark)], context={"active_test": False})
    rows = connection.call(model, "export_data", ids, columns, context={"active_test": False})["datas"]
    return sorted(rows)


def count(connection: Connection, model: str, mark: str) -> int:
    return connection.call(model, "search_count", [("name", "like", mark)], context={"active_test": False})


def run_script(source: Connection, target: Connection, *extra: str) -> subprocess.CompletedProcess:
    arguments = [sys.executable, str(SCRIPT), "--source", source.url, source.db, "admin", "admin",
                 "--target", target.url, target.db, "admin", "admin", *extra]
    return subprocess.run(arguments, capture_output=True, text=True, timeout=600)


def test_migration_gives_the_same_records_and_references(two_servers):
    source, target = two_servers
    mark = customer_data(source)
    run = run_script(source, target)
    assert run.returncode == 0, run.stderr
    for model, _domain, columns in PLAN:
        assert exported(target, model, columns, mark) == exported(source, model, columns, mark), model
    lead = target.call("crm.lead", "search_read", [("name", "=", f"Big deal {mark}")],
                       ["partner_id", "stage_id", "tag_ids", "user_id", "expected_revenue"])[0]
    assert lead["partner_id"][1] == f"Acme {mark}, Ana {mark}" and lead["expected_revenue"] == 12500.5
    assert lead["user_id"][1] == target.call("res.users", "search_read", [("login", "=", "demo")],
                                             ["name"])[0]["name"]


def test_running_the_migration_again_updates_instead_of_duplicating(two_servers):
    source, target = two_servers
    mark = customer_data(source)
    assert run_script(source, target).returncode == 0
    company = source.call("res.partner", "search", [("name", "=", f"Acme {mark}")])
    source.call("res.partner", "write", company, {"city": "Castellón"})
    assert run_script(source, target).returncode == 0
    found = target.call("res.partner", "search_read", [("name", "=", f"Acme {mark}")], ["city"])
    assert [row["city"] for row in found] == ["Castellón"]
    assert count(target, "crm.lead", mark) == 3


def test_dry_run_writes_nothing(two_servers):
    source, target = two_servers
    mark = customer_data(source)
    run = run_script(source, target, "--dry-run")
    assert run.returncode == 0, run.stderr
    assert count(target, "res.partner", mark) == 0


def test_refused_rows_are_reported_and_that_model_is_not_written(two_servers):
    source, target = two_servers
    mark = customer_data(source)
    custom_stage = source.call("crm.stage", "create", {"name": f"Source-only stage {mark}"})
    source.call("crm.lead", "write", source.call("crm.lead", "search", [("name", "=", f"Big deal {mark}")]),
                {"stage_id": custom_stage})
    run = run_script(source, target)
    assert run.returncode == 1
    assert "crm.lead" in run.stderr and "stage_id" in run.stderr and "No matching record found" in run.stderr
    assert count(target, "crm.lead", mark) == 0
    assert target.call("res.partner", "search_count", [("name", "=", f"Acme {mark}")]) == 1
