"""Install hooks of the CRM."""
from __future__ import annotations

from core.records.compute import mark_to_compute, recompute_pending
from core.records.environment import Environment


def post_init(env: Environment) -> None:
    """Contacts that existed before the CRM get their sanitized phone, used to match leads."""
    partners = env["res.partner"].sudo().with_context(active_test=False).search(
        ["|", ("phone", "!=", False), ("mobile", "!=", False)])
    if partners:
        mark_to_compute(partners, {partners._fields["phone_sanitized"]: set(partners.ids)})
        recompute_pending(partners)
