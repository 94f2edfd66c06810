"""Where the studio keeps a view's layout: an extension view of the model's primary view, read and written
through the record API, with an external id under ``studio_customization`` (so that
``erp export-customizations`` takes it along).

A model shown with a generated view (no view of that type is stored) first gets that view stored as a
primary view of the studio's own, so that there is a view to extend.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from core.addon.customizations_ui import CUSTOMIZATION_MODULE
from core.addon.view_arch import ArchError, check_arch, resolve_arch, resolved_arch
from core.addon.view_defaults import DEFAULTS
from core.addon.xmlids import set_xmlids, xmlids_of
from core.exceptions import ConcurrencyError, UserError, ValidationError
from core.i18n import _
from core.records.environment import Environment
from web.client.session_env import in_groups, user_groups
from web.studio.compact import CompactionError, studio_changes

# after the extensions of the addons, so the studio arranges the view as they leave it
STUDIO_PRIORITY = 99


@dataclass
class StudioView:
    """One view as the studio edits it: ``base`` is what its extension starts from, ``arch`` the result."""

    model: str
    view_type: str
    primary: Any
    extension: Any
    base: dict[str, Any]
    arch: dict[str, Any]
    broken: str = ""  # why the studio's changes no longer fit the view (an upgrade changed what they name)

    @property
    def stamp(self) -> str:
        """What the editor page saw, to refuse an edit based on a layout someone else changed since."""
        return _stamp(self.extension.write_date) if self.extension else ""


def _stamp(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    return str(value or "")


def primary_view(env: Environment, model: str, view_type: str, view_id: int | None = None) -> Any:
    """The primary view the client shows (``view_id`` when it is one), or an empty recordset."""
    Views = env["ir.ui.view"]
    if view_id:
        view = Views.browse(view_id).exists()
        if view and view.model == model and view.type == view_type and view.mode == "primary":
            return view
    groups = user_groups(env)
    candidates = Views.search(
        [("model", "=", model), ("type", "=", view_type), ("mode", "=", "primary")], order="priority, id"
    )
    return next((view for view in candidates if in_groups(groups, view.groups_id.ids)), Views.browse())


def studio_extension(env: Environment, primary: Any) -> Any:
    """The studio's extension of ``primary`` (an empty recordset before the first edit)."""
    Views = env["ir.ui.view"]
    if not primary:
        return Views.browse()
    extensions = Views.with_context(active_test=False).search(
        [("inherit_id", "=", primary.id), ("mode", "=", "extension")]
    )
    ours = env["ir.model.data"].search_read(
        [
            ("module", "=", CUSTOMIZATION_MODULE),
            ("model", "=", "ir.ui.view"),
            ("res_id", "in", extensions.ids),
        ],
        ["res_id"],
    )
    ids = {row["res_id"] for row in ours}
    return extensions.filtered(lambda view: view.id in ids)[:1]


def load(env: Environment, model: str, view_type: str, view_id: int | None = None) -> StudioView:
    """The view of ``model`` the studio edits, as it stands in this transaction."""
    primary = primary_view(env, model, view_type, view_id)
    extension = studio_extension(env, primary)
    if not primary:
        arch = DEFAULTS[view_type](env[model])
        return StudioView(model, view_type, primary, extension, arch, arch)
    base = resolved_arch(env, primary, exclude=frozenset(extension.ids))
    arch, skipped = resolve_arch(env, primary)
    broken = next((s.reason for s in skipped if s.view_id in extension.ids), "")
    if broken:
        return StudioView(model, view_type, primary, extension, base, base, broken=broken)
    return StudioView(model, view_type, primary, extension, base, arch)


def rebased(env: Environment, view: StudioView) -> StudioView:
    """``view`` with its base read again (after its primary view changed), its extension left aside."""
    base = resolved_arch(env, view.primary, exclude=frozenset(view.extension.ids))
    return StudioView(view.model, view.view_type, view.primary, view.extension, base, view.arch)


def check_stamp(view: StudioView, stamp: str | None) -> None:
    """Refuse an edit made on a page older than the last change of the layout."""
    if stamp is not None and stamp != view.stamp:
        raise stale()


def stale() -> ConcurrencyError:
    return ConcurrencyError(
        _(
            "The layout of this view was changed by someone else after you opened it. Here it is as it "
            "stands now: make your change again."
        )
    )


def save(env: Environment, view: StudioView, arch: dict[str, Any], stamp: str | None) -> None:
    """Store ``arch`` as the studio's extension of the view (removed when nothing differs any more)."""
    check_stamp(view, stamp)
    if view.broken:
        raise UserError(
            _(
                "The studio's changes no longer fit this view (%(reason)s): reset the view first.",
                reason=view.broken,
            )
        )
    try:
        check_arch(env[view.model], view.view_type, arch)
        changes = studio_changes(view.base, arch, view.view_type)
    except ArchError as error:
        raise ValidationError(_("The view cannot be saved: %(reason)s", reason=error.reason)) from None
    except CompactionError as error:
        raise UserError(_("The studio cannot store this layout: %(reason)s", reason=str(error))) from None
    extension = view.extension
    if not changes:
        if extension:
            extension.with_context(__last_update=view.stamp).unlink()
        return
    if extension:
        extension.with_context(__last_update=view.stamp).write({"arch": {"changes": changes}})
        return
    try:
        with env.cr.savepoint():
            _create_extension(env, view, changes)
    except sa.exc.IntegrityError:
        # another consultant made the view's first change at the same moment: theirs stands
        raise stale() from None


def _create_extension(env: Environment, view: StudioView, changes: list[dict[str, Any]]) -> None:
    primary = view.primary or _store_generated(env, view)
    created = env["ir.ui.view"].create(
        {
            "name": f"{view.model}.{view.view_type}.studio",
            "model": view.model,
            "type": view.view_type,
            "mode": "extension",
            "inherit_id": primary.id,
            "priority": STUDIO_PRIORITY,
            "arch": {"changes": changes},
        }
    )
    name = _extension_name(env, view, primary)
    set_xmlids(env, "ir.ui.view", [(CUSTOMIZATION_MODULE, name, created.id, False)])


def _store_generated(env: Environment, view: StudioView) -> Any:
    """Store the generated view the studio starts from as a primary view of its own."""
    table = view.model.replace(".", "_")
    primary = env["ir.ui.view"].create(
        {
            "name": f"{view.model}.{view.view_type}",
            "model": view.model,
            "type": view.view_type,
            "mode": "primary",
            "arch": view.base,
        }
    )
    set_xmlids(env, "ir.ui.view", [(CUSTOMIZATION_MODULE, f"{table}_{view.view_type}", primary.id, False)])
    return primary


def _extension_name(env: Environment, view: StudioView, primary: Any) -> str:
    """``<primary's external id>_studio``: one extension per view, named after the view it changes."""
    xmlid = xmlids_of(env, "ir.ui.view", [primary.id]).get(primary.id)
    if xmlid and xmlid.startswith(f"{CUSTOMIZATION_MODULE}."):
        return f"{xmlid.split('.', 1)[1]}_studio"
    if xmlid:
        return f"{xmlid.replace('.', '_')}_studio"
    return f"{view.model.replace('.', '_')}_{view.view_type}_{primary.id}_studio"


def reset(env: Environment, view: StudioView, stamp: str | None) -> None:
    """Undo every studio change of the view (and forget the generated view the studio stored)."""
    check_stamp(view, stamp)
    if view.extension:
        view.extension.with_context(__last_update=view.stamp).unlink()
    primary = view.primary
    Views = env["ir.ui.view"].with_context(active_test=False)
    if primary and not Views.search_count([("inherit_id", "=", primary.id)]):
        xmlid = xmlids_of(env, "ir.ui.view", [primary.id]).get(primary.id) or ""
        if xmlid.startswith(f"{CUSTOMIZATION_MODULE}.") and not _used_by_actions(env, primary):
            primary.unlink()


def _used_by_actions(env: Environment, view: Any) -> bool:
    return bool(env["ir.actions.act_window"].search_count([("view_id", "=", view.id)]))
