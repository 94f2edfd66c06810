"""Confirming many orders costs a constant number of statements: each delivered-quantity and
transfer-state column is written once for the whole batch, not after every move written."""

from __future__ import annotations

from sqlalchemy import event


def confirm_counting_updates(env, orders):
    sql: list[str] = []  # every statement the driver ran (bulk inserts included)

    def log(conn, cursor, statement, parameters, context, executemany):
        sql.append(statement)

    event.listen(env.registry.engine, "before_cursor_execute", log)
    try:
        orders.action_confirm()
    finally:
        event.remove(env.registry.engine, "before_cursor_execute", log)
    return {table: sum(1 for s in sql if s.startswith(f"UPDATE {table} ")) for table in
            ("sale_order_line", "stock_picking", "stock_move")}, len(sql)


def test_confirming_orders_writes_computed_columns_once(env, make_product, make_order):
    products = [make_product(f"Budget {i}", stock=100) for i in range(3)]
    few = make_order(*[(p, 1 + i) for i, p in enumerate(products)])
    many = env["sale.order"].browse([make_order(*[(p, 1 + (n + i) % 3) for i, p in enumerate(products)]).id
                                     for n in range(8)])
    few_updates, few_count = confirm_counting_updates(env, few)
    many_updates, many_count = confirm_counting_updates(env, many)
    assert many.mapped("picking_ids").mapped("state") == ["assigned"] * 8
    assert all(line.qty_delivered == 0 for line in many.mapped("order_line"))
    # the delivered quantities: one UPDATE for the whole batch; the transfers' states as many as for
    # one order (their tracking reads the state after each step)
    assert many_updates["sale_order_line"] <= 1, many_updates
    assert all(many_updates[t] <= few_updates[t] for t in many_updates), (few_updates, many_updates)
    assert many_count <= few_count + 2, (few_count, many_count)
