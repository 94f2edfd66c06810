"""Concurrent clients: every call is its own transaction; writers on the same rows all succeed (conflicts
are retried), and nothing is lost."""

from __future__ import annotations

import threading
import xmlrpc.client

THREADS = 6
CALLS = 5


def test_concurrent_writers_on_one_record_all_succeed(server, admin):
    pid = admin("res.partner", "create", {"name": "Contended"})
    errors: list[BaseException] = []

    def writer(number: int) -> None:
        models = xmlrpc.client.ServerProxy(f"{server.base}/xmlrpc/2/object")
        try:
            for call in range(CALLS):
                models.execute_kw(
                    server.db, 2, "admin", "res.partner", "write", [[pid], {"ref": f"{number}-{call}"}]
                )
                models.execute_kw(
                    server.db,
                    2,
                    "admin",
                    "res.partner",
                    "create",
                    [{"name": f"Concurrent {number}-{call}", "parent_id": pid}],
                )
        except Exception as error:  # noqa: BLE001 - collected and reported by the test
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert admin("res.partner", "search_count", [["parent_id", "=", pid]]) == THREADS * CALLS
    assert admin("res.partner", "read", [pid], ["ref"])[0]["ref"].endswith(f"-{CALLS - 1}")
