"""``erp bench`` scenario "api_story": what one API call costs, told in one run.

For a single create, a read of one record, an 80-row ``search_read``, ``search_count``, ``read_group``
and a batch create of a thousand, the time of the same call three ways on one demo-sized database:

- ``xmlrpc``: over XML-RPC against ``erp serve --workers 2`` (gunicorn, kept-alive connection);
- ``in_process``: the record API in this process, one transaction per call, as the server runs it;
- ``bare``: a bare Flask XML-RPC endpoint doing the least SQL that answers the same, under the same
  gunicorn settings (``web/rpc/bare_endpoint.py``): the floor.

Each figure is also given as a ratio to the bare endpoint's. Then eight clients call at once for a
while (70 % ``search_read`` of 80, 20 % ``read`` of one record, 10 % ``write``), against ``erp serve``
and against the bare endpoint: requests per second and the 99th percentile of their latency.
"""
from __future__ import annotations

import random
import subprocess
import sys
import tempfile
import threading
import time
import xmlrpc.client
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from core.bench.runner import BenchContext, median_ms, scenario, timer
from core.db.engine import database_name
from core.records.environment import Environment
from core.registry.registry import Registry
from web.rpc.bench import WORKERS, _free_port, _stop, _wait_until_ready, gunicorn_server

FOUR_FIELDS = ["name", "email", "city", "country_id"]
THREADS = 4
CLIENTS = 8
MIX = (("search_read_80", 0.7), ("read", 0.2), ("write", 0.1))
BATCH = 1000
ADMIN_ID = 2
Call = Callable[..., Any]


@contextmanager
def bare_server(db_url: str) -> Iterator[str]:
    """The bare endpoint under gunicorn on a free port; its base URL until the block ends."""
    port = _free_port()
    command = [sys.executable, "-c", "from web.rpc.bare_endpoint import main; main()", db_url, str(port),
               str(WORKERS), str(THREADS)]
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, stdout=log, stderr=log, start_new_session=True)
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_until_ready(base, process, log)
            yield base
        finally:
            _stop(process)


def xmlrpc_caller(base: str, db: str, uid: int = 0) -> Call:
    """``call(method, *args, **kwargs)`` on ``res.partner`` as admin (logging in unless ``uid`` is given),
    over one kept-alive connection."""
    models = xmlrpc.client.ServerProxy(f"{base}/xmlrpc/2/object")
    uid = uid or xmlrpc.client.ServerProxy(f"{base}/xmlrpc/2/common").authenticate(db, "admin", "admin", {})
    if not uid:
        raise RuntimeError(f"no admin/admin login on the bench database {db}")

    def call(method: str, *args: Any, **kwargs: Any) -> Any:
        return models.execute_kw(db, uid, "admin", "res.partner", method, list(args), kwargs)

    return call


def in_process_caller(registry: Registry) -> Call:
    """The same calls on the record API of this process, each in its own transaction."""
    readonly = {"read", "search_read", "search_count", "read_group"}

    def call(method: str, *args: Any, **kwargs: Any) -> Any:
        with registry.cursor(readonly=method in readonly) as cr:
            Partner = Environment(cr, ADMIN_ID, {"lang": "en_US"})["res.partner"]
            if method in ("read", "write"):
                ids, *rest = args
                return getattr(Partner.browse(ids), method)(*rest, **kwargs)
            return getattr(Partner, method)(*args, **kwargs)

    return call


def _batch(start: int) -> list[dict[str, Any]]:
    return [{"name": f"Story {start + i}", "email": f"story{start + i}@example.com"} for i in range(BATCH)]


def warm_up(make_call: Callable[[], Call], connections: int = 2 * CLIENTS) -> None:
    """Calls on many connections at once, so every worker has checked the password, opened its database
    connections and read what it caches before the clock runs (a first call costs a password hash)."""
    def three_calls() -> None:
        call = make_call()
        for _ in range(3):
            call("search_count", [])

    threads = [threading.Thread(target=three_calls, daemon=True) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def calls_ms(call: Call, record_id: int, runs: int) -> dict[str, float]:
    """Median milliseconds of each call (batch create: rows per second)."""
    for _ in range(3):
        call("search_count", [])
    figures = {
        "single_create": median_ms(lambda: call("create", {"name": "Story", "email": "story@example.com"}),
                                   runs=runs),
        "read_1": median_ms(lambda: call("read", [record_id], FOUR_FIELDS), runs=runs),
        "search_read_80": median_ms(lambda: call("search_read", [], fields=FOUR_FIELDS, limit=80), runs=runs),
        "search_count": median_ms(lambda: call("search_count", []), runs=runs),
        "read_group": median_ms(lambda: call("read_group", [], ["country_id"], ["country_id"]), runs=runs),
    }
    samples = []
    for round_ in range(3):
        with timer() as took:
            call("create", _batch(round_ * BATCH))
        samples.append(took["seconds"])
    figures["batch_create_rows_per_s"] = round(BATCH / sorted(samples)[1])
    return figures


def client_mix(make_call: Callable[[], Call], ids: list[int], seconds: float) -> dict[str, float]:
    """Eight clients calling at once for ``seconds``: requests per second and latency percentiles."""
    latencies: list[list[float]] = [[] for _ in range(CLIENTS)]
    errors: list[BaseException] = []
    start = threading.Barrier(CLIENTS + 1)
    stop_at = [0.0]

    def client(index: int) -> None:
        call, rng = make_call(), random.Random(index)
        start.wait()
        mine = latencies[index]
        try:
            while time.perf_counter() < stop_at[0]:
                kind = rng.choices([name for name, _ in MIX], [share for _, share in MIX])[0]
                began = time.perf_counter()
                if kind == "search_read_80":
                    call("search_read", [], fields=FOUR_FIELDS, limit=80)
                elif kind == "read":
                    call("read", [rng.choice(ids)], FOUR_FIELDS)
                else:
                    call("write", [rng.choice(ids)], {"city": f"City {rng.randrange(1000)}"})
                mine.append(time.perf_counter() - began)
        except BaseException as error:  # noqa: BLE001 - reported after the run
            errors.append(error)

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    stop_at[0] = time.perf_counter() + seconds
    began = time.perf_counter()
    start.wait()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    if errors:
        raise RuntimeError(f"a bench client failed: {errors[0]!r}")
    samples = sorted(value for mine in latencies for value in mine)
    if not samples:
        raise RuntimeError("the bench clients made no call")

    def percentile(share: float) -> float:
        return round(samples[min(int(len(samples) * share), len(samples) - 1)] * 1000, 2)

    return {"requests": len(samples), "req_per_s": round(len(samples) / elapsed, 1),
            "p50_ms": percentile(0.50), "p99_ms": percentile(0.99)}


def ratios(figures: dict[str, float], bare: dict[str, float]) -> dict[str, float]:
    """Each figure over the bare endpoint's (for rows per second, the bare's over ours): 1.0 is the floor."""
    out = {}
    for key, value in figures.items():
        floor = bare.get(key)
        if not floor or not value:
            continue
        out[key] = round(floor / value if key.endswith("per_s") else value / floor, 2)
    return out


@scenario("api_story")
def api_story(context: BenchContext) -> dict[str, Any]:
    runs = 30 if context.size >= 1000 else 5
    mix_seconds = 10.0 if context.size >= 1000 else 1.0
    with context.database("demo") as registry:
        db = database_name(registry.url)
        with registry.cursor(readonly=True) as cr:
            ids = Environment(cr, ADMIN_ID, {})["res.partner"].search([], limit=200).ids
        results: dict[str, Any] = {"clients": CLIENTS, "workers": WORKERS, "threads": THREADS}
        context.progress("api story: the bare Flask endpoint (same SQL, same database)")
        with bare_server(registry.url) as base:
            warm_up(lambda: xmlrpc_caller(base, db, ADMIN_ID))
            bare = calls_ms(xmlrpc_caller(base, db), ids[0], runs)
            bare_mix = client_mix(lambda: xmlrpc_caller(base, db), ids, mix_seconds)
        context.progress("api story: the record API in process")
        in_process = calls_ms(in_process_caller(registry), ids[0], runs)
        context.progress(f"api story: XML-RPC against erp serve --workers {WORKERS} --threads {THREADS}")
        Registry.forget(registry.url)  # the server's workers hold the connections from here on
        options = ("--threads", str(THREADS))
        with gunicorn_server(registry.url, WORKERS, options) as base:
            warm_up(lambda: xmlrpc_caller(base, db, ADMIN_ID))
            over_xmlrpc = calls_ms(xmlrpc_caller(base, db), ids[0], runs)
            serve_mix = client_mix(lambda: xmlrpc_caller(base, db), ids, mix_seconds)
    results.update({
        "ms": {"xmlrpc": over_xmlrpc, "in_process": in_process, "bare": bare},
        "times_bare": {"xmlrpc": ratios(over_xmlrpc, bare), "in_process": ratios(in_process, bare)},
        "mix": {"xmlrpc": serve_mix, "bare": bare_mix,
                "req_per_s_vs_bare": round(serve_mix["req_per_s"] / bare_mix["req_per_s"], 2)},
    })
    return results
