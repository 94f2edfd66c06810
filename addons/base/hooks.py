"""Install hooks of the base addon."""
from __future__ import annotations

import sqlalchemy as sa

from core.addon.xmlids import set_xmlids
from core.records.environment import SUPERUSER_ID, Environment


def pre_init(env: Environment) -> None:
    """Reserve id 1 of res.users for the system user before any record is written, since every record
    points at its creator; the data files fill it in."""
    table = env.registry.models["res.users"]._table
    if env.cr.execute(sa.select(table.c.id).where(table.c.id == SUPERUSER_ID)).first() is None:
        env.cr.execute(sa.insert(table).values(id=SUPERUSER_ID, login="__system__", active=False))
        if env.cr.dialect == "postgresql":
            env.cr.execute(sa.text("SELECT setval(pg_get_serial_sequence('res_users', 'id'), "
                                   "(SELECT MAX(id) FROM res_users))"))
    set_xmlids(env, "res.users", [("base", "user_root", SUPERUSER_ID, True)])
