"""External ids (``module.name`` → model and id), kept in ``ir.model.data``."""
from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from core.exceptions import ValidationError
from core.i18n import _

if TYPE_CHECKING:
    from core.records.environment import Environment

XMLID_MODEL = "ir.model.data"


def split_xmlid(xml_id: str, default_module: str | None = None) -> tuple[str, str]:
    if not isinstance(xml_id, str) or not xml_id.strip():
        raise ValidationError(_("Invalid external id %(xml_id)r", xml_id=xml_id))
    module, dot, name = xml_id.strip().partition(".")
    if not dot:
        if default_module is None:
            raise ValidationError(_("Invalid external id %(xml_id)r: expected module.name", xml_id=xml_id))
        return default_module, module
    return module, name


def _cache(env: Environment) -> dict[tuple[str, str], tuple[str, int, bool] | None]:
    return env.cr.data.setdefault("xmlids", {})


def lookup(env: Environment, module: str, name: str) -> tuple[str, int, bool] | None:
    """(model, res_id, noupdate) of an external id, or None."""
    if XMLID_MODEL not in env.registry.models:
        return None
    cache = _cache(env)
    key = (module, name)
    if key not in cache:
        table = env.registry.models[XMLID_MODEL]._table
        row = env.cr.execute(sa.select(table.c.model, table.c.res_id, table.c.noupdate)
                             .where(table.c.module == module).where(table.c.name == name)).first()
        cache[key] = (row[0], row[1], bool(row[2])) if row else None
    return cache[key]


def resolve_xmlid(env: Environment, xml_id: str, default_module: str | None = None) -> tuple[str, int] | None:
    module, name = split_xmlid(xml_id, default_module)
    found = lookup(env, module, name)
    return (found[0], found[1]) if found else None


def set_xmlids(env: Environment, model: str, entries: list[tuple[str, str, int, bool]]) -> None:
    """Record (module, name, res_id, noupdate) external ids of ``model`` records, updating existing ones."""
    if not entries or XMLID_MODEL not in env.registry.models:
        return
    data = env[XMLID_MODEL].sudo()
    cache = _cache(env)
    table = data._table
    keys = {(m, n) for m, n, _i, _u in entries}
    existing: dict[tuple[str, str], tuple[int, str, int, bool]] = {}
    for module in {m for m, _n in keys}:
        names = [n for m, n in keys if m == module]
        for chunk_start in range(0, len(names), 5000):
            chunk = names[chunk_start:chunk_start + 5000]
            rows = env.cr.execute(sa.select(table.c.id, table.c.module, table.c.name, table.c.model,
                                            table.c.res_id, table.c.noupdate)
                                  .where(table.c.module == module).where(table.c.name.in_(chunk)))
            existing.update({(r[1], r[2]): (r[0], r[3], r[4], bool(r[5])) for r in rows})
    to_create = []
    for module, name, res_id, noupdate in entries:
        key = (module, name)
        if key in existing:
            # only what changed: an upgrade re-records thousands of unchanged ids
            row_id, old_model, old_res_id, old_noupdate = existing[key]
            if (old_model, old_res_id, old_noupdate) != (model, res_id, bool(noupdate)):
                data.browse(row_id).write({"model": model, "res_id": res_id, "noupdate": bool(noupdate)})
        else:
            to_create.append({"module": module, "name": name, "model": model, "res_id": res_id,
                              "noupdate": noupdate})
        cache[key] = (model, res_id, noupdate)
    if to_create:
        data.create(to_create)


def xmlids_of(env: Environment, model: str, ids: list[int]) -> dict[int, str]:
    """One external id per record (the first recorded), for the records that have one."""
    if XMLID_MODEL not in env.registry.models or not ids:
        return {}
    table = env.registry.models[XMLID_MODEL]._table
    result: dict[int, str] = {}
    for start in range(0, len(ids), 5000):
        chunk = ids[start:start + 5000]
        rows = env.cr.execute(sa.select(table.c.res_id, table.c.module, table.c.name)
                              .where(table.c.model == model).where(table.c.res_id.in_(chunk))
                              .order_by(table.c.id))
        for res_id, module, name in rows:
            result.setdefault(res_id, f"{module}.{name}")
    return result


def ensure_export_xmlids(env: Environment, model: str, table_name: str, ids: list[int]) -> dict[int, str]:
    """External ids of the records, creating stable ``__export__`` ones for those without."""
    known = xmlids_of(env, model, ids)
    missing = [i for i in ids if i not in known]
    if missing:
        entries = []
        for res_id in missing:
            # random, as Odoo's: a name derived from the id alone would be the same in another database,
            # and loading that database's export here would update an unrelated record
            name = f"{table_name}_{res_id}_{uuid.uuid4().hex[:8]}"
            entries.append(("__export__", name, res_id, False))
            known[res_id] = f"__export__.{name}"
        set_xmlids(env, model, entries)
    return known


def forget_cache(env: Environment) -> None:
    env.cr.data.pop("xmlids", None)


def record_of(env: Environment, xml_id: str, default_module: str | None = None) -> Any:
    found = resolve_xmlid(env, xml_id, default_module)
    if found is None:
        return None
    return env[found[0]].browse(found[1])
