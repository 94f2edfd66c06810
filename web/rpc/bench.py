"""``erp bench`` scenario "rpc": XML-RPC round trips against real gunicorn workers, on a demo-sized
database beside Odoo 17's figures for the same calls (single create ~27 ms, 80-row search_read
~19 ms, search_count ~21 ms, read_group by stage ~15 ms, 1,000-record batch create ~1.5 s), and on a
database of --size contacts. Loaded through the ``erp.benchmarks`` entry points."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import xmlrpc.client
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
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
START_SECONDS = 60
FOUR_FIELDS = ["name", "email", "city", "country_id"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn_server(db_url: str, workers: int = WORKERS, options: tuple[str, ...] = ()) -> Iterator[str]:
    """``erp serve --workers N [options]`` on a free port of 127.0.0.1; its base URL until the block ends.

    A server that does not answer within a minute is reported with the end of its log."""
    port = _free_port()
    command = [sys.executable, "-c", "from core.cli.main import cli; cli()", "serve", "--db", db_url,
               "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers), "--no-cron", *options]
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, stdout=log, stderr=log, start_new_session=True,
                                   env=os.environ.copy())
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_until_ready(base, process, log)
            yield base
        finally:
            _stop(process)


def _wait_until_ready(base: str, process: subprocess.Popen[bytes], log: Any) -> None:
    deadline = time.monotonic() + START_SECONDS
    while True:
        try:
            xmlrpc.client.ServerProxy(f"{base}/xmlrpc/2/common").version()
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                tail = log.read().decode(errors="replace")[-2000:]
                exited = process.poll() is not None
                state = f"exited with {process.returncode}" if exited else "did not answer"
                raise RuntimeError(f"the benchmark server {state}:\n{tail}") from None
            time.sleep(0.2)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the server's process group (the master and its workers); nothing to do if it is gone."""
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def _client(base: str, db: str) -> Callable[..., Any]:
    common = xmlrpc.client.ServerProxy(f"{base}/xmlrpc/2/common")
    models = xmlrpc.client.ServerProxy(f"{base}/xmlrpc/2/object")
    uid = common.authenticate(db, "admin", "admin", {})
    if not uid:
        raise RuntimeError(f"no admin/admin login on the bench database {db}")

    def call(model: str, method: str, *args: Any, **kwargs: Any) -> Any:
        return models.execute_kw(db, uid, "admin", model, method, list(args), kwargs)

    return call


def _round_trips(call: Callable[..., Any], read_group: Callable[[], Any]) -> dict[str, float]:
    # both workers load the database's registry before anything is timed
    for _ in range(2 * WORKERS):
        call("res.partner", "search_count", [])
    figures = {
        "create": median_ms(lambda: call("res.partner", "create", {"name": "Bench"})),
        "search_read_80": median_ms(
            lambda: call("res.partner", "search_read", [], fields=FOUR_FIELDS, limit=80)),
        "search_count": median_ms(lambda: call("res.partner", "search_count", [])),
        "read_group": median_ms(read_group),
    }
    batch = [{"name": f"Batch {i}", "email": f"b{i}@example.com"} for i in range(1000)]
    samples = []
    for _ in range(3):
        with timer() as took:
            call("res.partner", "create", batch)
        samples.append(took["seconds"] * 1000)
    figures["batch_create_1000"] = round(sorted(samples)[1], 1)
    return figures


@scenario("rpc")
def rpc_round_trips(context: BenchContext) -> dict[str, Any]:
    # one server per database: a server answers for other databases too, but finding them lists the
    # server's databases, which is not what a client's call costs
    with context.database("demo") as demo:
        context.progress(f"rpc: {WORKERS} gunicorn workers on the demo-sized database")
        with gunicorn_server(demo.url) as base:
            call = _client(base, database_name(demo.url))
            if "crm.lead" in demo.models:
                group = lambda: call("crm.lead", "read_group", [], ["expected_revenue"], ["stage_id"])
            else:
                group = lambda: call("res.partner", "read_group", [], ["id:count"], ["is_company"])
            on_demo = _round_trips(call, group)
    with context.database("sized") as sized:
        context.progress(f"rpc: {WORKERS} gunicorn workers at {context.size} contacts")
        with gunicorn_server(sized.url) as base:
            call = _client(base, database_name(sized.url))
            at_size = _round_trips(call, lambda: call("res.partner", "read_group", [], ["id:count"],
                                                      ["country_id"]))
    return {
        "workers": WORKERS,
        "ms": on_demo,
        "ms_at_size": at_size,
        "odoo17_ms": ODOO_17_MS,
        "times_faster_than_odoo17": {k: round(ODOO_17_MS[k] / v, 1) for k, v in on_demo.items() if v},
    }
