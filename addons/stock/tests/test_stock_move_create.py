"""Moves created in a batch take their defaults from their products and transfers, which are read
once for the whole batch rather than once per move."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from sqlalchemy import event

from core.exceptions import UserError


@contextmanager
def statements(env):
    sql: list[str] = []

    def log(conn, cursor, statement, parameters, context, executemany):
        sql.append(statement)

    event.listen(env.registry.engine, "before_cursor_execute", log)
    try:
        yield sql
    finally:
        event.remove(env.registry.engine, "before_cursor_execute", log)


def fetches(sql, table):
    return [s for s in sql if s.startswith(f"SELECT {table}.id, ")]


def test_a_batch_of_moves_reads_its_products_and_transfers_once(env, warehouse, make_product):
    products = [make_product("Batch") for _ in range(4)]
    pickings = env["stock.picking"].create([{"picking_type_id": warehouse.out_type_id.id} for _ in range(5)])
    env.invalidate_all()
    with statements(env) as sql:
        moves = env["stock.move"].create(
            [
                {"product_id": product.id, "product_uom_qty": 1, "picking_id": picking.id}
                for picking in pickings
                for product in products
            ]
        )
    assert len(fetches(sql, "product_product")) == 1, fetches(sql, "product_product")
    # read as a batch, not once per transfer (confirming the new moves may read them again)
    assert len(fetches(sql, "stock_picking")) <= 2, fetches(sql, "stock_picking")
    for move in moves:
        assert move.product_uom == move.product_id.uom_id
        assert move.name == move.product_id.display_name
        assert move.location_id == move.picking_id.location_id == warehouse.lot_stock_id
        assert move.location_dest_id == move.picking_id.location_dest_id
        assert move.picking_type_id == warehouse.out_type_id
        assert move.state == "draft"


def test_a_move_of_a_service_is_refused_within_a_batch(env, make_product):
    stored, service = make_product("Stored"), make_product("Consulting", type="service")
    env.invalidate_all()
    with pytest.raises(UserError, match="is a service"):
        env["stock.move"].create(
            [{"product_id": p.id, "product_uom_qty": 1} for p in (stored, service)]
        )
