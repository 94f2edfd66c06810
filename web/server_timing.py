"""``Server-Timing`` on every answer: the time spent in SQL and in Python, so a slow call can be read
from the client (a browser's network panel shows it; ``curl -i`` prints it).

``Server-Timing: sql;dur=1.234;desc="3 statements", app;dur=0.567`` — ``sql`` is the wall time of
the statements the request sent (measured around each one by SQLAlchemy's cursor events, COPY
included), ``app`` the rest of the request's time in this process.
"""
from __future__ import annotations

import time
from contextvars import ContextVar
from typing import Any

import sqlalchemy as sa
from flask import Flask, Response, g

# (seconds in SQL, statements) of the request being served by this thread; None outside requests
_spent: ContextVar[list[float] | None] = ContextVar("erp_sql_spent", default=None)
_listening = False


def _before_statement(conn: Any, cursor: Any, statement: Any, parameters: Any, context: Any,
                      executemany: bool) -> None:
    if _spent.get() is not None:
        conn.info["erp_statement_started"] = time.perf_counter()


def _after_statement(conn: Any, cursor: Any, statement: Any, parameters: Any, context: Any,
                     executemany: bool) -> None:
    spent = _spent.get()
    started = conn.info.pop("erp_statement_started", None)
    if spent is not None and started is not None:
        spent[0] += time.perf_counter() - started
        spent[1] += 1


def _listen() -> None:
    """Listen on every engine, once per process (registries make their engines later)."""
    global _listening
    if not _listening:
        sa.event.listen(sa.Engine, "before_cursor_execute", _before_statement)
        sa.event.listen(sa.Engine, "after_cursor_execute", _after_statement)
        _listening = True


def header_value(sql_seconds: float, statements: int, total_seconds: float) -> str:
    """The header's value: milliseconds with three decimals, as the specification's examples."""
    app = max(total_seconds - sql_seconds, 0.0)
    return (f'sql;dur={sql_seconds * 1000:.3f};desc="{int(statements)} statements", '
            f"app;dur={app * 1000:.3f}")


def init_app(app: Flask) -> None:
    _listen()

    @app.before_request
    def _start() -> None:
        g.erp_timing_started = time.perf_counter()
        g.erp_timing_token = _spent.set([0.0, 0])

    @app.after_request
    def _report(response: Response) -> Response:
        started = g.get("erp_timing_started")
        spent = _spent.get()
        if started is not None and spent is not None:
            response.headers["Server-Timing"] = header_value(spent[0], int(spent[1]),
                                                             time.perf_counter() - started)
        return response

    @app.teardown_request
    def _stop(_error: BaseException | None) -> None:
        token = g.pop("erp_timing_token", None)
        if token is not None:
            _spent.reset(token)
