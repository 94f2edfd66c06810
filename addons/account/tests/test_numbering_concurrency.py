"""On PostgreSQL, invoices posted at the same moment on one journal get consecutive numbers: no gap,
no duplicate (the journal row is locked until each posting commits)."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from core.db.engine import copy_database, drop_database
from core.records.environment import SUPERUSER_ID, Environment
from core.registry.registry import Registry
from tests.databases import backend, new_db_url

POSTINGS = 20

pytestmark = pytest.mark.skipif(backend() != "pg", reason="concurrent transactions need PostgreSQL")


@pytest.fixture
def committed_registry(template_url: str) -> Iterator[Registry]:
    url = new_db_url("numbering")
    copy_database(template_url, url)
    registry = Registry.get(url)
    yield registry
    Registry.forget(url)
    drop_database(url)


def test_twenty_concurrent_postings_get_consecutive_numbers(committed_registry):
    cr = committed_registry.cursor()
    env = Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
    partner = env.ref("base.res_partner_2")
    moves = (
        env["account.move"]
        .with_context(default_move_type="out_invoice")
        .create(
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": partner.id,
                    "invoice_date": "2026-05-04",
                    "invoice_line_ids": [(0, 0, {"name": f"Line {n}", "price_unit": 10.0 + n})],
                }
                for n in range(POSTINGS)
            ]
        )
    )
    ids = moves.ids
    cr.commit()
    cr.close()
    errors: list[BaseException] = []
    start = threading.Event()

    def post(move_id: int) -> None:
        start.wait(30)
        try:
            cursor = committed_registry.cursor()
            try:
                Environment(cursor, SUPERUSER_ID, {"lang": "en_US"})["account.move"].browse(
                    move_id
                ).action_post()
                cursor.commit()
            finally:
                cursor.close()
        except Exception as error:  # noqa: BLE001 - collected and reported by the test
            errors.append(error)

    threads = [threading.Thread(target=post, args=(move_id,)) for move_id in ids]
    for thread in threads:
        thread.start()
    start.set()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    cr = committed_registry.cursor()
    try:
        env = Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
        posted = env["account.move"].browse(ids)
        assert set(posted.mapped("state")) == {"posted"}
        numbers = sorted(int(name.rsplit("/", 1)[1]) for name in posted.mapped("name"))
        assert all(name.startswith("INV/2026/") for name in posted.mapped("name"))
        assert numbers == list(range(numbers[0], numbers[0] + POSTINGS))
        earlier = env["account.move"].search(
            [("journal_id", "=", posted[0].journal_id.id), ("state", "=", "posted"), ("id", "not in", ids)]
        )
        assert max(int(name.rsplit("/", 1)[1]) for name in earlier.mapped("name")) == numbers[0] - 1
    finally:
        cr.close()
