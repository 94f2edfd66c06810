"""Custom fields across transactions and processes: published on commit, reloaded by the other workers."""
from __future__ import annotations

import sqlalchemy as sa

from core.records.environment import Environment
from core.registry.registry import Registry


def _add_field(registry, name="x_customer_code"):
    with registry.environment(uid=2) as env:
        env["ir.model.fields"].create({"name": name, "model": "res.partner", "ttype": "char"})


def test_the_process_adopts_the_new_registry_when_the_transaction_commits(fresh_registry):
    registry = fresh_registry()
    _add_field(registry)
    current = Registry.get(registry.url)
    assert current is not registry
    assert "x_customer_code" in current.models["res.partner"]._fields
    with current.environment(uid=2) as env:
        env["res.partner"].create({"name": "After commit", "x_customer_code": "A"})


def test_another_worker_reloads_through_the_registry_signal(fresh_registry):
    registry = fresh_registry()
    other_worker = Registry(registry.url)
    other_worker.load_installed()
    _add_field(registry)
    reloaded = other_worker.check_signals()
    assert reloaded is not other_worker
    assert "x_customer_code" in reloaded.models["res.partner"]._fields
    reloaded.engine.dispose()
    other_worker.engine.dispose()


def test_a_worker_without_changes_keeps_its_registry(fresh_registry):
    registry = fresh_registry()
    assert registry.check_signals() is registry


def test_a_rolled_back_custom_field_leaves_no_trace(fresh_registry):
    registry = fresh_registry()
    cr = registry.cursor()
    try:
        Fields = Environment(cr, 2, {})["ir.model.fields"]
        Fields.create({"name": "x_gone", "model": "res.partner", "ttype": "char"})
        assert "x_gone" in cr.registry.models["res.partner"]._fields
        cr.rollback()
        assert "x_gone" not in cr.registry.models["res.partner"]._fields
    finally:
        cr.close()
    assert Registry.get(registry.url) is registry
    columns = {c["name"] for c in sa.inspect(registry.engine).get_columns("res_partner")}
    assert "x_gone" not in columns


def test_a_removed_field_loses_its_column_after_commit(fresh_registry):
    registry = fresh_registry()
    _add_field(registry, "x_temporary")
    with Registry.get(registry.url).environment(uid=2) as env:
        env["ir.model.fields"].search([("name", "=", "x_temporary")]).unlink()
    columns = {c["name"] for c in sa.inspect(registry.engine).get_columns("res_partner")}
    assert "x_temporary" not in columns
    assert "x_temporary" not in Registry.get(registry.url).models["res.partner"]._fields


def test_a_custom_many2one_gets_its_foreign_key(fresh_registry):
    registry = fresh_registry()
    with registry.environment(uid=2) as env:
        env["ir.model.fields"].create({"name": "x_origin_id", "model": "res.partner", "ttype": "many2one",
                                       "relation": "res.country", "on_delete": "restrict"})
    keys = sa.inspect(registry.engine).get_foreign_keys("res_partner")
    assert any(key["constrained_columns"] == ["x_origin_id"] and key["referred_table"] == "res_country"
               for key in keys)
