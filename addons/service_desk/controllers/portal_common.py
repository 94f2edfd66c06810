"""What the public portals of the service desk share: a transaction without login, the file a person
attaches, and the request found again from its tracking link."""

from __future__ import annotations

import base64
from typing import Any

MAX_UPLOAD = 8 * 1024 * 1024  # bytes of one photo or document


def public_env_run(work: Any, readonly: bool = False) -> Any:
    """Run ``work(env)`` in one transaction of the server's database, as the system: public pages act only
    through the narrow, checked paths they call."""
    from web.public import run_public

    return run_public(work, readonly=readonly)


def attach_upload(env: Any, record: Any, upload: Any) -> int | None:
    """Attach an uploaded file (werkzeug FileStorage) to ``record``; its attachment id, or None."""
    if upload is None or not upload.filename:
        return None
    content = upload.read(MAX_UPLOAD + 1)
    if not content or len(content) > MAX_UPLOAD:
        return None
    attachment = (
        env["ir.attachment"]
        .sudo()
        .create(
            {
                "name": upload.filename[:120],
                "datas": base64.b64encode(content).decode(),
                "res_model": record._name,
                "res_id": record.id,
            }
        )
    )
    return attachment.id


def find_tracked(env: Any, model_name: str, number_field: str, number: str, token: str) -> Any:
    """The record of tracking number ``number`` whose access token is ``token``; empty otherwise."""
    import hmac

    Records = env[model_name].sudo()
    record = Records.search([(number_field, "=", number)], limit=1) if number and token else Records
    if record and record.access_token and hmac.compare_digest(record.access_token, token):
        return record
    return Records.browse()


def portal_partner(env: Any) -> Any:
    """The contact of the portal account logged in on this browser (a checked session), else empty: what
    such a person files is theirs and shows in their list."""
    from web.auth.session import session_is_valid, session_user

    Partners = env["res.partner"].sudo()
    who = session_user()
    if who is None or who[0] != env.registry.db_name:
        return Partners.browse()
    user_env = env(user=who[1], su=False)
    if not session_is_valid(user_env):
        return Partners.browse()
    user = user_env["res.users"].sudo().browse(who[1]).exists()
    portal = user and user.has_group("base.group_portal") and not user.has_group("base.group_user")
    return user.partner_id if portal else Partners.browse()
