"""The environment: who acts (user), how (context: lang, tz, companies, active_test), and in
which transaction (cursor); ``env["res.partner"]`` gives the model's empty recordset."""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager
from types import MappingProxyType
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from core.exceptions import ValidationError
from core.i18n import DEFAULT_LANG, _

if TYPE_CHECKING:
    from core.fields.base import Field
    from core.records.model import BaseModel
    from core.records.transaction_state import Cache, RecordCursor, ToWrite
    from core.registry.registry import Registry

SUPERUSER_ID = 1


class Environment(Mapping[str, "BaseModel"]):
    """Immutable; ``with_user``, ``with_context`` and ``sudo`` give new ones over the same cursor."""

    __slots__ = ("cr", "uid", "context", "su", "_cache_key")

    def __init__(self, cr: RecordCursor, uid: int = SUPERUSER_ID, context: Mapping[str, Any] | None = None,
                 su: bool = False) -> None:
        self.cr = cr
        self.uid = uid
        self.context: Mapping[str, Any] = MappingProxyType(dict(context or {}))
        self.su = su or uid == SUPERUSER_ID

    @property
    def registry(self) -> Registry:
        """The registry of the transaction: a custom field created in it is visible to every environment."""
        return self.cr.registry

    # -- models ----------------------------------------------------------------------------
    def __getitem__(self, model_name: str) -> BaseModel:
        try:
            cls = self.registry.models[model_name]
        except KeyError:
            raise ValidationError(_("Object %(model)s doesn't exist", model=model_name)) from None
        return cls(self, (), ())

    def __contains__(self, model_name: object) -> bool:
        return model_name in self.registry.models

    def __iter__(self) -> Iterator[str]:
        return iter(self.registry.models)

    def __len__(self) -> int:
        return len(self.registry.models)

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Environment) and other.cr is self.cr and other.uid == self.uid
                and other.su == self.su and dict(other.context) == dict(self.context))

    def __hash__(self) -> int:
        return hash((id(self.cr), self.uid, self.su))

    # -- derived environments --------------------------------------------------------------
    def __call__(self, cr: RecordCursor | None = None, user: Any = None,
                 context: Mapping[str, Any] | None = None,
                 su: bool | None = None) -> Environment:
        uid = self.uid if user is None else (user.id if hasattr(user, "_ids") else int(user))
        return Environment(cr or self.cr, uid, self.context if context is None else context,
                           self.su if su is None else su)

    def sudo(self, flag: bool = True) -> Environment:
        return self(su=flag)

    # -- shortcuts -------------------------------------------------------------------------
    @property
    def cache(self) -> Cache:
        return self.cr.state.cache

    @property
    def towrite(self) -> ToWrite:
        return self.cr.state.towrite

    @property
    def protected(self) -> dict[Field, set[Any]]:
        return self.cr.state.protected

    @property
    def lang(self) -> str:
        return self.context.get("lang") or DEFAULT_LANG

    @property
    def tz(self) -> str:
        return self.context.get("tz") or "UTC"

    @property
    def tzinfo(self) -> ZoneInfo:
        """The context's time zone; UTC when there is none or it is unknown."""
        try:
            return ZoneInfo(self.tz)
        except (ZoneInfoNotFoundError, ValueError):
            return ZoneInfo("UTC")

    @property
    def user(self) -> BaseModel:
        return self(su=True)["res.users"].browse(self.uid)

    @property
    def company(self) -> BaseModel:
        """The current company: first of ``allowed_company_ids`` in the context, else the user's."""
        company_ids = self.context.get("allowed_company_ids")
        if company_ids:
            return self(su=True)["res.company"].browse(company_ids[0])
        return self.user.company_id

    @property
    def companies(self) -> BaseModel:
        company_ids = self.context.get("allowed_company_ids")
        if company_ids:
            return self(su=True)["res.company"].browse(company_ids)
        return self.user.company_ids

    def is_superuser(self) -> bool:
        return self.su

    def is_admin(self) -> bool:
        return self.su or self.user.has_group("base.group_erp_manager")

    def is_system(self) -> bool:
        return self.su or self.user.has_group("base.group_system")

    def ref(self, xml_id: str, raise_if_not_found: bool = True) -> BaseModel | None:
        """The record of an external id (``module.name``)."""
        from core.addon.xmlids import resolve_xmlid

        found = resolve_xmlid(self, xml_id)
        if found is None:
            if raise_if_not_found:
                raise ValueError(f"External ID not found in the system: {xml_id}")
            return None
        model, res_id = found
        return self[model].browse(res_id)

    def relational_prefetch(self, field: Field, prefetch_ids: Any) -> tuple[Any, ...]:
        """Comodel ids referenced by ``field`` on the records of ``prefetch_ids`` (cached per group)."""
        key = (field, id(prefetch_ids))
        cached = self.cr.state.prefetch.get(key)
        if cached is not None and cached[0] is prefetch_ids:
            return cached[1]
        values = self.cache.field_values(field)
        seen: dict[Any, None] = {}
        for record_id in prefetch_ids:
            value = values.get(record_id)
            if value is None:
                continue
            if isinstance(value, (tuple, list)):
                for item in value:
                    seen[item] = None
            else:
                seen[value] = None
        result = tuple(seen)
        self.cr.state.prefetch[key] = (prefetch_ids, result)
        return result

    def flush(self) -> None:
        self.cr.flush()

    def holding_recompute(self) -> AbstractContextManager[None]:
        """A block whose creates, writes and unlinks compute their stored computed fields once, at
        its end, instead of after each of them (see ``core.records.compute.holding_recompute``)."""
        from core.records.compute import holding_recompute

        return holding_recompute(self)

    def invalidate_all(self) -> None:
        self.cr.flush()
        self.cache.invalidate()
        self.cr.state.prefetch.clear()
