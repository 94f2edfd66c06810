"""Part of BaseModel: access rights and record rules, as the security service decides them."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from core.db.sql import in_ids
from core.domain.compile import DomainCompiler
from core.exceptions import AccessError
from core.i18n import _
from core.records.compute import flush_for_query
from core.records.model_part import ModelPart
from core.records.recordset import split_every
from core.records.rule_values import decide_rule_on_values

if TYPE_CHECKING:
    from core.fields.base import Field

OPERATIONS = ("read", "write", "create", "unlink")


class AccessMixin(ModelPart):
    def _check_access(self, operation: str) -> None:
        """Raise AccessError unless the user's groups grant ``operation`` on this model."""
        if self.env.su:
            return
        self._registry.security.check_model(self.env, self._name, operation)

    def check_access_rights(self, operation: str, raise_exception: bool = True) -> bool:
        if operation not in OPERATIONS:
            raise ValueError(
                f"Invalid access operation {operation!r}: expected one of {', '.join(OPERATIONS)}"
            )
        try:
            self._check_access(operation)
        except AccessError:
            if raise_exception:
                raise
            return False
        return True

    def _rule_condition(self, operation: str, table: sa.FromClause) -> Any:
        """The SQL condition of the record rules of ``operation`` for the user (and of the model's
        ``_extra_rule_condition``), or None."""
        if self.env.su:
            return None
        domain = self._registry.security.rule_domain(self.env, self._name, operation)
        condition = None if domain is None else \
            DomainCompiler(self.sudo().with_context(active_test=False), table).compile(domain)
        extra = self._extra_rule_condition(operation, table)
        if extra is None:
            return condition
        return extra if condition is None else sa.and_(condition, extra)

    def check_access_rule(self, operation: str) -> None:
        """Raise AccessError if a record rule forbids ``operation`` on one of these records."""
        if self.env.su or not self:
            return
        self._check_existing_for(operation)

    @contextmanager
    def _undone_if_refused(self, operation: str) -> Iterator[None]:
        """Run a create or write so that a record rule refusing its result leaves nothing behind.

        Rules are checked on the written rows, so when rules apply to the user the work runs in a
        savepoint that the refusal rolls back; without rules no savepoint is spent.
        """
        if self.env.su or self._registry.security.rule_domain(self.env, self._name, operation) is None:
            yield
            return
        with self.env.cr.savepoint():
            yield

    def _rules_allow_values(self, operation: str,
                            rows: list[tuple[dict[Field, Any], dict[Field, Any]]]) -> bool:
        """True when the rules of ``operation`` are known to accept ``rows`` before they are written
        (no rule applies, or each is decided on the values); raise AccessError when they are known
        to refuse them, before anything is written; False when only the database can tell."""
        if self.env.su:
            return True
        domain = self._registry.security.rule_domain(self.env, self._name, operation)
        if self._extra_rule_condition(operation, self._table) is not None:
            return False
        if domain is None:
            return True
        decided = decide_rule_on_values(self, domain, rows)
        if decided is False:
            raise self._rule_refusal(operation)
        return bool(decided)

    def _rule_refusal(self, operation: str) -> AccessError:
        return AccessError(
            _(
                "You are not allowed to %(operation)s this %(model)s record: the result would break "
                "a record rule.",
                operation=operation,
                model=self._model_label(),
            )
        )

    def _check_rules_after(self, operation: str) -> None:
        """After create/write: the records must still satisfy the rules of ``operation``."""
        if self.env.su:
            return
        table = self._table
        rule = self._rule_condition(operation, table)
        if rule is None:
            return
        flush_for_query(self)  # the rule may read stored computed columns still pending in a hold
        ids = list(self._ids)
        found: set[int] = set()
        for chunk in split_every(ids, 10000):
            rows = self.env.cr.execute(
                sa.select(table.c.id).where(in_ids(table.c.id, chunk, self.env.cr.dialect)).where(rule)
            )
            found.update(row[0] for row in rows)
        if len(found) != len(set(ids)):
            raise self._rule_refusal(operation)
