"""Webhooks: a POST to a subscribed URL for each creation, update or deletion of a model's records.

Changes become ``ir.webhook.delivery`` rows in the transaction that made them (so a rolled-back change
sends nothing) and are delivered by the job queue after the commit, signed with HMAC-SHA256; failed
deliveries are retried with growing delays (by RQ, or by a scheduled action when no Redis is set).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import secrets
import time
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlparse

from core import _, clock, model, public
from core.exceptions import ValidationError
from core.jobs import enqueue_method, redis_url
from core.jobs.queue import RETRY_INTERVALS
from core.model_hooks import on_record_event
from core.rpc.values import to_wire

WEBHOOK_MODELS = ("ir.webhook", "ir.webhook.delivery")
MAX_ATTEMPTS = len(RETRY_INTERVALS) + 1
TIMEOUT = 10
_CACHE_ATTR = "_webhook_subscriptions"


@on_record_event
def _queue_deliveries(records: Any, event: str, vals: Any) -> None:
    """Record listener: turn a change of a subscribed model into deliveries (cheap when none is)."""
    if records._name in WEBHOOK_MODELS or "ir.webhook" not in records._registry.models or not records:
        return
    webhooks = [w for w in _subscriptions(records._registry).get(records._name, ()) if event in w["events"]]
    if webhooks:
        records.env["ir.webhook.delivery"].sudo()._queue(records, event, webhooks, vals)


def _subscriptions(registry: Any) -> dict[str, list[dict[str, Any]]]:
    """Active webhooks by model, as committed (read on a connection of their own), cached per version."""
    cached = getattr(registry, _CACHE_ATTR, None)
    if cached is not None and cached[0] == registry.cache_version:
        return cached[1]
    from core.records.environment import SUPERUSER_ID, Environment

    result: dict[str, list[dict[str, Any]]] = {}
    with registry.cursor(readonly=True) as cr:
        for hook in Environment(cr, SUPERUSER_ID, {})["ir.webhook"].search([]):
            events = {
                e
                for e, on in (
                    ("create", hook.on_create),
                    ("write", hook.on_write),
                    ("unlink", hook.on_unlink),
                )
                if on
            }
            fields = [f.strip() for f in (hook.field_names or "").split(",") if f.strip()]
            result.setdefault(hook.model_name, []).append({"id": hook.id, "events": events, "fields": fields})
    setattr(registry, _CACHE_ATTR, (registry.cache_version, result))
    return result


def forget_subscriptions(registry: Any) -> None:
    setattr(registry, _CACHE_ATTR, None)


@model("ir.webhook")
class IrWebhook:
    def create(self, vals_list: Any) -> Any:
        vals_list = [vals_list] if isinstance(vals_list, dict) else list(vals_list)
        vals_list = [{**vals, "secret": vals.get("secret") or secrets.token_hex(32)} for vals in vals_list]
        records = super().create(vals_list)
        self._changed()
        return records

    def write(self, vals: dict[str, Any]) -> bool:
        result = super().write(vals)
        self._changed()
        return result

    def unlink(self) -> bool:
        result = super().unlink()
        self._changed()
        return result

    def _changed(self) -> None:
        registry = self.env.registry
        forget_subscriptions(registry)
        registry.signal_changes(self.env.cr)  # other processes reload their subscriptions
        self.env.cr.postcommit.append(lambda: forget_subscriptions(registry))

    def _check_target(self) -> None:
        for hook in self:
            if hook.model_name not in self.env or hook.model_name in WEBHOOK_MODELS:
                raise ValidationError(
                    _(
                        "Webhook %(name)r: %(model)r is not a model whose changes can be sent.",
                        name=hook.name,
                        model=hook.model_name,
                    ),
                    field="model_name",
                )
            url = urlparse(hook.url or "")
            if url.scheme not in ("http", "https") or not url.hostname:
                raise ValidationError(
                    _(
                        "Webhook %(name)r: the URL must start with http:// or https:// and name a host.",
                        name=hook.name,
                    ),
                    field="url",
                )
            fields = self.env[hook.model_name]._fields
            for name in (f.strip() for f in (hook.field_names or "").split(",") if f.strip()):
                if name not in fields:
                    raise ValidationError(
                        _(
                            "Webhook %(name)r: %(model)s has no field %(field)r.",
                            name=hook.name,
                            model=hook.model_name,
                            field=name,
                        ),
                        field="field_names",
                    )

    @public
    def action_generate_secret(self) -> str:
        """Give the webhook a new random signing secret and answer it: the only time it can be read
        (the field is write-only), so copy it to the receiving side now."""
        self.ensure_one()
        secret = secrets.token_hex(32)
        self.write({"secret": secret})
        return secret

    @public
    def action_test(self) -> bool:
        """Send a test delivery (event ``write`` of no record) to each webhook."""
        deliveries = self.env["ir.webhook.delivery"].sudo()
        for hook in self:
            deliveries |= deliveries.create(
                {
                    "webhook_id": hook.id,
                    "event": "write",
                    "model_name": hook.model_name,
                    "res_id": 0,
                    "payload": json.dumps({"test": True}),
                }
            )
        if deliveries:
            enqueue_method(self.env, "ir.webhook.delivery", "_deliver", deliveries.ids)
        return True


@model("ir.webhook.delivery")
class IrWebhookDelivery:
    def _queue(self, records: Any, event: str, webhooks: list[dict[str, Any]], vals: Any) -> None:
        """Create the deliveries of ``event`` on ``records`` and queue them for after the commit."""
        rows = []
        for hook in webhooks:
            values = self._record_values(records, hook["fields"])
            changed = sorted(vals) if event == "write" and isinstance(vals, dict) else None
            for record_id in records.ids:
                data = values.get(record_id, {"id": record_id})
                body = {
                    "event": event,
                    "model": records._name,
                    "id": record_id,
                    "webhook_id": hook["id"],
                    "data": data,
                }
                if changed is not None:
                    body["changed_fields"] = changed
                rows.append(
                    {
                        "webhook_id": hook["id"],
                        "event": event,
                        "model_name": records._name,
                        "res_id": record_id,
                        "payload": json.dumps(body, ensure_ascii=False),
                    }
                )
        deliveries = self.create(rows)
        enqueue_method(self.env, self._name, "_deliver", deliveries.ids)

    @staticmethod
    def _record_values(records: Any, field_names: list[str]) -> dict[int, dict[str, Any]]:
        model = records.sudo()
        names = field_names or [
            n for n, f in model._fields.items()
            if f.store and f.type not in ("binary", "image") and not f.secret and n != "id"
        ]
        return {row["id"]: to_wire(row) for row in model.read(names)}

    def _deliver(self) -> bool:
        """POST each pending delivery; raise (for the queue to retry) if one failed and may be retried."""
        retry = False
        for delivery in self.filtered(lambda d: d.state == "pending"):
            retry = delivery._attempt() or retry
        self.env.cr.commit()  # keep the attempts even when the queue retries
        if retry:
            raise RuntimeError(_("Webhook delivery failed; it will be retried."))
        return True

    def _attempt(self) -> bool:
        """One POST; True when it failed and another attempt is due."""
        hook = self.webhook_id.sudo()
        body = self.payload.encode()
        stamp = str(int(time.time()))
        secret = hook._secret_value("secret") or ""  # write-only: read from its column to sign
        signature = hmac.new(secret.encode(), stamp.encode() + b"." + body, hashlib.sha256).hexdigest()
        request = urllib.request.Request(
            hook.url,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json",
                "User-Agent": "erp-webhooks/1",
                "X-Erp-Event": self.event,
                "X-Erp-Model": self.model_name,
                "X-Erp-Delivery": str(self.id),
                "X-Erp-Timestamp": stamp,
                "X-Erp-Signature": f"sha256={signature}",
            },
        )
        status, error = 0, ""
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                status = response.status
        except urllib.error.HTTPError as problem:
            status, error = problem.code, f"HTTP {problem.code}: {problem.reason}"
        except (urllib.error.URLError, OSError, ValueError) as problem:
            error = str(getattr(problem, "reason", problem))
        attempts = self.attempts + 1
        if 200 <= status < 300:
            self.write(
                {
                    "state": "done",
                    "attempts": attempts,
                    "response_status": status,
                    "last_error": False,
                    "delivered_at": clock.utcnow(),
                    "next_attempt": False,
                }
            )
            return False
        more = attempts < MAX_ATTEMPTS
        delay = RETRY_INTERVALS[min(attempts - 1, len(RETRY_INTERVALS) - 1)]
        self.write(
            {
                "state": "pending" if more else "failed",
                "attempts": attempts,
                "response_status": status or False,
                "last_error": error or _("HTTP status %(status)s", status=status),
                "next_attempt": clock.utcnow() + dt.timedelta(seconds=delay) if more else False,
            }
        )
        return more

    def _retry_due(self) -> bool:
        """Scheduled action: deliver the pending deliveries whose next attempt is due (without Redis only:
        RQ retries by itself)."""
        if redis_url():
            return True
        due = self.sudo().search(
            [("state", "=", "pending"), ("next_attempt", "<=", clock.utcnow())], limit=500
        )
        for delivery in due:
            delivery._attempt()
        return True

    @public
    def action_retry(self) -> bool:
        """Send failed or pending deliveries again now."""
        self.write({"state": "pending", "next_attempt": False})
        enqueue_method(self.env, self._name, "_deliver", self.ids)
        return True
