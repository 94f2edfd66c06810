#!/usr/bin/env python3
"""Move a customer's partner tags, contacts, CRM tags and leads from one database to another over
Odoo's XML-RPC API, the way a consultant does it: ``export_data`` from the source, ``load`` into the
target, with external ids so that running it again updates instead of duplicating.

    migrate_customer.py --source http://old:8069 olddb admin secret \\
                        --target http://new:8069 newdb admin secret [--dry-run]

Each model is checked first with a dry run; if any row is refused, the problems are printed and
nothing of that model is written. Works against this suite and against Odoo 17 alike: only
``search``, ``export_data``, ``fields_get`` and ``load`` are used.
"""
from __future__ import annotations

import argparse
import sys
import xmlrpc.client
from dataclasses import dataclass
from typing import Any

# (model, domain, columns); records that other rows refer to come first. A column whose field the
# target lacks is left out with a warning (customisations of the source).
PLAN: list[tuple[str, list[Any], list[str]]] = [
    ("res.partner.category", [], ["id", "name", "color", "parent_id/id", "active"]),
    ("crm.tag", [], ["id", "name", "color"]),
    ("res.partner", [], ["id", "name", "is_company", "parent_id/id", "type", "ref", "email", "phone",
                         "mobile", "website", "function", "street", "street2", "zip", "city", "country_id/id",
                         "state_id/id", "vat", "lang", "category_id/id", "comment", "active"]),
    ("crm.lead", [], ["id", "name", "type", "partner_id/id", "contact_name", "partner_name", "email_from",
                      "phone", "expected_revenue", "probability", "priority", "stage_id/id", "tag_ids/id",
                      "user_id/id", "team_id/id", "date_deadline", "description", "active"]),
]
CHUNK = 1000


class MigrationError(Exception):
    """The target refused rows of a model; the message lists each problem with its row."""


@dataclass
class Connection:
    url: str
    db: str
    login: str
    password: str

    def __post_init__(self) -> None:
        common = xmlrpc.client.ServerProxy(f"{self.url}/xmlrpc/2/common", allow_none=False)
        self.uid = common.authenticate(self.db, self.login, self.password, {})
        if not self.uid:
            raise MigrationError(f"{self.url} {self.db}: login {self.login!r} refused")
        self.models = xmlrpc.client.ServerProxy(f"{self.url}/xmlrpc/2/object", allow_none=False)

    def call(self, model: str, method: str, *args: Any, **kwargs: Any) -> Any:
        return self.models.execute_kw(self.db, self.uid, self.password, model, method, list(args), kwargs)


def usable_columns(source: Connection, target: Connection, model: str, columns: list[str]) -> list[str]:
    """The columns both databases know (the ``id`` column always)."""
    known = [set(side.call(model, "fields_get", attributes=["type"])) for side in (source, target)]
    kept = [c for c in columns if c == "id" or all(c.split("/")[0] in fields for fields in known)]
    for column in sorted(set(columns) - set(kept)):
        print(f"warning: {model}: column {column!r} is missing on one side and is not migrated",
              file=sys.stderr)
    return kept


def export(source: Connection, model: str, domain: list[Any], columns: list[str]) -> list[list[Any]]:
    """Every record of ``model`` (archived ones too), parents before the records that refer to them."""
    ids = source.call(model, "search", domain, order="id", context={"active_test": False})
    rows: list[list[Any]] = []
    for start in range(0, len(ids), CHUNK):
        rows += source.call(model, "export_data", ids[start:start + CHUNK], columns,
                            context={"active_test": False})["datas"]
    return parents_first(rows, columns)


def parents_first(rows: list[list[Any]], columns: list[str]) -> list[list[Any]]:
    """Order rows so that a row's ``parent_id/id`` names a row placed before it (load needs it)."""
    if "parent_id/id" not in columns:
        return rows
    key, parent = columns.index("id"), columns.index("parent_id/id")
    by_id = {row[key]: row for row in rows}
    placed: set[str] = set()
    ordered: list[list[Any]] = []

    def place(row: list[Any], chain: set[str]) -> None:
        if row[key] in placed or row[key] in chain:
            return
        above = by_id.get(row[parent])
        if above is not None:
            place(above, chain | {row[key]})
        placed.add(row[key])
        ordered.append(row)

    for row in rows:
        place(row, set())
    return ordered


def load(target: Connection, model: str, columns: list[str], rows: list[list[Any]],
         dry_run: bool) -> list[int]:
    """Load the rows (all or nothing); checked with a dry run first so every bad row is reported."""
    check = target.call(model, "load", columns, rows, context={"import_dryrun": True, "active_test": False})
    problems = [m for m in check["messages"] if m["type"] == "error"]
    if check["ids"] is False or problems:
        lines = [f"  row {m['rows']['from']}: {m.get('field') or '-'}: {m['message']}" for m in problems]
        raise MigrationError(f"{model}: the target refused {len(problems)} problem(s):\n" + "\n".join(lines))
    if dry_run:
        return check["ids"]
    result = target.call(model, "load", columns, rows, context={"active_test": False})
    if result["ids"] is False:
        raise MigrationError(f"{model}: the target refused the rows: {result['messages']}")
    return result["ids"]


def without_references(rows: list[list[Any]], columns: list[str], pending: set[str]) -> list[list[Any]]:
    """The rows with the external ids of ``pending`` records taken out of their ``field/id`` cells: a dry
    run does not create them, so the check of a later model could not find them."""
    positions = [i for i, column in enumerate(columns) if column.endswith("/id")]
    cleaned = []
    for row in rows:
        row = list(row)
        for i in positions:
            if isinstance(row[i], str) and row[i]:
                row[i] = ",".join(part for part in row[i].split(",") if part not in pending)
        cleaned.append(row)
    return cleaned


def migrate(source: Connection, target: Connection, dry_run: bool = False,
            plan: list[tuple[str, list[Any], list[str]]] | None = None) -> dict[str, int]:
    """Copy every model of the plan; answers how many records of each the target received."""
    counts: dict[str, int] = {}
    pending: set[str] = set()  # external ids a dry run would have created
    for model, domain, columns in plan or PLAN:
        kept = usable_columns(source, target, model, columns)
        rows = export(source, model, domain, kept)
        if dry_run:
            rows, created = without_references(rows, kept, pending), rows
            pending.update(row[kept.index("id")] for row in created)
        counts[model] = len(load(target, model, kept, rows, dry_run)) if rows else 0
        print(f"{model}: {counts[model]} record(s){' checked' if dry_run else ''}", file=sys.stderr)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", nargs=4, metavar=("URL", "DB", "LOGIN", "PASSWORD"), required=True)
    parser.add_argument("--target", nargs=4, metavar=("URL", "DB", "LOGIN", "PASSWORD"), required=True)
    parser.add_argument("--dry-run", action="store_true", help="Check every row; write nothing.")
    args = parser.parse_args(argv)
    try:
        migrate(Connection(*args.source), Connection(*args.target), args.dry_run)
    except (MigrationError, xmlrpc.client.Fault, OSError) as error:
        print(f"migration failed: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
