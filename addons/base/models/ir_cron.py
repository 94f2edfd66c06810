"""Scheduled actions: model methods run on a schedule by `erp cron` or the server's scheduler thread."""
from __future__ import annotations

import ast
import datetime as dt
import logging
import traceback

import sqlalchemy as sa
from dateutil.relativedelta import relativedelta

from core import _, clock, model, public
from core.exceptions import ValidationError
from core.records.environment import Environment

_logger = logging.getLogger(__name__)
STEPS = {"minutes": "minutes", "hours": "hours", "days": "days", "weeks": "weeks", "months": "months"}


@model("ir.cron")
class IrCron:
    def _check_target(self) -> None:
        for job in self:
            if job.model_name not in self.env:
                raise ValidationError(_("Scheduled action %(name)r: unknown model %(model)r.", name=job.name,
                                        model=job.model_name), field="model_name")
            if not callable(getattr(self.env[job.model_name], job.method, None)):
                message = _("Scheduled action %(name)r: %(model)s has no method %(method)r.", name=job.name,
                            model=job.model_name, method=job.method)
                raise ValidationError(message, field="method")
            try:
                parsed = ast.literal_eval(job.args or "[]")
            except (ValueError, SyntaxError):
                parsed = None
            if not isinstance(parsed, list):
                raise ValidationError(_("Scheduled action %(name)r: arguments must be a list of literals.",
                                        name=job.name), field="args")

    def _next_time(self, after: dt.datetime) -> dt.datetime:
        step = relativedelta(**{STEPS[self.interval_type]: self.interval_number})
        moment = self.nextcall or after
        while moment <= after:
            moment = moment + step
        return moment

    @public
    def method_direct_trigger(self) -> bool:
        """Run the action now, as its user, in the current transaction."""
        for job in self:
            job._run_one(self.env)
        return True

    def _run_one(self, env: Environment) -> None:
        target = env(user=self.user_id.id, su=False)[self.model_name]
        getattr(target, self.method)(*ast.literal_eval(self.args or "[]"))

    def _due_ids(self) -> list[int]:
        table = self._table
        now = clock.utcnow()
        statement = (sa.select(table.c.id).where(table.c.active.is_(True)).where(table.c.nextcall <= now)
                     .order_by(table.c.priority, table.c.id))
        return [row[0] for row in self.env.cr.execute(statement)]

    def _process_job(self, job_id: int) -> bool:
        """Run one due job in the current transaction if no other process holds it; True if it ran."""
        table = self._table
        statement = (sa.select(table.c.id).where(table.c.id == job_id)
                     .where(table.c.nextcall <= clock.utcnow()))
        if self.env.cr.dialect == "postgresql":
            statement = statement.with_for_update(skip_locked=True)
        if self.env.cr.execute(statement).first() is None:
            return False
        job = self.sudo().browse(job_id)
        now = clock.utcnow()
        error: str | bool = False
        try:
            with self.env.cr.savepoint():
                job._run_one(self.env)
        except Exception:
            error = traceback.format_exc(limit=5)
            _logger.exception("scheduled action %s failed", job.name)
        job.write({"nextcall": job._next_time(now), "lastcall": now, "last_error": error})
        return True
