"""The floor ``erp bench`` measures the API against: a bare Flask XML-RPC endpoint that answers the
benchmark's calls on ``res.partner`` with the least SQL that gives the same answer, on the same
database, served by the same gunicorn settings as ``erp serve``.

No registry, no access rights, no record rules, no chatter, no validation: one statement per call
(two for a read group's names), written by hand. What the real API costs beyond this is the price of
its features and of its layers; ``erp bench`` reports it as a ratio. Never serve this to anyone.

Run by the bench as ``python -c "from web.rpc.bare_endpoint import main; main()" DB_URL PORT WORKERS
THREADS``.
"""
from __future__ import annotations

import sys
import xmlrpc.client
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from flask import Flask, Response, request

from core import clock
from core.db.engine import make_engine

FIELDS = ("name", "email", "city", "country_id")
ADMIN_ID = 2


class BareCalls:
    """The benchmark's calls of ``res.partner``, each one or two statements on ``engine``."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        sqlite = engine.dialect.name == "sqlite"
        country = "json_extract(c.name, '$.en_US')" if sqlite else "c.name->>'en_US'"
        columns = f"p.id, p.name, p.email, p.city, p.country_id, {country}"
        join = "FROM res_partner p LEFT JOIN res_country c ON c.id = p.country_id"
        self.read_sql = sa.text(f"SELECT {columns} {join} WHERE p.id IN :ids ORDER BY p.id").bindparams(
            sa.bindparam("ids", expanding=True))
        self.search_read_sql = sa.text(f"SELECT {columns} {join} WHERE p.active "
                                       "ORDER BY p.complete_name, p.id DESC LIMIT :limit")
        self.count_sql = sa.text("SELECT count(*) FROM res_partner WHERE active")
        self.group_sql = sa.text(f"SELECT p.country_id, {country}, count(*) {join} WHERE p.active "
                                 f"GROUP BY p.country_id, {country} ORDER BY {country}")
        self.write_sql = sa.text("UPDATE res_partner SET city = :city, write_uid = :uid, write_date = :now "
                                 "WHERE id IN :ids").bindparams(sa.bindparam("ids", expanding=True))
        # the table as the database has it (read once at start): its column types convert the values
        partners = sa.Table("res_partner", sa.MetaData(), autoload_with=engine)
        self.insert = sa.insert(partners).returning(partners.c.id, sort_by_parameter_order=True)

    def call(self, method: str, args: list[Any], kwargs: dict[str, Any]) -> Any:
        handler: Callable[..., Any] | None = getattr(self, f"do_{method}", None)
        if handler is None:
            raise ValueError(f"the bare endpoint does not answer {method!r}")
        return handler(*args, **kwargs)

    def do_create(self, values: dict[str, Any] | list[dict[str, Any]]) -> int | list[int]:
        rows = values if isinstance(values, list) else [values]
        now = clock.utcnow()
        params = [{"name": row["name"], "complete_name": row["name"], "email": row.get("email"),
                   "city": row.get("city"), "country_id": row.get("country_id") or None, "active": True,
                   "type": "contact", "lang": "en_US", "is_company": False, "create_uid": ADMIN_ID,
                   "write_uid": ADMIN_ID, "create_date": now, "write_date": now} for row in rows]
        with self.engine.begin() as conn:
            ids = [row[0] for row in conn.execute(self.insert, params)]
        return ids if isinstance(values, list) else ids[0]

    def do_read(self, ids: list[int], fields: list[str] | None = None) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return [_record(row) for row in conn.execute(self.read_sql, {"ids": list(ids)})]

    def do_search_read(self, domain: list[Any], fields: list[str] | None = None, limit: int = 80,
                       **_options: Any) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return [_record(row) for row in conn.execute(self.search_read_sql, {"limit": limit})]

    def do_search_count(self, domain: list[Any]) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(self.count_sql).scalar() or 0)

    def do_read_group(self, domain: list[Any], fields: list[str], groupby: list[str],
                      **_options: Any) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return [{"country_id": [country_id, name] if country_id else False, "country_id_count": count,
                     "__domain": [["country_id", "=", country_id or False]]}
                    for country_id, name, count in conn.execute(self.group_sql)]

    def do_write(self, ids: list[int], values: dict[str, Any]) -> bool:
        with self.engine.begin() as conn:
            conn.execute(self.write_sql, {"ids": list(ids), "city": values.get("city"), "uid": ADMIN_ID,
                                          "now": clock.utcnow()})
        return True


def _record(row: Any) -> dict[str, Any]:
    record_id, name, email, city, country_id, country = row
    return {"id": record_id, "name": name or False, "email": email or False, "city": city or False,
            "country_id": [country_id, country] if country_id else False}


def create_bare_app(db_url: str) -> Flask:
    app = Flask(__name__)
    calls = BareCalls(make_engine(db_url))

    @app.post("/xmlrpc/2/<service>")
    def xmlrpc_2(service: str) -> Response:
        params, method = xmlrpc.client.loads(request.get_data(cache=False), use_builtin_types=True)
        if service == "common":
            result: Any = ADMIN_ID if method == "authenticate" else {"server_version": "bare"}
        else:
            _db, _uid, _password, _model, name, args, *rest = params
            result = calls.call(name, list(args), rest[0] if rest else {})
        body = xmlrpc.client.dumps((result,), methodresponse=True, allow_none=False, encoding="utf-8")
        return Response(body, mimetype="text/xml")

    return app


def main() -> None:
    """Serve the bare endpoint under gunicorn with ``erp serve``'s settings: DB_URL PORT WORKERS THREADS."""
    from gunicorn.app.base import BaseApplication

    from web.wsgi_server import gunicorn_options

    db_url, port, workers, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    options = gunicorn_options("127.0.0.1", port, workers, threads)
    options.pop("post_fork")

    class Bare(BaseApplication):
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Flask:
            return create_bare_app(db_url)

    Bare().run()
