"""``erp bench`` scenario "rpc": XML-RPC round trips against real gunicorn workers, beside Odoo 17's
figures on the same calls (single create ~27 ms, 80-row search_read ~19 ms, search_count ~21 ms,
read_group ~15 ms, 1,000-record batch create ~1.5 s). Loaded through the ``erp.benchmarks`` entry points."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import xmlrpc.client
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from core.bench.runner import BenchContext, median_ms, scenario, timer
from core.db.engine import database_name

ODOO_17_MS = {
    "create": 27.0,
    "search_read_80": 19.0,
    "search_count": 21.0,
    "read_group": 15.0,
    "batch_create_1000": 1500.0,
}
WORKERS = 2


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn_server(db_url: str, workers: int = WORKERS) -> Iterator[str]:
    """``erp serve --workers N`` on a free port of 127.0.0.1; its base URL until the block ends."""
    port = _free_port()
    command = [
        sys.executable,
        "-c",
        "from core.cli.main import cli; cli()",
        "serve",
        "--db",
        db_url,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--no-cron",
    ]
    process = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        env=os.environ.copy(),
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                xmlrpc.client.ServerProxy(f"{base}/xmlrpc/2/common").version()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("the benchmark server did not start") from None
                time.sleep(0.2)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


@scenario("rpc")
def rpc_round_trips(context: BenchContext) -> dict[str, Any]:
    registry = context.registry
    db = database_name(registry.url)
    context.progress(f"rpc: starting {WORKERS} gunicorn workers")
    with gunicorn_server(registry.url) as base:
        common = xmlrpc.client.ServerProxy(f"{base}/xmlrpc/2/common")
        models = xmlrpc.client.ServerProxy(f"{base}/xmlrpc/2/object")
        uid = common.authenticate(db, "admin", "admin", {})
        if not uid:
            return {"error": "no admin/admin login on the bench database"}

        def call(model: str, method: str, *args: Any, **kwargs: Any) -> Any:
            return models.execute_kw(db, uid, "admin", model, method, list(args), kwargs)

        call(
            "res.partner",
            "create",
            [{"name": f"Seed {i}", "email": f"seed{i}@example.com", "city": "Sol"} for i in range(200)],
        )
        context.progress("rpc: round trips")
        four_fields = ["name", "email", "city", "country_id"]
        figures = {
            "create": median_ms(lambda: call("res.partner", "create", {"name": "Bench"})),
            "search_read_80": median_ms(
                lambda: call("res.partner", "search_read", [], fields=four_fields, limit=80)
            ),
            "search_count": median_ms(lambda: call("res.partner", "search_count", [])),
            "read_group": median_ms(
                lambda: call("res.partner", "read_group", [], ["id:count"], ["is_company"])
            ),
        }
        batch = [{"name": f"Batch {i}", "email": f"b{i}@example.com"} for i in range(1000)]
        samples = []
        for _ in range(3):
            with timer() as took:
                call("res.partner", "create", batch)
            samples.append(took["seconds"] * 1000)
        figures["batch_create_1000"] = round(sorted(samples)[1], 1)
    return {
        "workers": WORKERS,
        "ms": figures,
        "odoo17_ms": ODOO_17_MS,
        "times_faster_than_odoo17": {k: round(ODOO_17_MS[k] / v, 1) for k, v in figures.items() if v},
    }
