"""Actions on the records selected in a list: archive, unarchive, delete, export; saved filters."""

from __future__ import annotations

from typing import Any

from flask import redirect, request, url_for

from core.exceptions import UserError
from core.i18n import _
from core.records.environment import Environment
from web.client import bp
from web.client.actions import records_env
from web.client.pages import nav_for
from web.client.request_env import flash, with_env
from web.client.search import parse_state, search_domain
from web.client.views.analysis import setup_context
from web.client.views.arch import get_arch

BULK_ACTIONS = ("archive", "unarchive", "delete", "export")


def _selected_ids() -> list[int]:
    ids = [int(raw) for raw in request.form.getlist("ids") if raw.isdigit()]
    if not ids:
        raise UserError(_("Select at least one record first."))
    return ids


def _back() -> str:
    target = request.form.get("back", "")
    return target if target.startswith("/") and not target.startswith("//") else "/web"


@bp.route("/data/<model>/bulk", methods=["POST"])
def bulk(model: str) -> Any:
    operation = request.form.get("operation", "")
    action_id = request.args.get("action", type=int)
    if operation not in BULK_ACTIONS:
        flash(_("Unknown operation %(operation)r.", operation=operation), "error")
        return redirect(_back())
    return _apply(model, operation, action_id)


def _flash_back(env: Environment, error: Exception, *args: Any, **kwargs: Any) -> Any:
    """A refusal: its message on the page the user came from."""
    flash(getattr(error, "message", str(error)), "error")
    return redirect(_back())


@with_env(recover=_flash_back)
def _apply(env: Environment, model: str, operation: str, action_id: int | None) -> Any:
    nav = nav_for(env, action_id, model)
    records = records_env(env, nav.action).browse(_selected_ids())
    if operation == "export":
        # the field picker (CSV/XLSX, saved templates) with the selection
        records.check_access_rights("read")
        return redirect(url_for("dataio.export_form", model=model, ids=",".join(map(str, records.ids))))
    if operation == "delete":
        count = len(records)
        records.unlink()
        flash(_("%(count)s records deleted.", count=count), "success")
    else:
        if "active" not in records._fields:
            raise UserError(_("Records of %(model)s cannot be archived.", model=model))
        records.action_unarchive() if operation == "unarchive" else records.action_archive()
        message = (
            _("%(count)s records archived.")
            if operation == "archive"
            else _("%(count)s records restored.")
        )
        flash(message % {"count": len(records)}, "success")
    return redirect(_back())


@bp.route("/data/<model>/filters", methods=["POST"])
@with_env(recover=_flash_back)
def save_filter(env: Environment, model: str) -> Any:
    """Save the current search (facets and grouping) under a name, for the user or for everyone."""
    action_id = request.args.get("action", type=int)
    name = request.form.get("name", "").strip()
    nav = nav_for(env, action_id, model)
    if not name:
        raise UserError(_("Give the filter a name."))
    records = records_env(env, nav.action)
    search_arch = get_arch(env, model, "search", nav.action.search_view_id)
    state = parse_state(request.form, search_arch, nav.action, records)
    state.touched = True
    domain = search_domain(env, records, search_arch, state)
    env["ir.ui.filter"].create(
        {
            "name": name,
            "model_id": model,
            "domain": repr(domain),
            "context": repr({"group_by": state.group_by, **setup_context(request.form)}),
            "action_id": nav.action.id or False,
            "user_id": False if request.form.get("shared") else env.uid,
            "is_default": bool(request.form.get("is_default")),
        }
    )
    flash(_("Filter %(name)s saved.", name=name), "success")
    return redirect(_back())


@bp.route("/data/filters/<int:filter_id>/delete", methods=["POST"])
@with_env(recover=_flash_back)
def delete_filter(env: Environment, filter_id: int) -> Any:
    env["ir.ui.filter"].browse(filter_id).unlink()
    flash(_("Filter deleted."), "success")
    return redirect(_back())
